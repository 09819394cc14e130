"""Reading a printed list's shape: the header band, the sub-column names, and what each row
under the header is (`imports.layout`, `columns.SUBCOLUMNS`). No database."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.imports.columns import match_header
from dangvu.imports.layout import Classifier, RowKind, band_labels, classify, sub_header
from dangvu.imports.members.groups import CellNames, group_status
from dangvu.members.facts import Status

BORN = dt.date(1980, 3, 15)

CLASSIFIED = [
    (["I", "ĐẢNG VIÊN CHÍNH THỨC", "", ""], RowKind.GROUP),
    (["", "II. Đảng viên dự bị"], RowKind.GROUP),
    (["Chi bộ Văn phòng", "Chi bộ Văn phòng", "Chi bộ Văn phòng"], RowKind.GROUP),  # Word
    (["A", "Tổ Hành chính"], RowKind.GROUP),
    (["1.", "CHI BỘ THANH TRA"], RowKind.GROUP),
    (["Cộng: 5 đảng viên"], RowKind.TOTAL),
    (["Tổng cộng", "5 đảng viên"], RowKind.TOTAL),
    (["Tổng số đảng viên: 12"], RowKind.TOTAL),
    (["Cộng", "", "", 12.0], RowKind.TOTAL),
    (["", "", "", "T/M CHI BỘ"], RowKind.NOTE),
    (["BÍ THƯ"], RowKind.NOTE),
    (["Hà Nội, ngày 20 tháng 11 năm 2026"], RowKind.NOTE),
    (["Ghi chú: số liệu đến 31/12/2025"], RowKind.NOTE),
    (["(Ký, ghi rõ họ tên)"], RowKind.NOTE),
    (["Người lập biểu", "", "Thủ trưởng đơn vị"], RowKind.NOTE),
    (["7", "", ""], RowKind.EMPTY),
    (["", None, " "], RowKind.EMPTY),
    ([1.0, "Công Văn Phượng", BORN, "Nam"], RowKind.MEMBER),
    (["Công Văn Phượng"], RowKind.MEMBER),  # a name, not "Cộng"
    ([2.0, "Nguyễn Văn Thiếu"], RowKind.MEMBER),  # sparse: a member with empty cells
    (["Đảng viên Nguyễn Văn A", "038085001234"], RowKind.MEMBER),  # an identifier
    ([3.0, "Chi Bộ Lan", BORN], RowKind.MEMBER),  # a date: never a group
    (["Danh sách kèm theo công văn số 12"], RowKind.MEMBER),  # unknown: the user says
]


@pytest.mark.parametrize(("values", "kind"), CLASSIFIED)
def test_rows_are_read_as_offices_write_them(values: list[object], kind: RowKind) -> None:
    assert classify(values) == kind


def test_under_a_signature_the_signers_name_belongs_to_the_block() -> None:
    read = Classifier()

    kinds = [read(v) for v in (["T/M CHI BỘ"], ["Nguyễn Văn Bí"], [9.0, "Lê Văn Muộn", BORN])]

    assert kinds == [RowKind.NOTE, RowKind.NOTE, RowKind.MEMBER]


@given(
    number=st.integers(min_value=1, max_value=99_999),
    name=st.text(min_size=1, max_size=40),
    born=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
)
def test_a_numbered_row_holding_a_date_is_always_a_member(
    number: int, name: str, born: dt.date
) -> None:
    assert classify([float(number), name, born, "Nam"]) == RowKind.MEMBER


TOP = ["STT", "Họ và tên", "Ngày vào Đảng", "", "Quê quán", "", "Ghi chú"]
BANDS = [
    # Merged cells: the value in the first cell only.
    (
        TOP,
        ["", "", "Dự bị", "Chính thức", "Xã", "Tỉnh", ""],
        ["STT", "Họ và tên", "Ngày vào Đảng / Dự bị", "Ngày vào Đảng / Chính thức",
         "Quê quán / Xã", "Quê quán / Tỉnh", "Ghi chú"],
    ),
    # A tool that repeats the merged value in each cell it covers.
    (
        ["STT", "Họ và tên", "Ngày vào Đảng", "Ngày vào Đảng", "Ghi chú"],
        ["STT", "Họ và tên", "Dự bị", "Chính thức", "Ghi chú"],
        ["STT", "Họ và tên", "Ngày vào Đảng / Dự bị", "Ngày vào Đảng / Chính thức", "Ghi chú"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("top", "below", "labels"), BANDS)
def test_a_two_row_header_names_its_sub_columns(
    top: list[object], below: list[object], labels: list[str]
) -> None:
    assert sub_header(top, below)
    assert band_labels(top, below) == labels


@pytest.mark.parametrize(
    "below",
    [
        ["1", "Nguyễn Văn A", "19/05/2010", "19/05/2011", "Xuân Phương", "Hà Nội", ""],
        [1.0, "", dt.date(2010, 5, 19), "", "", "", ""],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        ["", "Nguyễn Văn A", "Dự bị", "Chính thức", "", "", ""],  # a name under "Họ và tên"
    ],
)
def test_a_data_row_is_not_a_sub_header(below: list[object]) -> None:
    assert not sub_header(TOP, below)


def test_an_all_text_row_under_a_flat_header_is_data() -> None:
    assert not sub_header(["Mã", "Tên tổ chức", "Xếp loại"], ["CSA", "Chi bộ A", "Tốt"])


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Ngày vào Đảng / Dự bị", "admission_date"),
        ("Ngày kết nạp / Chính thức", "official_date"),
        ("Ngày vào Đảng / Lần thứ hai", "readmission_date"),
        ("Ngày vào Đảng / Ngày chính thức", "official_date"),
        ("Số / CCCD", "national_id"),
        ("Họ và tên / Bí danh", "other_name"),
        ("Thông tin cá nhân / Họ và tên", "full_name"),
        ("Quê quán / Xã", None),
        ("Ngày vào Đảng / Ghi chú", None),
    ],
)
def test_a_sub_column_maps_to_its_field(label: str, field: str | None) -> None:
    assert match_header(label) == field


NAMES = CellNames({"CSA-1": "Chi bộ Văn phòng", "CSA-2": "Chi bộ Thanh tra", "HND": "Hội Nông dân"})


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("CHI BỘ VĂN PHÒNG", "CSA-1"),
        ("CB Văn phòng", "CSA-1"),
        ("II. Chi bộ Thanh tra", "CSA-2"),
        ("csa-2", "CSA-2"),
        ("Chi bộ Hội Nông dân", "HND"),
        ("Chi bộ Văn phòng Sở", None),
        ("Đảng viên dự bị", None),
    ],
)
def test_a_group_or_sheet_names_a_cell_accent_blind(text: str, code: str | None) -> None:
    assert NAMES.named(text) == code


def test_a_title_mentions_a_cell_after_the_words_chi_bo() -> None:
    assert NAMES.mentioned("DANH SÁCH ĐẢNG VIÊN CHI BỘ THANH TRA NĂM 2026") == "CSA-2"
    assert NAMES.mentioned("ĐẢNG BỘ SỞ TÀI CHÍNH") is None


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("I. ĐẢNG VIÊN CHÍNH THỨC", Status.OFFICIAL),
        ("Đảng viên dự bị", Status.PROBATIONARY),
        ("Chi bộ Văn phòng", None),
    ],
)
def test_a_group_names_a_status(text: str, status: Status | None) -> None:
    assert group_status(text) == status
