"""The ledger as XLSX, opened with openpyxl: the month's levels (collection, arrears, kept
and remitted) and members, the year's months, levels and arrears; from the page and from
`dangvu dues ledger --xlsx`; audited."""

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.dues.rules import Category
from dangvu.dues.services import Collected, dues_basis_set, dues_collect
from dangvu.members.models import Member
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role

D = dt.date


@pytest.fixture
def members(tree: Tree, add_member: AddMember) -> tuple[Member, Member]:
    payer = add_member(tree.cell_a1, full_name="Nguyễn Văn Đóng")
    late = add_member(tree.cell_a1, full_name="Trần Thị Muộn", gender="F")
    for member in (payer, late):
        dues_basis_set(actor=OPERATOR, member=member, month=D(2026, 1, 1),
                       category=Category.SALARY_STATE, income=10_000_000, today=TODAY)  # fmt: skip
    for month in (D(2026, m, 1) for m in range(1, 11)):
        dues_collect(actor=OPERATOR, cell=tree.cell_a1, month=month, today=TODAY,
                     payments=[Collected(payer, 100_000, month)])  # fmt: skip
    return payer, late


def _values(sheet: object) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def _row(rows: list[list[object]], first: object) -> list[object]:
    return next(row for row in rows if first in row)


def test_the_months_ledger_has_each_levels_split_and_every_member(
    tree: Tree, members: tuple[Member, Member], tmp_path: Path
) -> None:
    path = tmp_path / "so.xlsx"

    call_command("dues", "ledger", "--month", "2026-05", "--org", "CSA", "--xlsx", str(path),
                 stdout=io.StringIO())  # fmt: skip

    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["Các cấp", "Đảng viên"]
    levels, people = _values(book["Các cấp"]), _values(book["Đảng viên"])
    assert "SỔ THU ĐẢNG PHÍ THÁNG 05/2026" in levels[0]
    # CSA-1 collected 100,000 đ and keeps 30%; the đảng bộ cơ sở keeps up to 70% in all.
    assert _row(levels, "CSA-1")[3:10] == [2, 200_000, 100_000, 1, 100_000, 30_000, 70_000]
    assert _row(levels, "CSA")[7:10] == [70_000, 40_000, 30_000]
    assert _row(people, "Trần Thị Muộn")[3:8] == ["CSA-1", 100_000, 0, 5, "Có"]
    entry = AuditEntry.objects.get(action=Event.DUES_LEDGER_EXPORTED)
    assert (entry.data["month"], entry.data["org"]) == ("2026-05-01", "CSA")
    assert entry.org_id == tree.grassroots_a.pk


def test_the_years_ledger_sums_the_months_and_lists_the_arrears(
    tree: Tree, members: tuple[Member, Member], make_user: MakeUser
) -> None:
    client = Client()
    client.force_login(make_user("tochuc", Role.SECRETARY, tree.grassroots_a))

    response = client.get(reverse("dues:ledger"),
                          {"month": "10/2026", "format": "xlsx", "period": "year"})  # fmt: skip

    assert response["Content-Disposition"] == 'attachment; filename="so-dang-phi-2026.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["Các tháng", "Các cấp", "Nợ đảng phí"]
    months, levels, arrears = (_values(book[name]) for name in book.sheetnames)
    # January under Quyết định 342, the other months under Quy định 01, to November, the
    # month in progress on TODAY; the levels up to the committee keep 85% of what was paid.
    assert _row(months, "01/2026")[2:9] == ["Quyết định 342-QĐ/TW; Công văn 141-CV/VPTW/nb", 2,
                                            200_000, 100_000, 0, 85_000, 15_000]  # fmt: skip
    assert [row[1] for row in months if row[1] and str(row[1])[2:3] == "/"][-1] == "11/2026"
    assert _row(levels, "CSA-1")[3:5] == [2_200_000, 1_000_000]
    assert _row(arrears, "Trần Thị Muộn")[2:5] == [members[1].national_id, "CSA-1", 11]


def test_an_export_refuses_a_file_that_is_not_xlsx(
    members: tuple[Member, Member], tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match=r"\.xlsx"):
        call_command("dues", "ledger", "--month", "2026-05", "--xlsx", str(tmp_path / "so.csv"))
