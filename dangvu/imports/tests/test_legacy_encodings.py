"""Tests for dangvu.imports.legacy_encodings (pure Python, no database)."""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvu.demo.names import random_name
from dangvu.imports.legacy_encodings import (
    TCVN3_TABLE,
    VNI_TABLE,
    convert,
    detect_column,
    detect_legacy,
    is_vietnamese_syllable,
    tcvn3_to_unicode,
    to_unicode,
    vni_to_unicode,
)

VIETNAMESE_LETTERS = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)


# --- encoders: inverses of the module's tables ---------------------------------------------


def _tcvn3_encoder() -> dict[str, str]:
    enc: dict[str, str] = {}
    for legacy, letter in TCVN3_TABLE.items():
        enc[letter] = legacy
        if letter.islower() and letter.upper() not in TCVN3_TABLE.values():
            # Toned capitals share the lowercase code (.VnTimeH fonts).
            enc[letter.upper()] = legacy
    return enc


def _vni_encoder() -> dict[str, str]:
    enc: dict[str, str] = {}
    # Insert canonical (same-case) sequences last so they win over lenient mixed-case ones.
    items = sorted(VNI_TABLE.items(), key=lambda kv: kv[0].isupper() or kv[0].islower())
    for legacy, letter in items:
        enc[letter] = legacy
    return enc


TCVN3_ENC = _tcvn3_encoder()
VNI_ENC = _vni_encoder()


def encode(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def _names(count: int = 240) -> list[str]:
    rng = random.Random(20240611)
    return [random_name(rng, "MF"[i % 2]).full for i in range(count)]


NAMES = _names()


# --- tables ------------------------------------------------------------------------------


def test_tables_cover_all_134_letters() -> None:
    letters = set(VIETNAMESE_LETTERS) - set("bcdghklmnpqrstvx")
    letters |= {c.upper() for c in letters}
    non_ascii = {c for c in letters if not c.isascii()}
    assert len(non_ascii) == 134
    # Every non-ASCII Vietnamese letter is reachable in VNI (both cases)...
    assert non_ascii <= set(VNI_TABLE.values())
    # ... and in TCVN3: all lowercase ones plus the 7 distinct capitals.
    assert {c for c in non_ascii if c.islower()} <= set(TCVN3_TABLE.values())
    assert set("ĂÂÊÔƠƯĐ") <= set(TCVN3_TABLE.values())
    assert len(TCVN3_TABLE) == 74
    assert all(0xA1 <= ord(k) <= 0xFE for k in TCVN3_TABLE)


def test_tcvn3_table_spot_checks() -> None:
    expected = {
        "\xb5": "à", "\xb8": "á", "\xa8": "ă", "\xa9": "â", "\xaa": "ê", "\xab": "ô",
        "\xac": "ơ", "\xad": "ư", "\xae": "đ", "\xa7": "Đ", "\xc6": "ặ", "\xd4": "ễ",
        "\xde": "ị", "\xe8": "ố", "\xf9": "ự", "\xfe": "ỵ",
    }  # fmt: skip
    for legacy, letter in expected.items():
        assert TCVN3_TABLE[legacy] == letter


def test_vni_table_spot_checks() -> None:
    expected = {
        "aø": "à", "aù": "á", "aû": "ả", "aõ": "ã", "aï": "ạ", "aê": "ă", "aë": "ặ",
        "aâ": "â", "eã": "ễ", "oä": "ộ", "ô": "ơ", "ôø": "ờ", "ö": "ư", "öï": "ự",
        "ñ": "đ", "Ñ": "Đ", "ò": "ị", "ó": "ĩ", "æ": "ỉ", "î": "ỵ", "AÙ": "Á", "OÂ": "Ô",
    }  # fmt: skip
    for legacy, letter in expected.items():
        assert VNI_TABLE[legacy] == letter


# --- hand-written fixtures ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("legacy", "expected"),
    [
        ("NguyÔn V¨n An", "Nguyễn Văn An"),
        ("§Æng ThÞ Hoa", "Đặng Thị Hoa"),
        ("TrÇn ThÞ Thu Hµ", "Trần Thị Thu Hà"),
        ("Hå ChÝ Minh", "Hồ Chí Minh"),
        ("C«ng ty TNHH Th­¬ng m¹i", "Công ty TNHH Thương mại"),
        ("NGUYÔN V¡N AN", "NGUYỄN VĂN AN"),
        ("Lª ThÞ ¸nh", "Lê Thị Ánh"),
    ],
)
def test_tcvn3_fixtures(legacy: str, expected: str) -> None:
    assert detect_legacy(legacy) == "TCVN3"
    assert tcvn3_to_unicode(legacy) == expected
    assert to_unicode(legacy) == (expected, "TCVN3")


@pytest.mark.parametrize(
    ("legacy", "expected"),
    [
        ("Nguyeãn Vaên An", "Nguyễn Văn An"),
        ("Ñaëng Thò Hoa", "Đặng Thị Hoa"),
        ("Tröôøng Ñaïi hoïc", "Trường Đại học"),
        ("Vieät Nam", "Việt Nam"),
        ("Döông Thò Thuøy", "Dương Thị Thùy"),
        ("NGUYEÃN VAÊN AN", "NGUYỄN VĂN AN"),
    ],
)
def test_vni_fixtures(legacy: str, expected: str) -> None:
    assert detect_legacy(legacy) == "VNI"
    assert vni_to_unicode(legacy) == expected
    assert to_unicode(legacy) == (expected, "VNI")


@pytest.mark.parametrize(
    "text",
    [
        "Nguyen Van An",
        "Cong ty ABC",
        "",
        "123 Main Street",
        "Nguyễn Văn An",
        "Đặng Thị Hoa",
        "Hoàng",  # also VNI for "Hồng": ambiguous -> keep Unicode
        "Võ Tú",  # also TCVN3 for "Vừ Tỳ"
        "Lê Hà",
        "Hòa",
        "café crème",
        "José Müller",
        "Zoë naïve résumé",
        "ABC® © 2024 · ½",
    ],
)
def test_not_legacy(text: str) -> None:
    assert detect_legacy(text) is None
    assert to_unicode(text) == (unicodedata.normalize("NFC", text), None)


def test_syllable_validator() -> None:
    for word in ("nguyễn", "Đặng", "thị", "hòa", "thùy", "quỳnh", "giàu", "chiếc", "khuya"):
        assert is_vietnamese_syllable(word), word
    for word in ("nguyôn", "chiêc", "ă", "â", "café", "müller", "xyz", "ñaëng", "hoàà"):
        assert not is_vietnamese_syllable(word), word


# --- round trips over generated names ----------------------------------------------------


def test_name_pool_is_large_and_vietnamese() -> None:
    assert len(NAMES) >= 200
    assert len(set(NAMES)) >= 150
    assert all(detect_legacy(name) is None for name in NAMES)


@pytest.mark.parametrize(("encoding", "table"), [("TCVN3", TCVN3_ENC), ("VNI", VNI_ENC)])
def test_names_round_trip(encoding: str, table: dict[str, str]) -> None:
    ambiguous = []
    for name in NAMES:
        for variant in (name, name.upper()):
            legacy = encode(variant, table)
            assert convert(legacy, encoding) == variant
            detected = detect_legacy(legacy)
            if detected is None:
                # Only acceptable when the legacy bytes are themselves a plausible Unicode
                # name, e.g. VNI "Hoà Quang Linh" (= "Hồ Quang Linh") reads as "Hòa Quang Linh".
                assert all(is_vietnamese_syllable(w) for w in legacy.split()), legacy
                ambiguous.append(legacy)
                continue
            assert detected == encoding, (variant, legacy)
            assert to_unicode(legacy) == (variant, encoding)
    assert len(ambiguous) <= len(NAMES) // 50, ambiguous  # <= 1 % of the encoded forms


def test_all_letters_round_trip() -> None:
    for table, decode in ((VNI_ENC, vni_to_unicode), (TCVN3_ENC, tcvn3_to_unicode)):
        for letter in VIETNAMESE_LETTERS:
            assert decode(encode(letter, table)) == letter
    for letter in VIETNAMESE_LETTERS:
        up = letter.upper()
        assert vni_to_unicode(encode(up, VNI_ENC)) == up
        # TCVN3 capitals are recovered from an all-caps context.
        assert tcvn3_to_unicode(encode(f"AB {up}", TCVN3_ENC)) == f"AB {up}"


# --- columns -----------------------------------------------------------------------------


def test_detect_column() -> None:
    tcvn3 = [encode(n, TCVN3_ENC) for n in NAMES[:20]]
    vni = [encode(n, VNI_ENC) for n in NAMES[20:25]]
    assert detect_column(tcvn3 + vni + ["", "Nguyen Van An"]) == "TCVN3"
    assert detect_column([*vni, "Hoàng"]) == "VNI"
    assert detect_column(NAMES) is None
    assert detect_column([]) is None
    assert detect_column(["NguyÔn V¨n An", "Nguyeãn Vaên An"]) is None  # tie
    # A column decided as VNI also fixes its ambiguous cells.
    assert convert("Hoaøng", "VNI") == "Hoàng"
    with pytest.raises(ValueError):
        convert("x", "UTF-7")


# --- properties --------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    sorted(
        set(
            VIETNAMESE_LETTERS
            + VIETNAMESE_LETTERS.upper()
            + "".join(VNI_TABLE)
            + "".join(TCVN3_TABLE)
            + " -.,'0123456789éüöäçñ©®"
        )
    )
)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(_ALPHABET, max_size=30),
        st.text(max_size=30),
        st.sampled_from(NAMES).map(lambda n: encode(n, TCVN3_ENC)),
        st.sampled_from(NAMES).map(lambda n: encode(n, VNI_ENC)),
    )
)
def test_to_unicode_idempotent(text: str) -> None:
    once, _ = to_unicode(text)
    assert unicodedata.is_normalized("NFC", once)
    assert to_unicode(once)[0] == once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3).map(" ".join))
def test_unicode_names_never_detected(text: str) -> None:
    assert detect_legacy(text) is None
    assert detect_legacy(text.upper()) is None
