import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.common.text import (
    fold,
    fold_words,
    given_name,
    hidden_characters,
    nfc,
    person_sort_key,
    text_problem,
)


def test_fold_removes_accents_case_and_folds_d_stroke() -> None:
    assert fold("Nguyễn Văn Đặng") == "nguyen van dang"
    assert fold("ĐỖ THỊ ÂN") == "do thi an"


def test_fold_words_drops_punctuation_that_fold_keeps() -> None:
    assert fold("Số CMND/CCCD (*):") == "so cmnd/cccd (*):"
    assert fold_words("Số CMND/CCCD (*):") == "so cmnd cccd"
    assert fold_words("Xơ-đăng") == fold_words("Xơ Đăng") == "xo dang"


def _former_import_fold(value: str) -> str:
    """The imports' own fold before it became `fold_words`, as it built the header keys that
    `ImportMapping` rows keep."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", value))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = stripped.replace("đ", "d").replace("Đ", "D").lower()
    return re.sub(r"[^0-9a-z]+", " ", lowered).strip()


@given(st.text(max_size=40))
def test_fold_words_keys_remembered_mappings_as_before(text: str) -> None:
    assert fold_words(text) == _former_import_fold(text)


def test_nfc_composes_decomposed_input_and_collapses_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "  Trần   Thị Bình ")

    assert nfc(decomposed) == "Trần Thị Bình"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


def test_people_sort_by_given_name_then_full_name_in_vietnamese_order() -> None:
    names = ["Trần Thị Bình", "Đỗ Thị Ân", "Lê Văn Ánh", "Nguyễn Văn Anh"]

    assert sorted(names, key=person_sort_key) == [
        "Nguyễn Văn Anh",
        "Lê Văn Ánh",
        "Đỗ Thị Ân",
        "Trần Thị Bình",
    ]


def test_same_given_name_sorts_by_full_name_and_d_stroke_after_d() -> None:
    names = ["Đỗ Văn Minh", "Dương Văn Minh", "An Văn Minh"]

    assert sorted(names, key=person_sort_key) == ["An Văn Minh", "Dương Văn Minh", "Đỗ Văn Minh"]


def test_given_name_is_the_last_word() -> None:
    assert given_name("Nguyễn Thị Minh Khai") == "Khai"


vietnamese_text = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ àáảãạằắẳẵặầấẩẫậ")),
    max_size=40,
)


@given(vietnamese_text)
def test_fold_leaves_only_plain_lowercase_and_is_idempotent(text: str) -> None:
    folded = fold(text)

    assert folded == fold(folded)
    assert all(ord(char) < 128 for char in folded)
    assert folded == folded.lower()


@given(vietnamese_text)
def test_nfc_of_decomposed_text_equals_nfc_of_composed_text(text: str) -> None:
    assert nfc(unicodedata.normalize("NFD", text)) == nfc(text)


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("Nguyễn Văn An", []),
        ("Nguye\u0302\u0303n", []),  # combining marks are letters' accents, not hidden
        ("Lê\tThị\nHà", []),  # whitespace: `nfc` makes it a space
        ("\u202eNguyễn", ["U+202E"]),
        ("Lê\u2066Thị\u2069", ["U+2066", "U+2069"]),
        ("A\x00B\x00", ["U+0000"]),
        ("Trần\u200bBình", ["U+200B"]),
        ("\ufeffHà", ["U+FEFF"]),
        ("x\u200ey\u061c", ["U+200E", "U+061C"]),
        ("\ue000", ["U+E000"]),
        ("\x7f\x9b", ["U+007F", "U+009B"]),
    ],
)
def test_hidden_and_control_characters_are_found(value: str, codes: list[str]) -> None:
    assert hidden_characters(value) == codes


def test_text_problem_names_the_field_and_the_characters() -> None:
    assert text_problem("Nguyễn Văn An", "Họ và tên") is None
    assert text_problem("\u202eAn\u202c", "Họ và tên") == (
        "Họ và tên chứa ký tự ẩn hoặc ký tự điều khiển (U+202E, U+202C), thường do sao chép từ "
        "nơi khác; hãy gõ lại."
    )


@given(st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "Zs"])))
def test_visible_text_has_no_problem(value: str) -> None:
    assert text_problem(value, "Tên") is None
