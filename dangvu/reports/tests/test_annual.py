import datetime as dt
import io
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from docx import Document

from conftest import SIGNER, TODAY, AddMember, MakeUser, Tree
from dangvu.documents.models import OutgoingDocument
from dangvu.organizations.access import Operator, OutOfScope
from dangvu.organizations.roles import Role
from dangvu.reports.services import annual_report_file

D = dt.date


@pytest.fixture
def counted(tree: Tree, signed: None, add_member: AddMember) -> Tree:
    add_member(tree.cell_a1, full_name="Lê Thị Hoa", gender="F")
    add_member(tree.cell_a2, full_name="Phạm Văn Hùng")
    add_member(tree.grassroots_b, full_name="Ngô Văn Tài", admission_date=D(2024, 3, 1),
               official_date=D(2025, 3, 1), joined_on=D(2024, 3, 1))  # fmt: skip
    return tree


def _text(docx: bytes) -> str:
    document = Document(io.BytesIO(docx))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_docx_states_the_figures_in_the_party_format(counted: Tree) -> None:
    day = D(2025, 1, 15)
    docx = annual_report_file(user=Operator(), committee=counted.committee, year=2024,
                              as_of=day, issued_on=day, fmt="docx")  # fmt: skip
    text = _text(docx)
    document = Document(io.BytesIO(docx))

    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "ĐẢNG ỦY KHỐI THỬ NGHIỆM" in text
    assert "BÁO CÁO" in text
    assert "tổng kết công tác xây dựng Đảng năm 2024" in text
    assert "Số       -BC/ĐUK" in text  # a draft: the sequence is left for the register
    assert "ngày 15 tháng 01 năm 2025" in text
    assert SIGNER in text
    assert "Đến ngày 31/12/2024, Đảng bộ Khối thử nghiệm có 2 tổ chức cơ sở đảng" in text
    assert "với 3 đảng viên (2 đảng viên chính thức, 1 đảng viên dự bị)" in text
    assert "tính đến ngày 31/12/2024; kết quả đánh giá" in text
    assert len(document.inline_shapes) == 2  # the charts
    assert document.sections[0].page_width == 7560310  # A4
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_registering_numbers_the_report_once_and_prints_its_number(
    counted: Tree, tmp_path: Path
) -> None:
    out = tmp_path / "bc.docx"
    args = ["report", "annual", "--year", "2024", "--org", "DBK", "--date", "15/01/2025"]

    call_command(*args, "--register", "-o", str(out), stdout=StringIO())
    call_command(*args, "--register", "-o", str(out), stdout=StringIO())

    [entry] = OutgoingDocument.objects.filter(kind="BC")
    assert entry.number == "1-BC/ĐUK"
    assert "Số 1-BC/ĐUK" in _text(out.read_bytes())


def test_the_xlsx_holds_the_reports_tables(counted: Tree, tmp_path: Path) -> None:
    out = tmp_path / "bc.xlsx"

    call_command("report", "annual", "--year", "2024", "-o", str(out), stdout=StringIO())

    workbook = openpyxl.load_workbook(out, read_only=True)
    assert workbook.sheetnames[:2] == ["1. Số liệu chủ yếu", "2. Tổ chức cơ sở đảng theo loại"]
    ages = [list(row) for row in workbook.worksheets[2].iter_rows(values_only=True)]
    assert ["18-30", 0, "0%"] in ages
    assert "Số liệu tính đến ngày 31/12/2024; kết quả tính đến ngày 26/11/2026" in ages[3]


def test_the_standard_tables_have_a_row_per_tccsd_and_a_total(
    counted: Tree, tmp_path: Path
) -> None:
    out = tmp_path / "bieu.xlsx"

    call_command("report", "tables", "--as-of", "31/12/2024", "--org", "DBK", "-o", str(out),
                 stdout=StringIO())  # fmt: skip

    workbook = openpyxl.load_workbook(out, read_only=True)
    assert workbook.sheetnames == ["Biểu 1-TCTW", "Biểu 2-TCTW", "Biểu 3-TCTW", "Biểu 4-TCTW"]
    rows = [list(row) for row in workbook["Biểu 1-TCTW"].iter_rows(values_only=True)]
    assert rows[-3:] == [
        [1, "Chi bộ Hội Nông dân tỉnh", 0, 1, 0, 1, 0],
        [2, "Đảng bộ Sở Tài chính", 2, 2, 2, 0, 1],
        [None, "Tổng cộng", 2, 3, 2, 1, 1],
    ]


def test_a_user_outside_the_committee_gets_no_report(counted: Tree, make_user: MakeUser) -> None:
    user = make_user("bithu", Role.SECRETARY, counted.grassroots_b)

    with pytest.raises(OutOfScope):
        annual_report_file(user=user, committee=counted.committee, year=2024, as_of=TODAY,
                           issued_on=TODAY, fmt="docx")  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["annual", "--year", "2024", "-o", "bc.odt"], "-o: tệp phải có đuôi .docx, .pdf, .xlsx"),
        (["annual", "--year", "20x4", "-o", "bc.docx"], "--year phải là năm bốn chữ số"),
        (["annual", "--year", "2024", "--org", "KHONG", "-o", "bc.docx"], "Không có tổ chức"),
        (["annual", "--year", "2024", "--date", "32/01/2025", "-o", "bc.docx"], "--date: "),
        (["annual", "--year", "2024", "-o", "/khong/co/bc.docx"], "không có thư mục"),
        (["tables", "--as-of", "31/12/2024", "-o", "bieu.docx"], "-o: tệp phải có đuôi .xlsx"),
        (["tables", "--as-of", "31/12/2014", "--org", "DBK", "-o", "b.xlsx"], "chưa có"),
    ],
)
def test_report_command_explains_bad_arguments(
    counted: Tree, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("report", *args, stdout=StringIO())


def test_form_2_counts_the_members_each_tccsd_admitted_in_the_year(
    counted: Tree, add_member: AddMember, tmp_path: Path
) -> None:
    from dangvu.organizations.models import Membership

    for name, cell, day in (
        ("Đỗ Thị Lan", counted.cell_a1, D(2024, 5, 2)),
        ("Vũ Văn Nam", counted.cell_a2, D(2024, 9, 2)),
        ("Mai Văn Cũ", counted.cell_a1, D(2023, 9, 2)),
    ):
        member = add_member(
            cell,
            full_name=name,
            gender="F" if "Thị" in name else "M",
            birth_date=D(2000, 1, 1),
            admission_date=day,
            official_date=None,
            professional_qualification="BACHELOR",
        )
        Membership.objects.filter(member=member).update(start=Membership.Start.ADMITTED)
    out = tmp_path / "bieu.xlsx"

    call_command("report", "tables", "--as-of", "31/12/2024", "--org", "DBK", "-o", str(out),
                 stdout=StringIO())  # fmt: skip

    rows = [list(row) for row in openpyxl.load_workbook(out)["Biểu 2-TCTW"].iter_rows(
        values_only=True)]  # fmt: skip
    headers = rows[-4]
    assert headers[:7] == [
        "STT",
        "Tổ chức cơ sở đảng",
        "Tổng số kết nạp",
        "Nữ",
        "Dân tộc thiểu số",
        "Có đạo",
        "Tuổi 18-30",
    ]
    assert rows[-1][:4] == [None, "Tổng cộng", 2, 1]  # not the one admitted in 2023
    finance = [row for row in rows if row[1] == "Đảng bộ Sở Tài chính"]
    assert finance[0][2:5] == [2, 1, 0] and finance[0][6] == 2
    assert finance[0][headers.index("Đại học")] == 2
    assert "Đảng viên mới kết nạp từ 01/01/2024" in str(rows)


def test_the_report_tables_the_removals_by_ground(counted: Tree, tmp_path: Path) -> None:
    from dangvu.members.models import Member
    from dangvu.members.services import member_exit

    hung = Member.objects.get(full_name="Phạm Văn Hùng")
    member_exit(actor=Operator(), member=hung, reason="REMOVED", on=D(2024, 6, 3), today=TODAY,
                detail="CARD_RETURNED")  # fmt: skip
    out = tmp_path / "bc.xlsx"

    call_command("report", "annual", "--year", "2024", "-o", str(out), stdout=StringIO())

    workbook = openpyxl.load_workbook(out, read_only=True)
    [name] = [n for n in workbook.sheetnames if "Xóa tên theo căn cứ" in n]
    rows = [list(row) for row in workbook[name].iter_rows(values_only=True)]
    assert ["Tự ý trả thẻ đảng viên hoặc tự hủy thẻ", 1, "100%"] in rows
    assert ["Bỏ sinh hoạt hoặc không đóng đảng phí", 0, "0%"] in rows
