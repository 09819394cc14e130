"""Tests for the deterministic Vietnamese demo-name generator."""

from __future__ import annotations

import random
import unicodedata
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.demo.names import (
    FAMILY_NAMES,
    FEMALE_GIVEN_NAMES,
    FEMALE_MIDDLE_NAMES,
    MALE_GIVEN_NAMES,
    MALE_MIDDLE_NAMES,
    PersonName,
    random_name,
)

HONORIFICS = {"Ông", "Bà", "Cô", "Chú", "Bác", "Cụ", "Ngài", "Anh Hùng"}
DRAWS = 100_000


@pytest.fixture(scope="module")
def sample() -> list[tuple[str, PersonName]]:
    rng = random.Random(20240501)
    out: list[tuple[str, PersonName]] = []
    for i in range(DRAWS):
        gender = "M" if i % 2 == 0 else "F"
        out.append((gender, random_name(rng, gender)))
    return out


def test_full_joins_parts_with_single_spaces() -> None:
    assert PersonName("Nguyễn", "Văn", "An").full == "Nguyễn Văn An"
    assert PersonName("Trần", "Thị Thu", "Hà").full == "Trần Thị Thu Hà"


def test_same_seed_gives_same_names() -> None:
    first = [random_name(random.Random(42), g).full for g in "MF"]
    second = [random_name(random.Random(42), g).full for g in "MF"]
    assert first == second
    rng_a, rng_b = random.Random(7), random.Random(7)
    seq_a = [random_name(rng_a, "F" if i % 3 else "M") for i in range(500)]
    seq_b = [random_name(rng_b, "F" if i % 3 else "M") for i in range(500)]
    assert seq_a == seq_b


def test_different_seeds_give_different_sequences() -> None:
    rng_a, rng_b = random.Random(1), random.Random(2)
    assert [random_name(rng_a, "M") for _ in range(50)] != [
        random_name(rng_b, "M") for _ in range(50)
    ]


def test_invalid_gender_rejected() -> None:
    with pytest.raises(ValueError):
        random_name(random.Random(0), "X")


def test_nguyen_share(sample: list[tuple[str, PersonName]]) -> None:
    share = sum(p.family == "Nguyễn" for _, p in sample) / len(sample)
    assert 0.34 <= share <= 0.42


def test_common_surname_order(sample: list[tuple[str, PersonName]]) -> None:
    counts = Counter(p.family for _, p in sample)
    assert counts["Nguyễn"] > counts["Trần"] > counts["Phạm"] > counts["Bùi"]
    assert counts["Lê"] > counts["Phạm"]


def test_thi_only_for_women_and_mostly(sample: list[tuple[str, PersonName]]) -> None:
    men = [p for g, p in sample if g == "M"]
    women = [p for g, p in sample if g == "F"]
    assert not any("Thị" in p.middle.split() for p in men)
    thi_share = sum("Thị" in p.middle.split() for p in women) / len(women)
    assert 0.38 <= thi_share <= 0.55
    first_words = Counter(p.middle.split()[0] for p in women)
    assert first_words.most_common(1)[0][0] == "Thị"


def test_van_mostly_for_men(sample: list[tuple[str, PersonName]]) -> None:
    men = [p for g, p in sample if g == "M"]
    share = sum(p.middle.split()[0] == "Văn" for p in men) / len(men)
    assert 0.33 <= share <= 0.47


def test_two_word_middle_names_are_occasional(
    sample: list[tuple[str, PersonName]],
) -> None:
    share = sum(len(p.middle.split()) == 2 for _, p in sample) / len(sample)
    assert 0.06 <= share <= 0.14
    assert all(1 <= len(p.middle.split()) <= 2 for _, p in sample)


def test_many_distinct_names(sample: list[tuple[str, PersonName]]) -> None:
    assert len({p.full for _, p in sample}) >= 40_000


def test_given_name_differs_from_family_and_middle(
    sample: list[tuple[str, PersonName]],
) -> None:
    for _, p in sample:
        assert p.given != p.family
        assert p.given not in p.middle.split()


def test_no_honorifics(sample: list[tuple[str, PersonName]]) -> None:
    for _, p in sample:
        assert not HONORIFICS & set(p.full.split())


def test_pools_are_large_unique_and_nfc() -> None:
    assert len(MALE_GIVEN_NAMES) == len(set(MALE_GIVEN_NAMES)) >= 150
    assert len(FEMALE_GIVEN_NAMES) == len(set(FEMALE_GIVEN_NAMES)) >= 150
    surnames = [name for name, _ in FAMILY_NAMES]
    assert len(surnames) == len(set(surnames)) >= 14 + 25
    all_strings = [
        *MALE_GIVEN_NAMES,
        *FEMALE_GIVEN_NAMES,
        *surnames,
        *(name for name, _ in MALE_MIDDLE_NAMES),
        *(name for name, _ in FEMALE_MIDDLE_NAMES),
    ]
    for s in all_strings:
        assert s == unicodedata.normalize("NFC", s)
        assert s == s.strip() and " " not in s and s[0].isupper()
    assert "Thị" not in {name for name, _ in MALE_MIDDLE_NAMES}
    assert "Văn" not in {name for name, _ in FEMALE_MIDDLE_NAMES}


def test_required_given_names_present() -> None:
    every_given = set(MALE_GIVEN_NAMES) | set(FEMALE_GIVEN_NAMES)
    for name in ("Anh", "Ánh", "Ân", "Bình", "Đạt", "Điệp", "Đào"):
        assert name in every_given
    initials = {n[0] for n in every_given}
    for letter in "ABCDĐGHKLMNOPQSTUVXYÂ":
        assert letter in initials, letter


@given(seed=st.integers(), gender=st.sampled_from(["M", "F"]))
def test_any_seed_gives_well_formed_name(seed: int, gender: str) -> None:
    name = random_name(random.Random(seed), gender)
    words = name.full.split(" ")
    assert 3 <= len(words) <= 4
    assert all(words)
    assert name.full == unicodedata.normalize("NFC", name.full)
    assert words[0] == name.family and words[-1] == name.given
    assert name.full == f"{name.family} {name.middle} {name.given}"
    assert name == random_name(random.Random(seed), gender)
