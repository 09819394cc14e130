"""An import's file holds names, birth dates and CCCD numbers: it is stored under a random
name, downloaded only by the batch's creator and administrators, and deleted once its batch
is committed, undone or abandoned."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone

from conftest import MakeUser, Tree
from dangvu.imports.members import batch_check
from dangvu.imports.models import ImportBatch
from dangvu.imports.states import Step, batch_move
from dangvu.imports.tests.test_import_members import GOOD, _xlsx
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role

NAME = "Danh sách đảng viên quý 4.xlsx"


@pytest.fixture
def tochuc(client: Client, tree: Tree, make_user: MakeUser) -> Client:
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    return client


def _upload(client: Client, tmp_path: Path) -> ImportBatch:
    data = _xlsx(tmp_path / "ds.xlsx", GOOD).read_bytes()
    client.post("/app/imports/", {"file": SimpleUploadedFile(NAME, data)})
    return ImportBatch.objects.get()


def test_an_upload_is_stored_under_a_random_name_and_downloaded_by_its_creator(
    tochuc: Client, tree: Tree, make_user: MakeUser, tmp_path: Path
) -> None:
    batch = _upload(tochuc, tmp_path)
    other = Client()
    other.force_login(make_user("bithu", Role.SECRETARY, tree.grassroots_a))

    download = tochuc.get(f"/app/imports/{batch.pk}/file/")

    assert batch.file_name == NAME
    assert batch.file.name.startswith("imports/") and "Danh" not in batch.file.name
    assert download.getvalue() == (tmp_path / "ds.xlsx").read_bytes()
    assert "filename*=utf-8''Danh%20s%C3%A1ch" in download["Content-Disposition"]
    assert other.get(f"/app/imports/{batch.pk}/file/").status_code == 404


def test_a_committed_batch_loses_its_file(
    tochuc: Client,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    batch = _upload(tochuc, tmp_path)
    stored = batch.file.name

    with django_capture_on_commit_callbacks(execute=True):
        tochuc.post(f"/app/imports/{batch.pk}/commit/")

    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.COMMITTED
    assert (batch.file.name, default_storage.exists(stored)) == ("", False)
    assert tochuc.get(f"/app/imports/{batch.pk}/file/").status_code == 404


def _batch(state: str, *, age_days: int = 0) -> ImportBatch:
    batch = ImportBatch(file_name="ds.csv", state=state)
    batch.file.save("ds.csv", ContentFile(b"Ho ten\n"), save=True)
    created = timezone.now() - dt.timedelta(days=age_days)
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=created)
    return batch


@pytest.mark.django_db
def test_an_undone_batch_loses_its_file_and_a_rolled_back_one_keeps_it(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    undone, rolled_back = _batch("COMMITTED"), _batch("COMMITTED")
    ImportBatch.objects.filter(pk__in=[undone.pk, rolled_back.pk]).update(file="x")  # leftover
    undone.refresh_from_db()
    rolled_back.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        batch_move(undone, Step.UNDO)
        with pytest.raises(RuntimeError), transaction.atomic():
            batch_move(rolled_back, Step.UNDO)
            raise RuntimeError

    undone.refresh_from_db()
    rolled_back.refresh_from_db()
    assert (undone.file.name, rolled_back.file.name) == ("", "x")


@pytest.mark.django_db
def test_the_purge_deletes_files_of_finished_and_abandoned_batches(
    capsys: pytest.CaptureFixture[str],
) -> None:
    abandoned = _batch("CHECKED", age_days=8)
    recent = _batch("CHECKED", age_days=6)
    committed = _batch("COMMITTED")
    names = {b.pk: b.file.name for b in (abandoned, recent, committed)}

    call_command("purge_uploads")

    kept = {b.pk: b.file.name for b in ImportBatch.objects.all()}
    assert kept == {abandoned.pk: "", recent.pk: names[recent.pk], committed.pk: ""}
    assert [default_storage.exists(n) for n in names.values()] == [False, True, False]
    assert "Đã xóa 2 tệp nhập (lưu tối đa 7 ngày)." in capsys.readouterr().out


def test_a_batch_whose_file_was_purged_reports_it_when_checked_again(tree: Tree) -> None:
    batch = ImportBatch.objects.create(file_name="ds.xlsx", state="UPLOADED")

    batch_check(batch.pk, user=OPERATOR, today=dt.date(2026, 11, 26))

    batch.refresh_from_db()
    assert "không tìm thấy tệp" in batch.problems[0]["message"]
