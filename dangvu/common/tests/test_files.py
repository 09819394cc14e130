"""Uploads live under random names in a storage without URLs, and reach a browser only
through a view that checked the reader (streamed, or handed to nginx or Apache)."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.test import override_settings
from django.urls import Resolver404, resolve

from dangvu.common.files import (
    PrivateFileStorage,
    PrivateMemoryStorage,
    RandomName,
    private_file_response,
)


@pytest.mark.parametrize(
    ("uploaded", "suffix"),
    [
        ("Danh sách đảng viên 2026.XLSX", ".xlsx"),
        ("../../etc/passwd", ""),
        ("ảnh.j p g", ""),
        ("a" * 300 + ".csv", ".csv"),
    ],
)
def test_uploads_are_stored_under_random_names(uploaded: str, suffix: str) -> None:
    name = RandomName("imports")(None, uploaded)

    assert re.fullmatch(rf"imports/[0-9a-f]{{32}}{re.escape(suffix)}", name)
    assert name != RandomName("imports")(None, uploaded)


def test_private_files_have_no_url() -> None:
    storage = PrivateMemoryStorage()
    name = storage.save("imports/x.csv", ContentFile(b"x"))

    with pytest.raises(NotImplementedError, match="private files are served by views"):
        storage.url(name)


def test_uploads_have_no_public_route() -> None:
    with pytest.raises(Resolver404):
        resolve("/media/imports/ds.csv")


def _stored(tmp_path: Path) -> FieldFile:
    """A file saved as a batch's would be, in a file-system storage at TMP_PATH."""
    field = SimpleNamespace(storage=PrivateFileStorage(location=tmp_path))
    name = field.storage.save(RandomName("imports")(None, "ds.csv"), ContentFile(b"Ho ten\n"))
    return FieldFile(None, field, name)  # type: ignore[arg-type]


def test_a_checked_file_is_streamed_by_django_by_default(tmp_path: Path) -> None:
    file = _stored(tmp_path)

    response = private_file_response(file, filename="Danh sách.csv")

    assert b"".join(response.streaming_content) == b"Ho ten\n"  # type: ignore[attr-defined]
    assert response["Content-Type"].startswith("text/csv")
    assert "filename*=utf-8''Danh%20s%C3%A1ch.csv" in response["Content-Disposition"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@override_settings(PRIVATE_FILES_SERVER="nginx")
def test_nginx_is_told_the_internal_location_of_a_checked_file(tmp_path: Path) -> None:
    file = _stored(tmp_path)

    response = private_file_response(file, filename="Danh sách.csv")

    assert response["X-Accel-Redirect"] == f"/_private/{file.name}"
    assert response.getvalue() == b""
    assert response["Content-Disposition"].startswith("attachment;")


@override_settings(PRIVATE_FILES_SERVER="apache")
def test_apache_is_told_the_path_of_a_checked_file(tmp_path: Path) -> None:
    file = _stored(tmp_path)

    response = private_file_response(file, filename="Danh sách.csv", inline=True)

    assert response["X-Sendfile"] == str(tmp_path / str(file.name))
    assert response["Content-Disposition"].startswith("inline;")
