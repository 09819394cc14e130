"""Target fields of the member and organization imports, and the header labels party
offices use for them.

Headers are matched on a folded key (no diacritics, đ→d, lower case, punctuation and
spaces removed), so "Họ và tên (*)", "HỌ VÀ TÊN:" and "Ho va ten" all find `full_name`.
No Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from dangvu.common.text import fold_words
from dangvu.imports.layout import JOIN
from dangvu.imports.problems import column_letter

Kind = Literal["text", "digits", "date", "gender"]


@dataclass(frozen=True)
class FieldSpec:
    label_vi: str
    variants: tuple[str, ...]
    required: bool
    kind: Kind


# Numbering offices put before a label: "STT", "1.", "(2)", "3 -", "Cột 4:".
_LEADING_NUMBER = re.compile(r"^(?:stt\s+)?(?:cot\s+)?\d{1,3}\s+(?=[a-z])")
_TRAILING_PARENTHESIS = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*[:*]?\s*$")


FIELDS: dict[str, FieldSpec] = {
    "full_name": FieldSpec(
        "Họ và tên",
        (
            "Họ và tên",
            "Họ tên",
            "Họ và tên đảng viên",
            "Tên đảng viên",
            "Họ và tên khai sinh",
            "Họ tên đảng viên",
        ),
        True,
        "text",
    ),
    "birth_date": FieldSpec(
        "Ngày sinh",
        ("Ngày sinh", "Ngày tháng năm sinh", "Sinh ngày", "NS", "Ngày, tháng, năm sinh"),
        True,
        "date",
    ),
    "gender": FieldSpec("Giới tính", ("Giới tính", "Nam/Nữ", "GT"), True, "gender"),
    "national_id": FieldSpec(
        "Số CCCD",
        (
            "Số CCCD",
            "CCCD",
            "Số định danh",
            "Số định danh cá nhân",
            "Căn cước công dân",
            "Số căn cước công dân",
            "Số CMND/CCCD",
            "Số CCCD/CMND",
            "Số căn cước",
        ),
        False,
        "digits",
    ),
    "party_card_number": FieldSpec(
        "Số thẻ đảng viên", ("Số thẻ đảng viên", "Số thẻ", "Số thẻ ĐV"), False, "digits"
    ),
    "admission_date": FieldSpec(
        "Ngày vào Đảng",
        ("Ngày vào Đảng", "Ngày kết nạp", "Vào Đảng", "Ngày kết nạp Đảng"),
        True,
        "date",
    ),
    "admission_decision_date": FieldSpec(
        "Ngày quyết định kết nạp",
        ("Ngày quyết định kết nạp", "Ngày QĐ kết nạp", "Ngày ra quyết định kết nạp", "Ngày QĐKN"),
        False,
        "date",
    ),
    "readmission_date": FieldSpec(
        "Ngày vào Đảng lần thứ hai",
        (
            "Ngày vào Đảng lần thứ hai",
            "Ngày vào Đảng lần 2",
            "Ngày kết nạp lại",
            "Ngày kết nạp lần thứ hai",
            "Ngày kết nạp lần 2",
        ),
        False,
        "date",
    ),
    "official_date": FieldSpec(
        "Ngày chính thức",
        ("Ngày chính thức", "Ngày công nhận chính thức", "Ngày vào Đảng chính thức"),
        False,
        "date",
    ),
    "cell": FieldSpec("Chi bộ", ("Chi bộ", "Mã chi bộ", "Sinh hoạt tại chi bộ"), False, "text"),
    "other_name": FieldSpec("Tên gọi khác", ("Tên gọi khác", "Bí danh"), False, "text"),
    "ethnicity": FieldSpec("Dân tộc", ("Dân tộc",), False, "text"),
    "religion": FieldSpec("Tôn giáo", ("Tôn giáo",), False, "text"),
    "occupation": FieldSpec("Nghề nghiệp", ("Nghề nghiệp",), False, "text"),
    "position": FieldSpec("Chức vụ", ("Chức vụ",), False, "text"),
    "workplace": FieldSpec("Nơi làm việc", ("Nơi làm việc", "Đơn vị công tác"), False, "text"),
    "phone": FieldSpec("Điện thoại", ("Điện thoại", "SĐT", "Số điện thoại"), False, "text"),
    "email": FieldSpec("Email", ("Email", "Thư điện tử", "E-mail"), False, "text"),
    "residence": FieldSpec(
        "Nơi thường trú",
        ("Nơi thường trú", "Địa chỉ thường trú", "Nơi ở hiện nay"),
        False,
        "text",
    ),
}


# The sub-columns offices put under a merged parent header, by the parent's field and the
# sub-label's folded words. "Ngày vào Đảng" over "Dự bị" / "Chính thức" is the ceremony
# (the member is probationary from it) and the official date (Điều lệ Đảng, Điều 5).
SUBCOLUMNS: dict[str, dict[str, str]] = {
    "admission_date": {
        "du bi": "admission_date",
        "ket nap": "admission_date",
        "ngay ket nap": "admission_date",
        "ngay vao dang": "admission_date",
        "lan dau": "admission_date",
        "lan 1": "admission_date",
        "chinh thuc": "official_date",
        "ngay chinh thuc": "official_date",
        "cong nhan chinh thuc": "official_date",
        "lan 2": "readmission_date",
        "lan thu hai": "readmission_date",
        "ket nap lai": "readmission_date",
    },
    "full_name": {
        "khai sinh": "full_name",
        "ho va ten": "full_name",
        "ho ten": "full_name",
        "ten goi khac": "other_name",
        "bi danh": "other_name",
    },
}


def _key(folded: str) -> str:
    return folded.replace(" ", "")


class HeaderTable:
    """The header variants of one import's fields, matched on their folded key."""

    def __init__(self, fields: dict[str, FieldSpec]) -> None:
        self.fields = fields
        self._index: dict[str, str] = {}
        for name, spec in fields.items():
            for variant in (spec.label_vi, *spec.variants):
                key = _key(fold_words(variant))
                other = self._index.setdefault(key, name)
                if other != name:  # pragma: no cover - guards edits to the tables
                    raise AssertionError(f"header variant {variant!r} used by {other} and {name}")

    def _lookup(self, label: str) -> str | None:
        folded = fold_words(label)
        if not folded:
            return None
        found = self._index.get(_key(folded))
        if found is None:
            unnumbered = _LEADING_NUMBER.sub("", folded)
            found = self._index.get(_key(unnumbered))
        return found

    def match(self, label: str) -> str | None:
        """The field for header LABEL, or None if unknown.

        Exact match on the folded key with any variant; a leading "STT"/numbering ("1.",
        "(2)") and a trailing "(*)", ":" or explanatory parenthesis ("Ngày sinh
        (dd/mm/yyyy)") are tolerated. A two-row header's "Parent / Sub" is read as its
        words together ("Số / CCCD"), then as a known parent's sub-column ("Ngày vào Đảng
        / Chính thức", `SUBCOLUMNS`), then as the sub-label alone under an unknown parent
        ("Thông tin cá nhân / Họ và tên").
        """
        if JOIN in label:
            parent, sub = label.split(JOIN, 1)
            found = self._single(f"{parent} {sub}")
            if found is not None:
                return found
            owner = self._single(parent)
            if owner is None:
                return self._single(sub)
            return SUBCOLUMNS.get(owner, {}).get(fold_words(_TRAILING_PARENTHESIS.sub("", sub)))
        return self._single(label)

    def _single(self, label: str) -> str | None:
        found = self._lookup(label)
        if found is None:
            trimmed = _TRAILING_PARENTHESIS.sub("", label)
            if trimmed != label:
                found = self._lookup(trimmed)
        return found

    def suggest(self, headers: list[str]) -> dict[int, str]:
        """Column index (0-based, as in HEADERS) → field; each field used once, first match
        wins."""
        mapping: dict[int, str] = {}
        used: set[str] = set()
        for index, header in enumerate(headers):
            field = self.match(header)
            if field is not None and field not in used:
                mapping[index] = field
                used.add(field)
        return mapping


MEMBER_HEADERS = HeaderTable(FIELDS)


def match_header(label: str) -> str | None:
    """The member field for header LABEL, or None if unknown (see `HeaderTable.match`)."""
    return MEMBER_HEADERS.match(label)


def suggest_mapping(headers: list[str]) -> dict[int, str]:
    """Column index → member field; each field used once, first match wins."""
    return MEMBER_HEADERS.suggest(headers)


# The organization list (import and export share these labels, so a round trip maps itself).
ORG_FIELDS: dict[str, FieldSpec] = {
    "code": FieldSpec("Mã", ("Mã", "Mã tổ chức", "Mã số", "Mã đơn vị", "Mã TCĐ"), True, "text"),
    "name": FieldSpec(
        "Tên tổ chức",
        ("Tên tổ chức", "Tên", "Tên tổ chức đảng", "Tên đơn vị", "Tổ chức đảng"),
        True,
        "text",
    ),
    "kind": FieldSpec(
        "Loại", ("Loại", "Loại tổ chức", "Loại tổ chức đảng", "Cấp tổ chức"), True, "text"
    ),
    "parent": FieldSpec(
        "Mã tổ chức cấp trên",
        ("Mã tổ chức cấp trên", "Mã cấp trên", "Mã đơn vị cấp trên", "Trực thuộc (mã)"),
        False,
        "text",
    ),
    "sector": FieldSpec(
        "Lĩnh vực", ("Lĩnh vực", "Loại hình", "Loại hình TCCSĐ", "Loại hình tổ chức"), False, "text"
    ),
    "established_date": FieldSpec(
        "Ngày thành lập", ("Ngày thành lập", "Thành lập", "Thành lập ngày"), True, "date"
    ),
    "effective_date": FieldSpec(
        "Ngày hiệu lực", ("Ngày hiệu lực", "Hiệu lực từ ngày", "Ngày áp dụng"), False, "date"
    ),
    "decision": FieldSpec(
        "Quyết định", ("Quyết định", "Số quyết định", "Căn cứ quyết định"), False, "text"
    ),
    # The upper committee's authorisation of a đảng ủy cơ sở to admit members, both or none.
    "authority_decision": FieldSpec(
        "Số QĐ ủy quyền kết nạp",
        (
            "Số QĐ ủy quyền kết nạp",
            "Số quyết định ủy quyền kết nạp",
            "Quyết định ủy quyền kết nạp",
            "Ủy quyền kết nạp đảng viên",
        ),
        False,
        "text",
    ),
    "authority_date": FieldSpec(
        "Ngày ủy quyền kết nạp",
        ("Ngày ủy quyền kết nạp", "Ngày QĐ ủy quyền kết nạp", "Ủy quyền kết nạp từ ngày"),
        False,
        "date",
    ),
}
ORG_HEADERS = HeaderTable(ORG_FIELDS)


def shown_mapping(mapping: dict[str, str]) -> str:
    """A batch's column mapping as people read it: "A: Họ và tên, C: Ngày sinh"."""
    labels = {name: spec.label_vi for name, spec in (ORG_FIELDS | FIELDS).items()}
    return ", ".join(
        f"{column_letter(int(index))}: {labels.get(name, name)}"
        for index, name in sorted(mapping.items(), key=lambda item: int(item[0]))
    )
