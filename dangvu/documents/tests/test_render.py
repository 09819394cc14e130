"""Rendering of the Party documents: docxtpl → LibreOffice PDF → pdftotext.

Plain functions without database access. The PDF tests need ``soffice`` and ``pdftotext``
(packages libreoffice-writer-nogui and poppler-utils, installed by `make install`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from docx import Document

from dangvu.documents.build_templates import build_all
from dangvu.documents.pdf import docx_to_pdf
from dangvu.documents.render import (
    DOCUMENTS,
    DocumentContextError,
    DocumentTemplateError,
    UnknownDocumentError,
    place_and_date,
    render_document,
    template_path_for,
    vn_date,
    vn_long_date,
)
from dangvu.documents.samples import sample_context


def _squash(text: str) -> str:
    """NFC without any whitespace: justified lines and font fallback make pdftotext insert
    spaces inside words ("Đ ảng"), and long values wrap across lines."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def pdf_texts() -> dict[str, str]:
    """One LibreOffice conversion per document, run in parallel (each with its own profile)."""

    def convert(name: str) -> str:
        pdf = docx_to_pdf(render_document(name, sample_context(name)))
        assert pdf.startswith(b"%PDF")
        result = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
            timeout=30,
        )
        return result.stdout.decode("utf-8")

    with ThreadPoolExecutor(max_workers=len(DOCUMENTS)) as pool:
        return dict(zip(DOCUMENTS, pool.map(convert, DOCUMENTS), strict=True))


HEADER = [
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "ĐẢNG BỘ TỈNH THANH HÓA",
    "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
    "Thanh Hóa, ngày 20 tháng 02 năm 2026",
    "T/M BAN THƯỜNG VỤ",
    "PHÓ BÍ THƯ",
    "Trịnh Văn Dũng",
    "Nơi nhận:",
]

EXPECTED = {
    # The report's frame: the body is written where the marker stands (`report_frame.py`).
    "annual_report": [
        "Số 25-BC/ĐUK",
        "BÁO CÁO",
        "tổng kết công tác xây dựng Đảng năm 2025",
        "[[NỘI DUNG BÁO CÁO]]",
        "- Lưu Văn phòng.",
    ],
    "admission_decision": [
        "Số 12-QĐ/ĐUK",
        "QUYẾT ĐỊNH",
        "về việc kết nạp đảng viên",
        "BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH QUYẾT ĐỊNH",
        "Điều 1. Kết nạp đồng chí Lê Thị Hồng Nhung, sinh ngày 07/03/1998, "
        "quê quán xã Thiệu Trung, tỉnh Thanh Hóa, vào Đảng Cộng sản Việt Nam.",
        "sinh hoạt tại Chi bộ Phòng Kế toán - Tài chính thuộc "
        "Đảng bộ Công ty Cổ phần Mía đường Lam Sơn",
        "Thời gian dự bị 12 tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.",
        "Điều 2.",
        "Điều 3.",
        "- Như Điều 3,",
        "- Lưu Văn phòng Đảng ủy Khối.",
    ],
    "recognition_decision": [
        "Số 15-QĐ/ĐUK",
        "QUYẾT ĐỊNH",
        "về việc công nhận đảng viên chính thức",
        "Căn cứ Quyết định số 231-QĐ/ĐUK, ngày 24/01/2025",
        "Công nhận đồng chí Lê Thị Hồng Nhung, sinh ngày 07/03/1998",
        "kết nạp vào Đảng ngày 18/02/2025",
        "là đảng viên chính thức kể từ ngày 18/02/2026.",
    ],
    "transfer_letter": [
        "Số 47-GT/ĐUK",
        "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG",
        "Kính gửi: Đảng ủy Khối các cơ quan tỉnh Nghệ An",
        "Giới thiệu đồng chí: Nguyễn Đức Thắng",
        "Sinh ngày: 04/11/1990",
        "Ngày vào Đảng: 19/05/2015; ngày chính thức: 19/05/2016",
        "Số thẻ đảng viên: 38.012345",
        "Hiện sinh hoạt tại: Chi bộ Phòng Kỹ thuật, Đảng bộ Công ty Cổ phần Mía đường Lam Sơn",
        "Được giới thiệu đến sinh hoạt đảng tạm thời tại Đảng ủy Khối các cơ quan tỉnh Nghệ An",
        "dự kiến trở lại sinh hoạt tại Chi bộ Phòng Kỹ thuật",
        "ngày 31/12/2026.",
        "Đồng chí Nguyễn Đức Thắng xuất trình giấy giới thiệu này chậm nhất đến hết ngày "
        "20/03/2026.",
    ],
    "commendation_decision": [
        "Số 31-QĐ/ĐUK",
        "về việc khen thưởng tổ chức đảng và đảng viên hoàn thành xuất sắc nhiệm vụ năm 2025",
        "Căn cứ Quy định 366-QĐ/TW và HD 43-HD/BTCTW",
        "Điều 1. Tặng Giấy khen cho 1 tổ chức đảng và 1 đảng viên",
        "1. Đảng bộ Công ty Cổ phần Mía đường Lam Sơn.",
        "1. Đồng chí Lê Thị Hồng Nhung, Chi bộ Phòng Kế toán - Tài chính.",
        "- Như Điều 3,",
    ],
    "certificates": [
        "Số 7-GK/ĐUK",
        "Số 8-GK/ĐUK",
        "GIẤY KHEN",
        "Đồng chí Lê Thị Hồng Nhung",
        "Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm 2025.",
        "(Quyết định số 31-QĐ/ĐUK, ngày 20 tháng 02 năm 2026)",
    ],
    "removal_decision": [
        "Số 12-QĐ/ĐUK",
        "về việc xóa tên đảng viên",
        "Điều 1. Xóa tên đồng chí Lê Thị Hồng Nhung, sinh ngày 07/03/1998",
        "vào Đảng ngày 19/05/2015",
        "trong danh sách đảng viên.",
        "Lý do: Bỏ sinh hoạt đảng ba tháng trong năm mà không có lý do chính đáng.",
        "Điều 3.",
    ],
    "member_sheet": [
        "Mẫu 2-HSĐV",
        "PHIẾU ĐẢNG VIÊN",
        "Chi bộ: Chi bộ Phòng Kế toán - Tài chính",
        "Số thẻ đảng viên: 38.012345",
        "Họ và tên đang dùng: LÊ THỊ HỒNG NHUNG",
        "Giới tính: Nữ",
        "Nơi thường trú: phường Hạc Thành, tỉnh Thanh Hóa",
        "Ngày vào Đảng: 19/05/2015",
        "Ngày chính thức: 19/05/2016",
        "NGƯỜI KHAI",
    ],
    "meeting_invitation": [
        "Số 3-GM/ĐUK",
        "GIẤY MỜI",
        "Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh trân trọng kính mời:",
        "Đồng chí Đỗ Minh Tuấn, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh;",
        "Đồng chí Lê Thị Hồng Nhung, Bí thư Chi bộ Phòng Kế toán - Tài chính.",
        "Tới dự: Hội nghị tổng kết công tác xây dựng Đảng năm 2025.",
        "Thời gian: ngày 20 tháng 02 năm 2026.",
        "Địa điểm: Hội trường Đảng ủy Khối.",
        "Báo cáo tổng kết năm 2025",
        "- Như trên,",
    ],
    "meeting_attendance": [
        "DANH SÁCH THAM DỰ",
        "Hội nghị tổng kết công tác xây dựng Đảng năm 2025",
        "Đỗ Minh Tuấn",
        "Vắng có lý do (Ốm)",
        "Có mặt 2 trên 3 người được mời, triệu tập.",
        "THƯ KÝ",
        "CHỦ TRÌ",
        "Nguyễn Thị Hoa",
    ],
    "meeting_minutes": [
        "BIÊN BẢN",
        "Hội nghị tổng kết công tác xây dựng Đảng năm 2025",
        "Chủ trì: Trịnh Văn Dũng. Thư ký: Nguyễn Thị Hoa.",
        "- Đồng chí Đỗ Minh Tuấn, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh: có mặt.",
        "- Đồng chí Lê Thị Hồng Nhung, Bí thư Chi bộ Phòng Kế toán - Tài chính: vắng có lý do.",
        "Đảng viên của chi bộ: 1; có mặt: 1; vắng: 0.",
        "Phương hướng, nhiệm vụ năm 2026",
        "Hội nghị thống nhất 07 nhiệm vụ trọng tâm năm 2026.",
        "THƯ KÝ",
        "CHỦ TRÌ",
    ],
    "member_list": [
        "DANH SÁCH ĐẢNG VIÊN",
        "CHI BỘ PHÒNG KẾ TOÁN - TÀI CHÍNH",
        "có đến ngày 20/02/2026: 2 đảng viên",
        "Nguyễn Đức Thắng",
        "04/11/1990",
        "38.012345",
        "dự bị",
    ],
}
# A certificate is handed to its holder, a member's sheet is theirs, a list is kept: none of
# them has a "Nơi nhận".
WITHOUT_RECIPIENTS = {"certificates", "member_sheet", "member_list", "meeting_attendance",
                      "meeting_minutes"}  # fmt: skip
# The meeting's record is signed by its secretary and its chair, not the committee's signer;
# the date on the right is the meeting's.
MEETING_RECORDS = {"meeting_attendance", "meeting_minutes"}
SIGNER_LINES = {"T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trịnh Văn Dũng"}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_pdf_contains_the_document(pdf_texts: dict[str, str], name: str) -> None:
    text = _squash(pdf_texts[name])
    header = [line for line in HEADER if name not in WITHOUT_RECIPIENTS or line != "Nơi nhận:"]
    if name in MEETING_RECORDS:
        header = [line for line in header if line not in SIGNER_LINES]
    for expected in [*header, *EXPECTED[name]]:
        assert _squash(expected) in text, f"{name}: {expected!r} not in PDF text"
    assert "None" not in pdf_texts[name]


def test_pdf_header_layout(pdf_texts: dict[str, str]) -> None:
    """Number and place/date share a line; the Party title is on the first line."""
    lines = [
        unicodedata.normalize("NFC", line) for line in pdf_texts["admission_decision"].splitlines()
    ]
    first = next(line for line in lines if line.strip())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first
    assert "ĐẢNG BỘ TỈNH THANH HÓA" in first
    assert any("Số 12-QĐ/ĐUK" in line and "năm 2026" in line for line in lines)
    assert not any("Số:" in line for line in lines)


def test_rendered_docx_page_setup_and_text() -> None:
    data = render_document("admission_decision", sample_context("admission_decision"))
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    lengths = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    # Word stores twentieths of a point, so millimetres come back rounded.
    assert [round(length.mm, 1) for length in lengths if length is not None] == [
        210,
        297,
        20,
        20,
        30,
        15,
    ]
    text = _docx_text(data)
    assert "{{" not in text and "{%" not in text
    assert "Số 12-QĐ/ĐUK" in text
    assert "Thanh Hóa, ngày 20 tháng 02 năm 2026" in text


def test_missing_key_raises() -> None:
    context = sample_context("admission_decision")
    del context["cell_name"]
    with pytest.raises(DocumentContextError, match="cell_name"):
        render_document("admission_decision", context)


def test_missing_nested_key_raises() -> None:
    context = sample_context("recognition_decision")
    del context["member"]["admission_date"]
    with pytest.raises(DocumentContextError, match="admission_date"):
        render_document("recognition_decision", context)


def test_none_value_raises() -> None:
    context = sample_context("admission_decision")
    context["member"]["hometown"] = None
    with pytest.raises(DocumentContextError, match="None"):
        render_document("admission_decision", context)


def test_values_are_xml_escaped() -> None:
    context = sample_context("transfer_letter")
    context["to_org"] = "Đảng ủy Công ty TNHH A & B <Việt Nam>"
    text = _docx_text(render_document("transfer_letter", context))
    assert "Kính gửi: Đảng ủy Công ty TNHH A & B <Việt Nam>" in text


def test_transfer_letter_official_and_probationary_member() -> None:
    context = sample_context("transfer_letter")
    context["kind"] = "chính thức"
    del context["return_date"]
    context["member"].update(official_date=None, card_number="")
    text = _docx_text(render_document("transfer_letter", context))
    assert "sinh hoạt đảng chính thức tại Đảng ủy Khối các cơ quan tỉnh Nghệ An." in text
    assert "dự kiến trở lại" not in text
    assert "ngày chính thức: (đảng viên dự bị)" in text
    assert "Số thẻ đảng viên: (chưa được cấp)" in text


def test_transfer_letter_checks_kind() -> None:
    context = sample_context("transfer_letter")
    context["kind"] = "lâu dài"
    with pytest.raises(DocumentContextError, match="kind"):
        render_document("transfer_letter", context)
    context["kind"] = "tạm thời"
    del context["return_date"]
    with pytest.raises(DocumentContextError, match="return_date"):
        render_document("transfer_letter", context)


def test_unknown_document_and_missing_template(tmp_path: Path) -> None:
    with pytest.raises(UnknownDocumentError):
        render_document("expulsion", {})
    with pytest.raises(DocumentTemplateError):
        render_document(
            "admission_decision",
            sample_context("admission_decision"),
            template_path=tmp_path / "missing.docx",
        )


def test_custom_template_path(tmp_path: Path) -> None:
    """A staff-supplied template (here: freshly built defaults) is used instead."""
    paths = build_all(tmp_path)
    assert {path.stem for path in paths} == set(DOCUMENTS)
    data = render_document(
        "transfer_letter",
        sample_context("transfer_letter"),
        template_path=tmp_path / "transfer_letter.docx",
    )
    assert "Nguyễn Đức Thắng" in _docx_text(data)


def test_shipped_templates_exist() -> None:
    for name in DOCUMENTS:
        assert template_path_for(name).is_file(), name


def test_date_helpers() -> None:
    day = dt.date(2026, 3, 5)
    assert vn_date(day) == "05/03/2026"
    assert vn_long_date(day) == "ngày 05 tháng 03 năm 2026"
    assert place_and_date("Thanh Hóa", day) == "Thanh Hóa, ngày 05 tháng 03 năm 2026"
    assert place_and_date("Thanh Hóa", dt.date(2026, 2, 20)) == (
        "Thanh Hóa, ngày 20 tháng 02 năm 2026"
    )
    with pytest.raises(DocumentContextError):
        vn_date("2026-03-05")
