import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from dangvu.common.text import fold, fold_words, given_name, nfc, person_sort_key


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
