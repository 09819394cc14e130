"""A member export streams from disk, holds no transaction while it reads, and refuses
what an XLSX sheet cannot hold instead of cutting it short."""

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common import spreadsheets
from dangvu.common.models import AuditEntry
from dangvu.members import export
from dangvu.members.selectors import MemberFilter
from dangvu.organizations.access import Operator
from dangvu.organizations.roles import Role

NAMES = ["Đặng Thị Hoa", "Phạm Văn Bê", "Lê Văn Lại", "Trần Thị Thu", "Vũ Văn Nam"]


@pytest.fixture
def admin(tree: Tree, make_user: MakeUser, client: Client) -> Client:
    client.force_login(make_user("quantri", Role.ADMIN))
    return client


@pytest.fixture
def five(tree: Tree, add_member: AddMember) -> Tree:
    for name in NAMES:
        add_member(tree.cell_a1, full_name=name)
    return tree


@pytest.mark.django_db(transaction=True)
def test_the_rows_are_read_in_chunks_outside_any_transaction(
    five: Tree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite a transaction around the export would hold the write lock (IMMEDIATE) for
    the whole of a million rows; on PostgreSQL, a snapshot."""
    monkeypatch.setattr(export, "CHUNK", 2)
    seen: list[bool] = []
    rows = export._rows

    def watched(*args: Any) -> Any:
        for row in rows(*args):
            seen.append(connection.in_atomic_block)
            yield row

    monkeypatch.setattr(export, "_rows", watched)

    count = export.members_export(
        user=Operator(), filters=MemberFilter(as_of=TODAY), path=tmp_path / "ds.csv"
    )

    assert count == len(seen) == 5
    assert not any(seen)
    listed = list(csv.reader(io.StringIO((tmp_path / "ds.csv").read_text("utf-8-sig"))))
    assert sorted(row[0] for row in listed[1:]) == sorted(NAMES)
    assert AuditEntry.objects.get(action="members.exported").data["rows"] == 5


def test_the_download_is_streamed(admin: Client, five: Tree) -> None:
    response = admin.get(reverse("members:export", args=["csv"]))

    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    assert "Vũ Văn Nam" in text
    assert 'filename="dang-vien-20261126.csv"' in response["Content-Disposition"]


def test_a_list_longer_than_a_sheet_is_refused_with_a_message(
    admin: Client, five: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A sheet of four rows: the header and three members.
    monkeypatch.setattr(spreadsheets, "XLSX_ROWS", 4)

    response = admin.get(reverse("members:export", args=["xlsx"]) + "?gender=M")

    assert response.status_code == 302
    assert response["Location"] == reverse("members:list") + "?gender=M"
    assert any("tối đa" in str(m) and "CSV" in str(m) for m in get_messages(response.wsgi_request))
    assert not AuditEntry.objects.filter(action="members.exported").exists()
    assert admin.get(reverse("members:export", args=["csv"])).status_code == 200
