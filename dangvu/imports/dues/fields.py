"""The columns of a collection sheet and how their cells read: "Số CCCD", the courtesy
name, "Đối tượng" written as its label, its code or a few words offices use, "Căn cứ tính"
and "Số tiền nộp" in đồng ("1.234.000", "1,234,000 đ"), "Ngày nộp"."""

from django.utils import translation
from django.utils.translation import gettext as _

from dangvu.common.text import fold_words
from dangvu.dues.rules import Category
from dangvu.imports.columns import FIELDS, FieldSpec, HeaderTable
from dangvu.imports.reading import as_text

DUES_FIELDS: dict[str, FieldSpec] = {
    "national_id": FieldSpec(
        "Số CCCD", (*FIELDS["national_id"].variants, "CMND/CCCD", "CCCD/CMND"), True, "digits"
    ),
    "full_name": FieldSpec("Họ và tên", FIELDS["full_name"].variants, False, "text"),
    "category": FieldSpec(
        "Đối tượng",
        ("Đối tượng", "Đối tượng đóng", "Đối tượng đóng đảng phí", "Diện đóng"),
        False,
        "text",
    ),
    "income": FieldSpec(
        "Căn cứ tính",
        (
            "Căn cứ tính",
            "Căn cứ tính đảng phí",
            "Thu nhập",
            "Tiền lương",
            "Lương đóng BHXH",
            "Mức lương",
            "Lương hưu",
        ),
        False,
        "text",
    ),
    "amount": FieldSpec(
        "Số tiền nộp",
        ("Số tiền nộp", "Số tiền", "Số tiền đóng", "Đảng phí", "Số đảng phí", "Mức đóng"),
        True,
        "text",
    ),
    "paid_on": FieldSpec("Ngày nộp", ("Ngày nộp", "Ngày đóng", "Ngày thu"), True, "date"),
}
DUES_HEADERS = HeaderTable(DUES_FIELDS)

# Words offices write for a category, folded, tried in order ("không … lương hưu" is not
# a pensioner).
_WORDS = (
    ("khong", Category.OTHER),
    ("huu", Category.PENSION),
    ("hoc sinh", Category.STUDENT),
    ("sinh vien", Category.STUDENT),
    ("om dau", Category.BENEFIT),
    ("thai san", Category.BENEFIT),
    ("doanh nghiep", Category.SALARY_ENTERPRISE),
    ("su nghiep", Category.SALARY_ENTERPRISE),
    ("co quan", Category.SALARY_STATE),
    ("cong chuc", Category.SALARY_STATE),
    ("luc luong vu trang", Category.SALARY_STATE),
    ("khac", Category.OTHER),
)


def as_category(value: object) -> str:
    """The category code of a "Đối tượng" cell ("" when blank); ValueError when it names
    none."""
    text = as_text(value)
    if not text:
        return ""
    if text.upper() in Category.values:
        return text.upper()
    folded = fold_words(text)
    with translation.override("vi"):
        labels = {fold_words(str(label)): code for code, label in Category.choices}
    if folded in labels:
        return labels[folded]
    for words, code in _WORDS:
        if words in folded:
            return code
    raise ValueError(
        _("Không rõ đối tượng; ghi một trong: %(labels)s.")
        % {"labels": "; ".join(str(label) for label in Category.labels)}
    )


def as_money(value: object) -> int | None:
    """A sum of đồng: 90000, "90.000", "90,000 đ" (None when blank); ValueError otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value != int(value) or value < 0:
            raise ValueError(_("Số tiền phải là số đồng nguyên, không âm."))
        return int(value)
    text = as_text(value).lower().removesuffix("đồng").removesuffix("đ").removesuffix("vnd")
    text = text.strip().replace(".", "").replace(",", "").replace(" ", "")
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(_("Số tiền phải là số đồng, ví dụ 90.000."))
    return int(text)
