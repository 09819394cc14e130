"""Importing members: located errors and nothing written, the export round trip, undo."""

import datetime as dt
import io
from pathlib import Path

import pytest
import xlwt
from django.core.management import call_command
from msoffcrypto.format.ooxml import OOXMLFile

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.models import AuditEntry
from dangvu.imports.members import check_members, commit_members, undo_import
from dangvu.imports.problems import ImportRefused, UndoRefused
from dangvu.imports.reading import UnreadableFile
from dangvu.imports.tests.sheets import write_xlsx
from dangvu.members.export import members_export
from dangvu.members.models import Exemption, Member
from dangvu.members.selectors import MemberFilter
from dangvu.members.services import member_update
from dangvu.organizations.access import OPERATOR, Operator
from dangvu.organizations.models import Membership
from dangvu.organizations.roles import Role

HEADER = [
    "STT",
    "Họ tên",
    "Ngày tháng năm sinh",
    "Giới tính",
    "Số định danh",
    "Ngày kết nạp",
    "Ngày chính thức",
    "Mã chi bộ",
    "Dân tộc",
]
GOOD = [
    [
        1,
        "Nguyễn Văn Nhập",
        "15/03/1985",
        "Nam",
        "038085001001",
        "19/05/2010",
        "19/05/2011",
        "CSA-1",
        "Kinh",
    ],
    [2, "Trần Thị Mới", dt.date(1990, 7, 2), "Nữ", "038190001002", 40682.0, "", "csa-2", "Tày"],
]


def _xlsx(path: Path, rows: list[list[object]], *, header: list[str] = HEADER) -> Path:
    return write_xlsx(
        path,
        header,
        rows,
        title="DANH SÁCH ĐẢNG VIÊN",
        sheet_name="Danh sách",
    )


def _snapshot() -> list[tuple[object, ...]]:
    return list(Member.objects.order_by("pk").values_list("pk", "full_name", "phone", "version"))


def test_a_good_file_is_committed_in_one_audited_batch(tree: Tree, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", GOOD)

    batch = commit_members(actor=Operator(), path=path, user=Operator(), today=TODAY)

    assert (batch.to_create, batch.to_update, batch.header_row) == (2, 0, 3)
    new = Member.objects.get(national_id="038190001002")
    assert (new.full_name, new.admission_date, new.ethnicity) == (
        "Trần Thị Mới",
        dt.date(2011, 5, 19),
        "02",
    )
    assert Membership.objects.get(member=new).org == tree.cell_a2
    entry = AuditEntry.objects.get(action="imports.batch.committed")
    assert (batch.audit_batch, entry.data["created"]) == (entry, 2)
    assert set(entry.rows.values_list("object_id", flat=True)) == {
        new.pk,
        Member.objects.get(national_id=GOOD[0][4]).pk,
    }


BAD_ROWS = [
    (
        [3, "Lê Văn Sai", "31/02/1985", "Nam", "038085001003", "19/05/2010", "", "CSA-1", "Kinh"],
        "C",
        "31/02/1985",
    ),
    (
        [
            3,
            "Lê Văn Sai",
            "15/03/1985",
            "Không rõ",
            "038085001003",
            "19/05/2010",
            "",
            "CSA-1",
            "Kinh",
        ],
        "D",
        "Giới tính phải là Nam hoặc Nữ",
    ),
    (
        [3, "Lê Văn Sai", "15/03/1985", "Nam", "12345", "19/05/2010", "", "CSA-1", "Kinh"],
        "E",
        "12 chữ số",
    ),
    (
        [3, "Lê Văn Sai", "15/03/1985", "Nam", "038085001003", "19/05/2000", "", "CSA-1", "Kinh"],
        "F",
        "đủ 18 tuổi",
    ),
    (
        [
            3,
            "Lê Văn Sai",
            "15/03/1985",
            "Nam",
            "038085001003",
            "19/05/2010",
            "20/05/2011",
            "CSA-1",
            "Kinh",
        ],
        "G",
        "đúng 12 tháng",
    ),
    (
        [3, "Lê Văn Sai", "15/03/1985", "Nam", "038085001003", "19/05/2010", "", "KHONGCO", "Kinh"],
        "H",
        "Không có chi bộ mã này",
    ),
    (
        [3, "Lê Văn Sai", "15/03/1985", "Nam", "038085001001", "19/05/2010", "", "CSA-1", "Kinh"],
        "E",
        "Trùng số CCCD với dòng 4",
    ),
    (
        [3, "", "15/03/1985", "Nam", "038085001003", "19/05/2010", "", "CSA-1", "Kinh"],
        "B",
        "bắt buộc",
    ),
    (
        [
            3,
            "Lê Văn Sai",
            "15/03/1985",
            "Nam",
            "038085001003",
            "19/05/2010",
            "",
            "CSA-1",
            "Sao Hỏa",
        ],
        "I",
        "danh mục",
    ),
]


@pytest.mark.parametrize(("row", "column", "message"), BAD_ROWS)
def test_each_bad_row_gets_its_located_error_and_nothing_is_written(
    tree: Tree, tmp_path: Path, row: list[object], column: str, message: str
) -> None:
    path = _xlsx(tmp_path / "sai.xlsx", [*GOOD, row])
    before = _snapshot()

    with pytest.raises(ImportRefused) as refused:
        commit_members(actor=Operator(), path=path, user=Operator(), today=TODAY)

    problems = refused.value.result.problems
    assert [(p.row, p.column) for p in problems] == [(6, column)], [str(p) for p in problems]
    assert message in str(problems[0])
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rong.xlsx", b"", "Không đọc được"),
        ("hong.xlsx", b"PK\x03\x04 not really a zip", "Không đọc được"),
        ("anh.png", b"\x89PNG\r\n\x1a\n", "Không đọc được"),
        ("ds.csv", "Tiêu đề\nkhông có cột nào\n".encode(), "Không tìm thấy dòng tiêu đề"),
    ],
)
def test_an_unreadable_file_gets_a_one_line_reason(
    tree: Tree, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(UnreadableFile, match=message):
        check_members(path=path, user=Operator(), today=TODAY)


def test_export_then_import_of_the_same_file_changes_nothing(
    tree: Tree, add_member: AddMember, tmp_path: Path
) -> None:
    add_member(tree.cell_a1, full_name="Đặng Thị Hoa", gender="F", phone="0912345678")
    # The CSV writes these after a quote (they would be formulas); the import reads it away.
    add_member(
        tree.grassroots_b,
        full_name="Phạm Văn Bê",
        national_id="001085000001",
        phone="+84912345678",
        position="-Bí thư",
        workplace='=HYPERLINK("http://x.example","Bấm")',
    )
    for suffix in ("xlsx", "csv"):
        path = tmp_path / f"ds.{suffix}"
        members_export(user=Operator(), filters=MemberFilter(as_of=TODAY), path=path)
        before = _snapshot()

        result = check_members(path=path, user=Operator(), today=TODAY)

        assert (result.problems, result.to_create, result.to_update) == ([], 0, 0), suffix
        assert result.skipped == 2
        assert _snapshot() == before


def test_undo_restores_the_previous_state(
    tree: Tree, add_member: AddMember, tmp_path: Path
) -> None:
    existing = add_member(
        tree.cell_a1,
        full_name="Nguyễn Văn Nhập",
        national_id="038085001001",
        birth_date=dt.date(1985, 3, 15),
        phone="0900000000",
    )
    before = _snapshot()
    rows = [list(GOOD[0]), GOOD[1]]
    rows[0][1] = "Nguyễn Văn Nhập Sửa"
    batch = commit_members(
        actor=Operator(), path=_xlsx(tmp_path / "ds.xlsx", rows), user=Operator(), today=TODAY
    )
    assert (batch.to_create, batch.to_update) == (1, 1)

    undo_import(actor=Operator(), batch=batch)

    assert _snapshot()[0][:3] == before[0][:3]
    assert Member.objects.count() == 1
    existing.refresh_from_db()
    assert existing.full_name == "Nguyễn Văn Nhập"
    assert AuditEntry.objects.filter(action="imports.batch.undone").count() == 1


def test_undo_is_refused_when_a_record_changed_since(tree: Tree, tmp_path: Path) -> None:
    batch = commit_members(
        actor=Operator(), path=_xlsx(tmp_path / "ds.xlsx", GOOD), user=Operator(), today=TODAY
    )
    changed = Member.objects.get(national_id="038190001002")
    member_update(
        actor=OPERATOR,
        member=changed,
        version=changed.version,
        values={"phone": "0911"},
        today=TODAY,
    )

    with pytest.raises(
        UndoRefused, match=r"Trần Thị Mới \(02/07/1990\) đã thay đổi sau lần nhập này"
    ):
        undo_import(actor=Operator(), batch=batch)
    assert Member.objects.count() == 2


def test_a_secretary_imports_only_into_their_own_cells(
    tree: Tree, tmp_path: Path, make_user: MakeUser
) -> None:
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_b)

    result = check_members(path=_xlsx(tmp_path / "ds.xlsx", GOOD), user=secretary, today=TODAY)

    assert [(p.row, p.column) for p in result.problems] == [(4, "H"), (5, "H")]


def test_the_cli_exits_0_1_or_2(tree: Tree, tmp_path: Path) -> None:
    good = _xlsx(tmp_path / "tot.xlsx", GOOD)
    bad = _xlsx(tmp_path / "sai.xlsx", [*GOOD, BAD_ROWS[0][0]])
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"garbage")

    def run(*args: str) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import", "members", *args, stdout=out, stderr=err)
        except SystemExit as exit_:
            return int(exit_.code or 0), out.getvalue() + err.getvalue()
        return 0, out.getvalue() + err.getvalue()

    assert run(str(good), "--dry-run")[0] == 0 and not Member.objects.exists()
    code, text = run(str(bad))
    assert code == 1 and "sai.xlsx, dòng 6, cột C" in text and not Member.objects.exists()
    code, text = run(str(broken))
    assert code == 2 and "Traceback" not in text and len(text.strip().splitlines()) == 1
    assert run(str(good))[0] == 0 and Member.objects.count() == 2


def test_names_typed_in_tcvn3_and_vni_come_out_as_unicode(tree: Tree, tmp_path: Path) -> None:
    rows = [list(GOOD[0]), list(GOOD[1])]
    rows[0][1] = "NguyÔn V¨n An"  # TCVN3 (ABC fonts)
    rows[1][1] = "Ñaëng Thò Hoa"  # VNI

    commit_members(
        actor=Operator(), path=_xlsx(tmp_path / "cu.xlsx", rows), user=Operator(), today=TODAY
    )

    assert sorted(Member.objects.values_list("full_name", flat=True)) == [
        "Nguyễn Văn An",
        "Đặng Thị Hoa",
    ]


def test_a_real_xls_file_imports_like_the_xlsx(tree: Tree, tmp_path: Path) -> None:
    """Excel 97–2003 (BIFF8, as xlwt writes it): numbers are floats, dates are serials."""
    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet("Danh sách")
    sheet.write(0, 0, "DANH SÁCH ĐẢNG VIÊN")
    date = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for column, label in enumerate(HEADER):
        sheet.write(2, column, label)
    for r, row in enumerate(GOOD, start=3):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write(r, c, dt.datetime.combine(value, dt.time()), date)
            else:
                sheet.write(r, c, value)
    path = tmp_path / "ds.xls"
    workbook.save(str(path))

    batch = commit_members(actor=Operator(), path=path, user=Operator(), today=TODAY)

    assert (batch.to_create, batch.header_row, batch.sheet) == (2, 3, "Danh sách")
    assert Member.objects.get(national_id="038190001002").admission_date == dt.date(2011, 5, 19)
    assert Member.objects.get(national_id="038085001001").birth_date == dt.date(1985, 3, 15)


def test_a_password_protected_workbook_gets_its_reason_and_nothing_is_written(
    tree: Tree, tmp_path: Path
) -> None:
    plain = _xlsx(tmp_path / "plain.xlsx", GOOD)
    locked = tmp_path / "co-mat-khau.xlsx"
    with plain.open("rb") as source, locked.open("wb") as target:
        OOXMLFile(source).encrypt("mat-khau", target)

    with pytest.raises(UnreadableFile, match="được đặt mật khẩu"):
        commit_members(actor=Operator(), path=locked, user=Operator(), today=TODAY)
    assert not Member.objects.exists()


def test_undo_is_refused_when_a_created_member_is_referred_to(tree: Tree, tmp_path: Path) -> None:
    """Even a record that reached the database without an audit entry blocks the undo,
    with a reason instead of a failed foreign key."""
    batch = commit_members(
        actor=Operator(), path=_xlsx(tmp_path / "ds.xlsx", GOOD), user=Operator(), today=TODAY
    )
    member = Member.objects.get(national_id="038190001002")
    Exemption.objects.create(member=member, valid_from=TODAY, reason="Ốm dài ngày")

    with pytest.raises(UndoRefused, match="đã được ghi ở miễn công tác và sinh hoạt đảng"):
        undo_import(actor=Operator(), batch=batch)
    assert Member.objects.count() == 2


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_check_reports_its_progress_against_the_files_row_count(
    tree: Tree, tmp_path: Path, suffix: str
) -> None:
    rows = [list(GOOD[0]) for _ in range(4500)]  # repeats: problems, but every row counts
    path = tmp_path / f"lon.{suffix}"
    if suffix == "xlsx":
        _xlsx(path, rows)
    else:
        lines = [",".join(HEADER), *(",".join(str(v) for v in row) for row in rows)]
        path.write_text("\n".join(lines), encoding="utf-8")
    reported: list[tuple[int, int]] = []

    check_members(
        path=path, user=Operator(), today=TODAY, progress=lambda *done: reported.append(done)
    )

    assert reported == [(2000, 4500), (4000, 4500), (4500, 4500)]
