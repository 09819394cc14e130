"""The columns of a ratings file and how their cells read: the subject (a member by "Số
CCCD", an organization by "Mã tổ chức"), the courtesy name, "Xếp loại" written in full, in
short or as its code, "Điểm" where the year scores, and the override's reason.

The subject and name columns take the same header variants as the member and organization
lists (`imports.columns`), so an office's own list, with a "Xếp loại" column added, reads.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from dangvu.common.text import fold_words
from dangvu.evaluation.models import Level
from dangvu.imports.columns import FIELDS, ORG_FIELDS, FieldSpec, HeaderTable
from dangvu.imports.reading import as_text

RATING_FIELDS: dict[str, FieldSpec] = {
    "national_id": FieldSpec(
        "Số CCCD",
        (*FIELDS["national_id"].variants, "CMND/CCCD", "CCCD/CMND", "Số CMND"),
        False,
        "digits",
    ),
    "org_code": FieldSpec(
        "Mã tổ chức", (*ORG_FIELDS["code"].variants, "Mã tổ chức đảng"), False, "text"
    ),
    "full_name": FieldSpec("Họ và tên", FIELDS["full_name"].variants, False, "text"),
    "org_name": FieldSpec("Tên tổ chức", ORG_FIELDS["name"].variants, False, "text"),
    "level": FieldSpec(
        "Xếp loại",
        (
            "Xếp loại",
            "Mức xếp loại",
            "Kết quả xếp loại",
            "Xếp loại chất lượng",
            "Tự xếp loại",
            "Đề xuất xếp loại",
            "Quyết định xếp loại",
            "Mức chất lượng",
        ),
        True,
        "text",
    ),
    "score": FieldSpec(
        "Điểm",
        ("Điểm", "Tổng điểm", "Điểm đánh giá", "Số điểm", "Điểm chấm", "Tự chấm điểm"),
        False,
        "text",
    ),
    "reason": FieldSpec(
        "Lý do vượt quy định",
        ("Lý do", "Lý do vượt quy định", "Lý do giữ xếp loại", "Lý do giữ xếp loại trái quy định"),
        False,
        "text",
    ),
}
RATING_HEADERS = HeaderTable(RATING_FIELDS)
SUBJECT_FIELDS = ("national_id", "org_code")

# The short forms offices write, as folded words: "HT xuất sắc NV", "Không HT NV".
_SHORT_WORDS = {
    "ht": "hoan thanh",
    "nv": "nhiem vu",
    "xs": "xuat sac",
    "k": "khong",
    "ko": "khong",
}
_DUTY = re.compile(r" nhiem vu$")


def _level_key(text: str) -> str:
    words = " ".join(_SHORT_WORDS.get(word, word) for word in fold_words(text).split())
    return _DUTY.sub("", words).replace(" ", "")


def _level_table() -> dict[str, str]:
    """Folded key → level code: the label in full, without its "nhiệm vụ", and the code."""
    with translation.override("vi"):
        table = {_level_key(str(label)): code for code, label in Level.choices}
    return table | {_level_key(code): code for code in Level.values}


_LEVELS = _level_table()


def as_level(value: object) -> str:
    """The level code of a "Xếp loại" cell ("" when blank); ValueError when it names none:
    "Hoàn thành xuất sắc nhiệm vụ", "hoan thanh xuat sac", "HT xuất sắc NV", "HTXSNV"."""
    text = as_text(value)
    if not text:
        return ""
    found = _LEVELS.get(_level_key(text))
    if found is None:
        raise ValueError(
            _("Không rõ mức xếp loại; ghi một trong: %(levels)s (hoặc %(codes)s).")
            % {
                "levels": ", ".join(str(label) for label in Level.labels),
                "codes": ", ".join(Level.values),
            }
        )
    return found


def as_score(value: object) -> Decimal | None:
    """A "Điểm" cell as a number with at most one decimal ("85,5" or 85.5), None when
    blank; ValueError otherwise."""
    text = as_text(value).replace(",", ".")
    if not text:
        return None
    try:
        score = Decimal(text)
        if not score.is_finite() or score != score.quantize(Decimal("0.1")):
            raise InvalidOperation
    except InvalidOperation:
        raise ValueError(_("Điểm phải là một số, lấy tối đa một chữ số thập phân.")) from None
    return score
