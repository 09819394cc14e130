"""Tests for the member reference lists."""

from __future__ import annotations

import unicodedata

import pytest

from dangvu.members.reference import (
    ETHNIC_GROUPS,
    FOREIGN_LANGUAGE_LEVELS,
    GENERAL_EDUCATION,
    IT_LEVELS,
    POLITICAL_THEORY_LEVELS,
    PROFESSIONAL_QUALIFICATIONS,
    RELIGIONS,
    Choice,
)

ALL_LISTS: dict[str, tuple[Choice, ...]] = {
    "ETHNIC_GROUPS": ETHNIC_GROUPS,
    "RELIGIONS": RELIGIONS,
    "GENERAL_EDUCATION": GENERAL_EDUCATION,
    "PROFESSIONAL_QUALIFICATIONS": PROFESSIONAL_QUALIFICATIONS,
    "POLITICAL_THEORY_LEVELS": POLITICAL_THEORY_LEVELS,
    "FOREIGN_LANGUAGE_LEVELS": FOREIGN_LANGUAGE_LEVELS,
    "IT_LEVELS": IT_LEVELS,
}


def test_exactly_54_ethnic_groups_coded_01_to_54_in_order() -> None:
    codes = [code for code, _ in ETHNIC_GROUPS]
    assert len(codes) == 54
    assert len(set(codes)) == 54
    assert codes == [f"{i:02d}" for i in range(1, 55)]


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("01", "Kinh"),
        ("02", "Tày"),
        ("03", "Thái"),
        ("04", "Hoa"),
        ("05", "Khơ-me"),
        ("06", "Mường"),
        ("08", "HMông"),
        ("11", "Ngái"),
        ("12", "Ê-đê"),
        ("23", "Bru-Vân Kiều"),
        ("44", "Chứt"),
        ("53", "Ơ Đu"),
        ("54", "Rơ măm"),
    ],
)
def test_ethnic_group_codes_follow_gso_1979(code: str, label: str) -> None:
    assert dict(ETHNIC_GROUPS)[code] == label


def test_ethnic_labels_unique() -> None:
    labels = [label for _, label in ETHNIC_GROUPS]
    assert len(set(labels)) == 54


def test_religions() -> None:
    as_dict = dict(RELIGIONS)
    assert as_dict["00"] == "Không"
    labels = set(as_dict.values())
    for expected in (
        "Phật giáo",
        "Công giáo",
        "Tin lành",
        "Cao Đài",
        "Phật giáo Hòa Hảo",
        "Hồi giáo",
        "Tôn giáo Baha'i",
        "Bửu Sơn Kỳ Hương",
        "Bà-la-môn",
    ):
        assert expected in labels
    for code in as_dict:
        if code != "00":
            assert code.isascii() and code == code.upper() and len(code) <= 8


def test_general_education_style() -> None:
    assert ("12/12", "12/12") in GENERAL_EDUCATION
    assert ("9/12", "9/12") in GENERAL_EDUCATION
    for code, label in GENERAL_EDUCATION:
        grade, system = code.split("/")
        assert code == label
        assert 1 <= int(grade) <= int(system)


def test_professional_and_political_codes() -> None:
    assert [c for c, _ in PROFESSIONAL_QUALIFICATIONS] == [
        "NONE",
        "ELEMENTARY",
        "INTERMEDIATE",
        "COLLEGE",
        "BACHELOR",
        "MASTER",
        "DOCTOR",
    ]
    assert POLITICAL_THEORY_LEVELS == (
        ("NONE", "Chưa qua đào tạo"),
        ("ELEMENTARY", "Sơ cấp"),
        ("INTERMEDIATE", "Trung cấp"),
        ("ADVANCED", "Cao cấp"),
        ("BACHELOR", "Cử nhân"),
    )


@pytest.mark.parametrize("name", sorted(ALL_LISTS))
def test_lists_well_formed(name: str) -> None:
    choices = ALL_LISTS[name]
    assert choices, name
    codes = [code for code, _ in choices]
    labels = [label for _, label in choices]
    assert len(set(codes)) == len(codes)
    assert len(set(labels)) == len(labels)
    for code, label in choices:
        assert code.isascii() and code.strip() == code and code
        assert label.strip() == label and label
        assert unicodedata.normalize("NFC", label) == label
        assert "  " not in label
