"""Vietnamese text handling: NFC storage, accent-folded search keys, ICU `vi` sort keys,
and the one text policy: which characters typed text may not hold."""

import re
import unicodedata
from functools import cache

import icu
from django.utils.translation import gettext as _

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def nfc(value: str) -> str:
    """Return VALUE in Unicode NFC with surrounding and repeated spaces collapsed.

    Input from Windows tools often arrives decomposed (NFD); stored text is always NFC so
    equality, uniqueness and sorting behave.
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def fold(value: str) -> str:
    """Return the search key of VALUE: no accents, lower case, đ folded to d.

    NFD does not decompose đ/Đ (it is a separate letter, not d plus a mark), so it is
    mapped explicitly.
    """
    decomposed = unicodedata.normalize("NFD", nfc(value))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def fold_words(value: str) -> str:
    """Return the words of VALUE's search key: `fold`, with anything but ASCII letters and
    digits as one space. "Số CMND/CCCD" → "so cmnd cccd", "Xơ-đăng" → "xo dang".

    For labels people type by hand and spell with their own punctuation: spreadsheet
    headers, catalogue entries, "Nữ." or "ngày 5, tháng 3". Search keys (`fold`) keep
    punctuation, since codes such as "CSA-1" are searched for as written and the stored
    search columns are built with it.
    """
    return _NON_WORD.sub(" ", fold(value)).strip()


@cache
def _collator() -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("vi"))


def collation_key(value: str) -> bytes:
    """ICU `vi` sort key: â after ă after a, đ after d, tones as secondary differences."""
    return bytes(_collator().getSortKey(nfc(value)))


def given_name(full_name: str) -> str:
    """The given name (tên) is the last word of a Vietnamese full name."""
    words = nfc(full_name).split(" ")
    return words[-1]


def person_sort_key(full_name: str) -> bytes:
    """Sort key ordering people by given name, then by full name (Vietnamese list order).

    ICU keys end with a single 0x00 byte that occurs nowhere else in the key, so the
    concatenation compares by the given name first and by the full name on a tie.
    """
    return collation_key(given_name(full_name)) + collation_key(full_name)


# Unicode categories refused in typed text: controls (NUL, escape, C1; the whitespace
# controls are spaces to `nfc`), format characters (the bidirectional embeddings and
# overrides U+202A–U+202E and isolates U+2066–U+2069, which reorder what a reader sees;
# the marks U+200E/U+200F; zero-width spaces and joiners; the BOM), private use and lone
# surrogates. None belongs in a Vietnamese name, and each can make two names look alike.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs"})


def hidden_characters(value: str) -> list[str]:
    """The refused characters in VALUE, as code points ("U+202E"), each once, in order."""
    found = dict.fromkeys(
        f"U+{ord(ch):04X}"
        for ch in value
        if unicodedata.category(ch) in _REFUSED_CATEGORIES and not ch.isspace()
    )
    return list(found)


def text_problem(value: str, label: str) -> str | None:
    """Why VALUE cannot be typed text for LABEL (hidden or control characters), or None."""
    hidden = hidden_characters(value)
    if not hidden:
        return None
    return _(
        "%(label)s chứa ký tự ẩn hoặc ký tự điều khiển (%(codes)s), thường do sao chép từ "
        "nơi khác; hãy gõ lại."
    ) % {"label": label, "codes": ", ".join(hidden[:5])}


def text_problems(**values: tuple[str, str]) -> dict[str, str]:
    """`text_problem` of each typed value, by field; VALUES: field → (value, label)."""
    return {
        name: problem
        for name, (value, label) in values.items()
        if (problem := text_problem(value, label))
    }
