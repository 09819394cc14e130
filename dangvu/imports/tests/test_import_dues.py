"""`dangvu dues import` and `dangvu dues ledger`: a cell's collection sheet checked against
what each member owes that month, located problems and nothing written, a dry run, exit
codes; the ledger's JSON."""

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from conftest import TODAY, AddMember, MakeUser, Outside, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.dues.models import DuesBasis, DuesPayment
from dangvu.dues.rules import Category
from dangvu.dues.services import dues_basis_set
from dangvu.members.models import Member
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role

D = dt.date
HEADER = ["STT", "Họ và tên", "Số CCCD", "Đối tượng", "Căn cứ tính", "Số tiền nộp", "Ngày nộp"]


def sheet(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["BẢNG THU ĐẢNG PHÍ THÁNG 3/2026"])
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("dues", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def cell(tree: Tree, add_member: AddMember) -> tuple[Member, Member]:
    worker = add_member(tree.cell_a1, full_name="Phạm Văn Công")
    retiree = add_member(tree.cell_a1, full_name="Đỗ Thị Hưu", gender="F")
    dues_basis_set(actor=OPERATOR, member=worker, month=D(2025, 1, 1),
                   category=Category.SALARY_STATE, income=9_000_000, today=TODAY)  # fmt: skip
    return worker, retiree


def test_a_sheet_records_the_months_payments_and_a_new_basis(
    cell: tuple[Member, Member], tmp_path: Path
) -> None:
    worker, retiree = cell
    path = sheet(tmp_path / "thu.csv", [
        [1, worker.full_name, worker.national_id, "", "", "90.000", "05/03/2026"],
        [2, retiree.full_name, retiree.national_id, "Hưởng lương hưu", "6.000.000", "30000 đ",
         "06/03/2026"],
    ])  # fmt: skip

    code, out, _err = run("import", str(path), "--month", "2026-03", "--org", "CSA")

    assert code == 0, out
    assert "2 khoản nộp" in out and "120.000" in out and "1 căn cứ mới" in out
    assert DuesPayment.objects.filter(month=D(2026, 3, 1)).count() == 2
    assert DuesBasis.objects.get(member=retiree).category == Category.PENSION
    assert AuditEntry.objects.get(action=Event.DUES_COLLECTED).data["file"] == "thu.csv"


def test_problems_are_located_and_nothing_is_written(
    cell: tuple[Member, Member], outside: Outside, tmp_path: Path
) -> None:
    worker, retiree = cell
    path = sheet(tmp_path / "thu.csv", [
        [1, worker.full_name, worker.national_id, "", "", "50.000", "05/03/2026"],
        [2, retiree.full_name, retiree.national_id, "", "", "30.000", "06/03/2026"],
        [3, "Quách Thị Ngoại", outside.member.national_id, "", "", "5.000", "06/03/2026"],
        [4, worker.full_name, worker.national_id, "", "", "90.000", "31/02/2026"],
    ])  # fmt: skip

    code, out, err = run("import", str(path), "--month", "2026-03", "--org", "CSA")

    assert code == 1 and "không ghi gì" in err
    lines = out.splitlines()
    assert lines[0].startswith("thu.csv, dòng 3, cột F (Số tiền nộp): “50.000” Số tiền nộp ít")
    assert "90.000 đồng (theo Quy định 01-QĐ/TW)" in lines[0]
    assert "dòng 4, cột D (Đối tượng)" in out and "chưa có căn cứ" in out
    assert "dòng 5, cột C (Số CCCD)" in out  # outside the cell's committee: unknown
    assert "dòng 6, cột G (Ngày nộp)" in out and "dòng 6, cột C (Số CCCD)" in out
    assert not DuesPayment.objects.exists()


def test_a_dry_run_checks_everything_and_writes_nothing(
    cell: tuple[Member, Member], tmp_path: Path
) -> None:
    worker, _retiree = cell
    path = sheet(tmp_path / "thu.csv", [
        [1, worker.full_name, worker.national_id, "", "", "90000", "05/03/2026"],
    ])  # fmt: skip

    code, out, _err = run("import", str(path), "--month", "2026-03", "--dry-run")

    assert code == 0 and "chưa ghi" in out
    assert (
        not DuesPayment.objects.exists()
        and not AuditEntry.objects.filter(action=Event.DUES_COLLECTED).exists()
    )


def test_an_unreadable_file_exits_2(tmp_path: Path, tree: Tree) -> None:
    path = tmp_path / "thu.csv"
    path.write_text("Không có tiêu đề\n1,2,3\n", encoding="utf-8")

    code, _out, err = run("import", str(path), "--month", "2026-03")

    assert code == 2 and "tiêu đề" in err


def test_the_ledger_as_json(
    cell: tuple[Member, Member], tmp_path: Path, make_user: MakeUser
) -> None:
    worker, retiree = cell
    run("import", str(sheet(tmp_path / "thu.csv", [
        [1, worker.full_name, worker.national_id, "", "", "90.000", "05/03/2026"],
    ])), "--month", "2026-03")  # fmt: skip
    make_user("bithu", Role.SECRETARY, worker.memberships.get().org)

    code, out, _err = run(
        "ledger", "--month", "2026-03", "--org", "CSA-1", "--user", "bithu", "--json"
    )

    ledger = json.loads(out)
    assert code == 0
    assert (ledger["month"], ledger["rule_set"]) == ("2026-03", "Quy định 01-QĐ/TW")
    assert {m["cccd"]: (m["owed"], m["paid"], m["arrears_months"]) for m in ledger["members"]} == {
        worker.national_id: (90_000, 90_000, 2),  # January and February unpaid
        retiree.national_id: (0, 0, 0),  # no basis: nothing owed
    }
    assert ledger["totals"] == {"owed": 90_000, "paid": 90_000, "kept": 27_000, "remitted": 63_000}
