"""Build the shipped default templates into ``templates_docx/<name>.docx``.

The layout follows Quy định 66-QĐ/TW (2017) and Hướng dẫn 36-HD/VPTW (2018) on the format of
Party documents, written out as code so it can be reviewed; the generated files are committed
and are the defaults that staff may replace with their own Word files (same placeholders).

Run from the project root after changing this file::

    .venv/bin/python -m dangvu.documents.build_templates

Placeholders are Jinja (rendered by docxtpl with ``StrictUndefined``, see ``render.py``).
Every placeholder sits inside a single run so that Word keeps it intact when staff edit the
surrounding text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

OUTPUT_DIR = Path(__file__).resolve().parent / "templates_docx"

FONT = "Times New Roman"  # HD 36: Vietnamese Unicode font (TCVN 6909:2001)

# Page: A4 portrait. Margins: we could not check the exact figures of HD 36-HD/VPTW (a known
# gap in our sources), so we use top/bottom 20 mm, left 30 mm, right 15 mm — the margins
# customary for Vietnamese official documents. Adjust here if HD 36 says otherwise.
PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(20)
MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT = Mm(30)
MARGIN_RIGHT = Mm(15)
TEXT_WIDTH_MM = 210 - 30 - 15  # 165 mm

# Header: issuer block (left) and the Party title + place/date (right).
HEADER_LEFT_MM = 78
HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM
# Footer block: "Nơi nhận" (left) and the signature (right).
SIGN_LEFT_MM = 80
SIGN_RIGHT_MM = TEXT_WIDTH_MM - SIGN_LEFT_MM

BODY_PT = 14
TITLE_PT = 16  # document type name: caps 15–16 bold
PARTY_TITLE_PT = 15  # "ĐẢNG CỘNG SẢN VIỆT NAM": caps 15 bold
FIRST_LINE_INDENT = Mm(10)  # body paragraphs: first line indented 1–1.27 cm
PARA_SPACING = Pt(6)


@dataclass(frozen=True)
class Span:
    """A run of text with its own emphasis (placeholders must not be split across spans)."""

    text: str
    bold: bool = False
    italic: bool = False


Content = str | Sequence[Span]
Container = DocxDocument | _Cell


def _set_fonts(rpr_parent: BaseOxmlElement) -> None:
    """Set all four font slots to Times New Roman and drop theme fonts (which would win)."""
    rpr = rpr_parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_parent.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _new_document() -> DocxDocument:
    document = Document()
    # Defaults: Times New Roman 14, single spacing, no space after paragraphs.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            _set_fonts(rpr_default)
    normal = document.styles["Normal"]
    _set_fonts(normal.element)
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.top_margin = MARGIN_TOP
    section.bottom_margin = MARGIN_BOTTOM
    section.left_margin = MARGIN_LEFT
    section.right_margin = MARGIN_RIGHT
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # Page numbers: centred at the top from page 2 on, none on the first page.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    number._p.append(field)
    return document


def _paragraph(
    container: Container,
    content: Content,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_line: Mm | None = None,
    before: float = 0,
    after: float = 0,
    keep_with_next: bool = False,
) -> Paragraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.keep_with_next = keep_with_next
    if first_line is not None:
        fmt.first_line_indent = first_line
    spans = [Span(content)] if isinstance(content, str) else list(content)
    for span in spans:
        run = paragraph.add_run(span.text)
        run.font.size = Pt(size)
        run.font.bold = bold or span.bold
        run.font.italic = italic or span.italic
    return paragraph


def _centered(
    container: Container,
    content: Content,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    before: float = 0,
    after: float = 0,
) -> Paragraph:
    return _paragraph(
        container,
        content,
        size=size,
        bold=bold,
        italic=italic,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        before=before,
        after=after,
    )


def _body(container: Container, content: Content, *, after: float = 6) -> Paragraph:
    return _paragraph(container, content, first_line=FIRST_LINE_INDENT, after=after)


def _borderless_table(document: DocxDocument, rows: int, widths_mm: Sequence[int]) -> Table:
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
            # Start each cell empty: helpers append paragraphs.
            for paragraph in list(cell.paragraphs):
                paragraph._p.getparent().remove(paragraph._p)
    return table


def _rule(cell: _Cell, indent_mm: float) -> Paragraph:
    """A short horizontal rule (a thin paragraph with a top border), ``indent_mm`` from each
    side of the cell, drawn under the title "ĐẢNG CỘNG SẢN VIỆT NAM"."""
    paragraph = cell.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.left_indent = Mm(indent_mm)
    fmt.right_indent = Mm(indent_mm)
    fmt.line_spacing = Pt(4)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    top.set(qn("w:val"), "single")
    top.set(qn("w:sz"), "6")  # eighths of a point: 0.75 pt
    top.set(qn("w:space"), "1")
    top.set(qn("w:color"), "auto")
    borders.append(top)
    ppr.append(borders)
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "8")  # half-points: keep the empty paragraph thin
    mark.append(size)
    ppr.append(mark)
    return paragraph


def _header(document: DocxDocument, number: str | None = "number",
            widths: tuple[int, int] = (HEADER_LEFT_MM, HEADER_RIGHT_MM)) -> None:  # fmt: skip
    """Issuer block (left) and Party title with place and date (right), borderless; the
    number is the context's NUMBER (a certificate's own, inside its loop), none for a
    document that is not numbered (a list, a member's sheet)."""
    table = _borderless_table(document, 2, widths)
    left, right = table.rows[0].cells
    _centered(left, "{{ superior_name|upper }}")  # direct higher body: caps 14
    _centered(left, "{{ issuer_name|upper }}", bold=True)  # issuing body: caps 14 bold
    _centered(left, "*")
    _centered(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=PARTY_TITLE_PT, bold=True)
    _rule(right, indent_mm=5)
    number_cell, date = table.rows[1].cells
    if number is None:
        _centered(number_cell, "")
    else:  # "Số 12-QĐ/ĐUK": no colon after "Số"
        _centered(number_cell, f"Số {{{{ {number} }}}}")
    _centered(date, "{{ place }}, {{ issue_date|vn_long_date }}", italic=True)


def _title(document: DocxDocument, kind: str, summary: str | None) -> None:
    _centered(document, kind, size=TITLE_PT, bold=True, before=18)
    if summary is not None:
        _centered(document, summary, bold=True)
    _centered(document, "-----", after=12)


def _signature(document: DocxDocument, *, recipients: bool = True) -> None:
    """ "Nơi nhận" (left, 12 italic bold; recipients 11) and the signature block (right);
    a certificate has no recipients."""
    _paragraph(document, "", size=6, after=6)
    table = _borderless_table(document, 1, (SIGN_LEFT_MM, SIGN_RIGHT_MM))
    left, right = table.rows[0].cells
    _signer(right)
    if not recipients:
        _paragraph(left, "")
        return
    _paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(left, "{%p for recipient in recipients %}", size=11)
    _paragraph(
        left,
        "- {{ recipient }}{% if loop.last %}.{% else %},{% endif %}",
        size=11,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    _paragraph(left, "{%p endfor %}", size=11)


def _signer(cell: _Cell) -> None:
    _centered(cell, "{{ signer_authority|upper }}", bold=True)  # e.g. T/M BAN THƯỜNG VỤ
    _centered(cell, "{{ signer_position|upper }}")  # e.g. PHÓ BÍ THƯ
    _centered(cell, "", after=72)  # room for signature and seal
    _centered(cell, "{{ signer_name }}", bold=True)


BASES = (
    "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
    "- Căn cứ Quy định, Hướng dẫn thi hành Điều lệ Đảng của Ban Chấp hành Trung ương, "
    "Bộ Chính trị, Ban Bí thư;",
)


def _decides(document: DocxDocument) -> None:
    _centered(document, "{{ deciding_body|upper }} QUYẾT ĐỊNH", bold=True, before=6, after=12)


def _article(document: DocxDocument, number: int, text: str) -> None:
    _body(document, [Span(f"Điều {number}. ", bold=True), Span(text)])


def build_admission_decision() -> DocxDocument:
    """Quyết định kết nạp đảng viên (mẫu 9-KNĐ)."""
    document = _new_document()
    _header(document)
    _title(document, "QUYẾT ĐỊNH", "về việc kết nạp đảng viên")
    for basis in BASES:
        _body(document, basis)
    _body(document, "- Xét đề nghị của {{ proposed_by }},")
    _decides(document)
    _article(
        document,
        1,
        "Kết nạp đồng chí {{ member.full_name }}, sinh ngày {{ member.birth_date|vn_date }}, "
        "quê quán {{ member.hometown }}, vào Đảng Cộng sản Việt Nam.",
    )
    _body(
        document,
        "Đồng chí {{ member.full_name }} sinh hoạt tại {{ unit }}. Thời gian dự bị "
        "{{ probation_months }} tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.",
    )
    _article(
        document,
        2,
        "{{ cell_name }} có trách nhiệm tổ chức lễ kết nạp đồng chí {{ member.full_name }} "
        "vào Đảng theo đúng quy định; phân công đảng viên chính thức giúp đỡ đồng chí "
        "{{ member.full_name }} tiếp tục rèn luyện, phấn đấu trở thành đảng viên chính thức.",
    )
    _article(
        document,
        3,
        "{{ executors }} chịu trách nhiệm thi hành Quyết định này.",
    )
    _signature(document)
    return document


def build_recognition_decision() -> DocxDocument:
    """Quyết định công nhận đảng viên chính thức."""
    document = _new_document()
    _header(document)
    _title(document, "QUYẾT ĐỊNH", "về việc công nhận đảng viên chính thức")
    for basis in BASES:
        _body(document, basis)
    _body(
        document,
        "- Căn cứ Quyết định {% if admission_decision_number %}số "
        "{{ admission_decision_number }}, {% endif %}ngày "
        "{{ admission_decision_date|vn_date }} về việc kết nạp đảng viên;",
    )
    _body(document, "- Xét đề nghị của {{ proposed_by }},")
    _decides(document)
    _article(
        document,
        1,
        "Công nhận đồng chí {{ member.full_name }}, sinh ngày {{ member.birth_date|vn_date }}, "
        "quê quán {{ member.hometown }}, kết nạp vào Đảng ngày "
        "{{ member.admission_date|vn_date }}, là đảng viên chính thức kể từ ngày "
        "{{ official_date|vn_date }}.",
    )
    _body(
        document,
        "Đồng chí {{ member.full_name }} sinh hoạt tại {{ unit }}.",
    )
    _article(
        document,
        2,
        "{{ cell_name }} có trách nhiệm tiếp tục giáo dục, rèn luyện, phân công nhiệm vụ "
        "cho đồng chí {{ member.full_name }} và làm thủ tục đề nghị cấp thẻ đảng viên "
        "theo quy định.",
    )
    _article(
        document,
        3,
        "{{ executors }} chịu trách nhiệm thi hành Quyết định này.",
    )
    _signature(document)
    return document


CUT = "- - - - - - - - - - - - - - - - - - (cắt theo đường này) - - - - - - - - - - - - - - - - - -"
BLANK = ". . . . . . . . . . . . . . . ."  # filled in by hand by the receiving side


def build_transfer_letter() -> DocxDocument:
    """Giấy giới thiệu sinh hoạt đảng (chính thức or tạm thời), in the standard three
    parts: the counterfoil the issuer keeps, the letter, and the slip the receiving
    committee returns once the member has presented it."""
    document = _new_document()
    _header(document)
    _title(document, "CUỐNG GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG", None)
    _body(document, "Giới thiệu đồng chí {{ member.full_name }}, sinh ngày "
                    "{{ member.birth_date|vn_date }}, đang sinh hoạt tại {{ from_org }}, đến "
                    "sinh hoạt đảng {{ kind }} tại {{ to_org }}.")  # fmt: skip
    _body(document, "Đã đóng đảng phí đến hết tháng {{ dues_paid_until }}.")
    _centered(document, CUT, size=10, before=6, after=12)
    _header(document)
    _title(document, "GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG", None)
    _centered(document, [Span("Kính gửi: ", italic=True), Span("{{ to_org }}")], after=12)
    _body(document, [Span("Giới thiệu đồng chí: "), Span("{{ member.full_name }}", bold=True)])
    _body(document, "Sinh ngày: {{ member.birth_date|vn_date }}; quê quán: {{ member.hometown }}")
    _body(document, "{% if member.position %}Chức vụ: {{ member.position }}{% endif %}")
    _body(
        document,
        "Ngày vào Đảng: {{ member.admission_date|vn_date }}; ngày chính thức: "
        "{% if member.official_date %}{{ member.official_date|vn_date }}"
        "{% else %}(đảng viên dự bị){% endif %}",
    )
    _body(
        document,
        "Số thẻ đảng viên: {% if member.card_number %}{{ member.card_number }}"
        "{% else %}(chưa được cấp){% endif %}",
    )
    _body(document, "Hiện sinh hoạt tại: {{ from_org }}")
    _body(
        document,
        "Được giới thiệu đến sinh hoạt đảng {{ kind }} tại {{ to_org }}"
        "{% if kind == 'tạm thời' %}; dự kiến trở lại sinh hoạt tại {{ from_org }} ngày "
        "{{ return_date|vn_date }}{% endif %}.",
    )
    _body(document, "Đã đóng đảng phí đến hết tháng {{ dues_paid_until }}.")
    _body(document, "{% if enclosures %}Kèm theo: {{ enclosures }}.{% endif %}")
    _body(document, "Đề nghị {{ to_org }} tiếp nhận và quản lý đảng viên theo quy định.")
    _body(
        document,
        "Đồng chí {{ member.full_name }} xuất trình giấy giới thiệu này chậm nhất đến hết "
        "ngày {{ present_by|vn_date }}.",
    )
    _signature(document)
    _centered(document, CUT, size=10, before=12, after=12)
    _title(document, "PHIẾU BÁO ĐÃ NHẬN GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG", None)
    _centered(document, [Span("Kính gửi: ", italic=True), Span("{{ issuer_name }}")], after=12)
    _body(document, f"{{{{ to_org }}}} đã nhận giấy giới thiệu sinh hoạt đảng số {{{{ number }}}} "
                    f"của đồng chí {{{{ member.full_name }}}} vào ngày {BLANK}")  # fmt: skip
    _body(document, f"T/M {{{{ to_org|upper }}}} (ký, ghi rõ họ tên, đóng dấu): {BLANK}")
    return document


def _numbered(document: DocxDocument, heading: str, items: str) -> None:
    """A numbered list of the context's ITEMS (each with a name and, where it differs, its
    unit) under HEADING, left out when the list is empty."""
    _paragraph(document, f"{{%p if {items} %}}")
    _body(document, heading, after=0)
    _paragraph(document, f"{{%p for item in {items} %}}")
    _body(document, "{{ loop.index }}. {{ item.name }}{% if item.unit %}, {{ item.unit }}"
                    "{% endif %}{% if loop.last %}.{% else %};{% endif %}", after=0)  # fmt: skip
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endif %}")


def build_commendation_decision() -> DocxDocument:
    """Quyết định khen thưởng tổ chức đảng và đảng viên hoàn thành xuất sắc nhiệm vụ."""
    document = _new_document()
    _header(document)
    _title(document, "QUYẾT ĐỊNH",
           "về việc khen thưởng tổ chức đảng và đảng viên hoàn thành xuất sắc nhiệm vụ "
           "năm {{ year }}")  # fmt: skip
    _body(document, BASES[0])
    _body(document, "- Căn cứ {{ regulation }} về kiểm điểm, đánh giá, xếp loại chất lượng "
                    "tổ chức đảng, đảng viên hằng năm;")  # fmt: skip
    _body(document, "- Căn cứ kết quả đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên "
                    "năm {{ year }};")  # fmt: skip
    _body(document, "- Xét đề nghị của Ban Tổ chức {{ issuer_name }},")
    _decides(document)
    _article(document, 1, "Tặng Giấy khen cho {{ organizations|length }} tổ chức đảng và "
                          "{{ members|length }} đảng viên đã hoàn thành xuất sắc nhiệm vụ năm "
                          "{{ year }}, gồm:")  # fmt: skip
    _numbered(document, "a) Tổ chức đảng:", "organizations")
    _numbered(document, "b) Đảng viên:", "members")
    _article(document, 2, "Quyết định có hiệu lực kể từ ngày ký.")
    _article(document, 3, "Văn phòng, Ban Tổ chức {{ issuer_name }}, các tổ chức đảng và "
                          "đảng viên có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định "
                          "này.")  # fmt: skip
    _signature(document)
    return document


def build_certificates() -> DocxDocument:
    """Giấy khen: one page per commended organization or member of the context's
    ``certificates`` (a single certificate is a list of one), to print together."""
    document = _new_document()
    numbering = document.sections[0].header.paragraphs[0]._p  # each page is a certificate
    for field in numbering.findall(qn("w:fldSimple")):
        numbering.remove(field)
    _paragraph(document, "{%p for c in certificates %}")
    _header(document, number="c.number")
    _centered(document, "{{ deciding_body|upper }}", bold=True, before=36)
    _centered(document, "TẶNG", size=TITLE_PT, bold=True, before=24)
    _centered(document, "GIẤY KHEN", size=28, bold=True, after=24)
    _centered(document, "{{ c.name }}", size=TITLE_PT, bold=True)
    _centered(document, "{% if c.unit %}{{ c.unit }}{% endif %}", italic=True, after=18)
    _centered(document, "Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm {{ year }}.")
    _centered(document, "(Quyết định số {{ decision_number }}, "
                        "{{ decision_date|vn_long_date }})", italic=True, after=12)  # fmt: skip
    _signature(document, recipients=False)
    _paragraph(document, "{%p if not loop.last %}")
    _paragraph(document, "").add_run().add_break(WD_BREAK.PAGE)
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p endfor %}")
    return document


def build_removal_decision() -> DocxDocument:
    """Quyết định xóa tên đảng viên (Điều lệ Đảng Điều 8), the ground in the words of the
    rule set of the day."""
    document = _new_document()
    _header(document)
    _title(document, "QUYẾT ĐỊNH", "về việc xóa tên đảng viên")
    for basis in BASES:
        _body(document, basis)
    _body(document, "- Xét đề nghị của {{ proposed_by }},")
    _decides(document)
    _article(
        document,
        1,
        "Xóa tên đồng chí {{ member.full_name }}, sinh ngày {{ member.birth_date|vn_date }}, "
        "quê quán {{ member.hometown }}, vào Đảng ngày {{ member.admission_date|vn_date }}, "
        "sinh hoạt tại {{ unit }}, trong danh sách đảng viên.",
    )
    _body(document, "Lý do: {{ ground }}.")
    _article(document, 2, "Quyết định có hiệu lực kể từ ngày ký.")
    _article(document, 3, "{{ executors }} chịu trách nhiệm thi hành Quyết định này.")
    _signature(document)
    return document


def _field(container: Container, label: str, value: str) -> None:
    """A line of the member's sheet: the label, then the record's value in bold."""
    _paragraph(container, [Span(f"{label}: "), Span(value, bold=True)], after=3)


def _optional_field(document: DocxDocument, label: str, value: str) -> None:
    """A line printed only when the record holds a value (a bí danh, a second admission)."""
    _paragraph(document, f"{{%p if {value} %}}")
    _field(document, label, f"{{{{ {value} }}}}")
    _paragraph(document, "{%p endif %}")


def build_member_sheet() -> DocxDocument:
    """Phiếu đảng viên (mẫu 2-HSĐV), printed from the member's record: where the member
    belongs, who they are, their schooling and their Party dates; a line the record leaves
    empty by right (no other name) is left out, so the lines are not numbered."""
    document = _new_document()
    _paragraph(document, "Mẫu 2-HSĐV", size=12, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _header(document, number=None)
    _title(document, "PHIẾU ĐẢNG VIÊN", None)
    _field(document, "Đảng bộ", "{{ grassroots_name }}")
    _field(document, "Chi bộ", "{{ cell_name }}")
    _field(document, "Số thẻ đảng viên", "{% if member.card_number %}{{ member.card_number }}"
                     "{% else %}chưa được cấp{% endif %}")  # fmt: skip
    _field(document, "Họ và tên đang dùng", "{{ member.full_name|upper }}")
    _optional_field(document, "Tên gọi khác", "member.other_name")
    _field(document, "Giới tính", "{{ member.gender }}")
    _field(document, "Sinh ngày", "{{ member.birth_date|vn_date }}")
    _field(document, "Nơi sinh", "{{ member.birthplace }}")
    _field(document, "Quê quán", "{{ member.hometown }}")
    _field(document, "Nơi thường trú", "{{ member.residence }}")
    _field(document, "Dân tộc", "{{ member.ethnicity }}")
    _field(document, "Tôn giáo", "{{ member.religion }}")
    _optional_field(document, "Nghề nghiệp", "member.occupation")
    _optional_field(document, "Chức vụ, nơi làm việc", "member.work")
    _optional_field(document, "Giáo dục phổ thông", "member.general_education")
    _optional_field(document, "Chuyên môn, nghiệp vụ", "member.professional_qualification")
    _optional_field(document, "Lý luận chính trị", "member.political_theory")
    _optional_field(document, "Ngoại ngữ", "member.foreign_language")
    _optional_field(document, "Tin học", "member.it_level")
    _field(document, "Ngày vào Đảng", "{{ member.admission_date|vn_date }}")
    _optional_field(document, "Ngày vào Đảng lần thứ hai", "member.readmission_date")
    official = "{% if member.official_date %}{{ member.official_date|vn_date }}{% else %}"
    _field(document, "Ngày chính thức", official + "đảng viên dự bị{% endif %}")
    _paragraph(document, "", size=6, after=6)
    table = _borderless_table(document, 1, (SIGN_LEFT_MM, SIGN_RIGHT_MM))
    left, right = table.rows[0].cells
    _centered(left, "NGƯỜI KHAI", bold=True)
    _centered(left, "", after=72)
    _centered(left, "{{ member.full_name }}", bold=True)
    _signer(right)
    return document


# The member list, landscape (a table of 10 columns does not fit portrait at 12 pt).
LIST_WIDTHS_MM = (12, 50, 25, 25, 46, 25, 25, 24, 35)
LIST_HEADINGS = ("STT", "Họ và tên", "Ngày sinh (Nam)", "Ngày sinh (Nữ)", "Quê quán",
                 "Ngày vào Đảng", "Ngày chính thức", "Số thẻ", "Chi bộ, chức vụ")  # fmt: skip
LIST_CELLS = (
    "{{ loop.index }}", "{{ row.full_name }}",
    "{% if row.male %}{{ row.birth_date|vn_date }}{% endif %}",
    "{% if not row.male %}{{ row.birth_date|vn_date }}{% endif %}", "{{ row.hometown }}",
    "{{ row.admission_date|vn_date }}",
    "{% if row.official_date %}{{ row.official_date|vn_date }}{% else %}dự bị{% endif %}",
    "{{ row.card_number }}", "{{ row.cell }}{% if row.position %}; {{ row.position }}{% endif %}",
)  # fmt: skip


def _grid(document: DocxDocument) -> Table:
    """The list's table, ruled, one row of headings, one row repeated per member."""
    return _repeated_rows(document, LIST_WIDTHS_MM, LIST_HEADINGS, LIST_CELLS, size=12)


def _repeated_rows(
    document: DocxDocument,
    widths: Sequence[int],
    headings: Sequence[str],
    cells: Sequence[str],
    *,
    size: int,
) -> Table:
    """A ruled table of WIDTHS (mm), fixed (a long name wraps, the columns never widen): a
    row of HEADINGS, then the CELLS' row repeated for each of the context's `rows`
    (docxtpl's `{%tr %}`)."""
    table = document.add_table(rows=4, cols=len(widths))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # python-docx's word for a fixed layout
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
            for paragraph in list(cell.paragraphs):
                paragraph._p.getparent().remove(paragraph._p)
    heading, start, row, end = table.rows
    for cell, text in zip(heading.cells, headings, strict=True):
        _centered(cell, text, size=size, bold=True)
    start.cells[0].add_paragraph("{%tr for row in rows %}")
    for cell, text in zip(row.cells, cells, strict=True):
        _paragraph(cell, text, size=size, align=WD_ALIGN_PARAGRAPH.LEFT)
    end.cells[0].add_paragraph("{%tr endfor %}")
    return table


def build_member_list() -> DocxDocument:
    """Danh sách đảng viên of an organization on a date: the standard list's columns,
    birth dates split by gender, official date or "dự bị"."""
    document = _new_document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
    section.left_margin = section.right_margin = Mm(15)
    _header(document, number=None, widths=(110, 157))
    _title(document, "DANH SÁCH ĐẢNG VIÊN", "{{ unit }}")
    _centered(document, "(có đến ngày {{ as_of|vn_date }}: {{ rows|length }} đảng viên)",
              italic=True, after=6)  # fmt: skip
    _grid(document)
    _paragraph(document, "", size=6, after=6)
    table = _borderless_table(document, 1, (110, 157))
    _paragraph(table.rows[0].cells[0], "")
    _signer(table.rows[0].cells[1])
    return document


def _lines(document: DocxDocument, heading: str, items: str) -> None:
    """HEADING in bold, then each of the context's ITEMS (lines of text) as a paragraph;
    nothing when the list is empty."""
    _paragraph(document, f"{{%p if {items} %}}")
    _paragraph(document, heading, bold=True, before=6, after=3)
    _paragraph(document, f"{{%p for line in {items} %}}")
    _body(document, "{{ line }}", after=3)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endif %}")


def _two_signatures(document: DocxDocument) -> None:
    """The meeting's secretary (left) and chair (right) sign its minutes and its list."""
    _paragraph(document, "", size=6, after=6)
    table = _borderless_table(document, 1, (SIGN_LEFT_MM, SIGN_RIGHT_MM))
    signers = (("THƯ KÝ", "meeting.secretary"), ("CHỦ TRÌ", "meeting.chair"))
    for cell, (title, name) in zip(table.rows[0].cells, signers, strict=True):
        _centered(cell, title, bold=True)
        _centered(cell, "", after=72)
        _centered(cell, f"{{{{ {name} }}}}", bold=True)


def build_meeting_invitation() -> DocxDocument:
    """Giấy mời: the organization invites its guests and delegates to a conference or a
    cell meeting, numbered "GM" in its register."""
    document = _new_document()
    _header(document)
    _title(document, "GIẤY MỜI", None)
    _body(document, "{{ issuer_name }} trân trọng kính mời:")
    _paragraph(document, "{%p for guest in invited %}")
    _body(document, [Span("Đồng chí "), Span("{{ guest.name }}", bold=True),
                     Span(", {{ guest.title }}{% if loop.last %}.{% else %};{% endif %}")],
          after=0)  # fmt: skip
    _paragraph(document, "{%p endfor %}")
    _body(document, [Span("Tới dự: ", bold=True), Span("{{ meeting.title }}.")], after=3)
    _body(document, [Span("Thời gian: ", bold=True),
                     Span("{{ meeting.held_on|vn_long_date }}.")], after=3)  # fmt: skip
    _body(document, "{% if meeting.place %}Địa điểm: {{ meeting.place }}.{% endif %}", after=3)
    _lines(document, "Nội dung:", "meeting.agenda")
    _body(document, "Rất mong các đồng chí đến dự đúng thời gian.")
    _signature(document)
    return document


ATTENDANCE_WIDTHS_MM = (15, 49, 58, 43)
ATTENDANCE_HEADINGS = ("STT", "Họ và tên", "Chức vụ, đơn vị", "Tình hình dự họp")
ATTENDANCE_CELLS = (
    "{{ loop.index }}",
    "{{ row.name }}",
    "{{ row.title }}",
    "{{ row.status }}{% if row.reason %} ({{ row.reason }}){% endif %}",
)


def _attendance_grid(document: DocxDocument) -> Table:
    return _repeated_rows(document, ATTENDANCE_WIDTHS_MM, ATTENDANCE_HEADINGS,
                          ATTENDANCE_CELLS, size=13)  # fmt: skip


def build_meeting_attendance() -> DocxDocument:
    """Danh sách tham dự: the invited guests and delegates, then the cell's members, each
    with whether they came; not numbered."""
    document = _new_document()
    _header(document, number=None)
    _title(document, "DANH SÁCH THAM DỰ", "{{ meeting.title }}")
    _centered(document, "({{ meeting.held_on|vn_long_date }}{% if meeting.place %}, tại "
                        "{{ meeting.place }}{% endif %})", italic=True, after=6)  # fmt: skip
    _attendance_grid(document)
    _centered(document, "Có mặt {{ rows_present }} trên {{ rows|length }} người được mời, "
                        "triệu tập.", italic=True, before=6)  # fmt: skip
    _two_signatures(document)
    return document


def build_meeting_minutes() -> DocxDocument:
    """Biên bản of a conference or a cell meeting: time and place, chair and secretary,
    guests, attendance, agenda and conclusions; signed by the secretary and the chair; not
    numbered."""
    document = _new_document()
    _header(document, number=None)
    _title(document, "BIÊN BẢN", "{{ meeting.title }}")
    _body(document, "Thời gian: {{ meeting.held_on|vn_long_date }}.", after=3)
    _body(document, "{% if meeting.place %}Địa điểm: {{ meeting.place }}.{% endif %}", after=3)
    _body(document, "Chủ trì: {{ meeting.chair }}. Thư ký: {{ meeting.secretary }}.", after=3)
    _paragraph(document, "{%p if guests %}")
    _paragraph(document, "Khách mời, đại biểu:", bold=True, before=6, after=3)
    _paragraph(document, "{%p for guest in guests %}")
    _body(document, "- Đồng chí {{ guest.name }}, {{ guest.title }}{% if guest.status %}: "
                    "{{ guest.status|lower }}{% endif %}.", after=0)  # fmt: skip
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p if members %}")
    _body(document, "Đảng viên của chi bộ: {{ members|length }}; có mặt: {{ present }}; "
                    "vắng: {{ members|length - present }}.", after=3)  # fmt: skip
    _paragraph(document, "{%p for row in absent %}")
    _body(document, "- {{ row.name }}: {{ row.status|lower }}{% if row.reason %} "
                    "({{ row.reason }}){% endif %}.", after=0)  # fmt: skip
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endif %}")
    _lines(document, "Nội dung:", "meeting.agenda")
    _lines(document, "Kết luận:", "meeting.conclusions")
    _body(document, "Biên bản kết thúc vào {{ meeting.held_on|vn_long_date }}, đã thông qua "
                    "tại hội nghị.", after=0)  # fmt: skip
    _two_signatures(document)
    return document


REPORT_BODY = "[[NỘI DUNG BÁO CÁO]]"  # where `report_frame.render_report` puts the body


def build_report_frame() -> DocxDocument:
    """Báo cáo: the header, the title and its summary, a marker paragraph (REPORT_BODY)
    where the caller writes the body (figures, tables, charts, the staff's text) and the
    signature. Shipped as the template "annual_report", which staff may replace with their
    own Word file as long as it keeps the marker (`report_frame.py`)."""
    document = _new_document()
    _header(document)
    _title(document, "{{ title|upper }}", "{{ summary }}")
    _paragraph(document, REPORT_BODY)
    _signature(document)
    return document


BUILDERS: dict[str, Callable[[], DocxDocument]] = {
    "admission_decision": build_admission_decision,
    "recognition_decision": build_recognition_decision,
    "transfer_letter": build_transfer_letter,
    "commendation_decision": build_commendation_decision,
    "certificates": build_certificates,
    "removal_decision": build_removal_decision,
    "member_sheet": build_member_sheet,
    "member_list": build_member_list,
    "meeting_invitation": build_meeting_invitation,
    "meeting_attendance": build_meeting_attendance,
    "meeting_minutes": build_meeting_minutes,
    "annual_report": build_report_frame,
}


def build_all(output_dir: Path = OUTPUT_DIR) -> list[Path]:
    """Write every template into ``output_dir`` and return the paths."""
    output_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in BUILDERS.items():
        path = output_dir / f"{name}.docx"
        document = builder()
        document.core_properties.title = name
        document.core_properties.author = "dangvu"
        document.save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    for built in build_all():
        print(built)
