"""Repair Vietnamese text typed in the legacy 8-bit encodings TCVN3 (ABC) and VNI.

Old office files often hold names typed with the ``.VnTime`` (TCVN3 / ABC, TCVN 5712:1993
"VN3") or ``VNI-Times`` (VNI Windows) fonts.  Read as Unicode, every byte shows up as its
Latin-1 / Windows-1252 character, e.g. TCVN3 ``"NguyÔn V¨n An"`` or VNI ``"Nguyeãn Vaên An"``
for "Nguyễn Văn An".  This module converts such mojibake back to NFC Unicode and detects
which encoding (if any) a string is in.  It is pure Python and has no Django dependency.

Encodings
---------
* **TCVN3** is one byte per letter.  The standard 8-bit VN3 set only has *lowercase*
  toned letters; capitals were typed with the same codes in the all-caps ``.VnTimeH`` fonts.
  Only Ă Â Ê Ô Ơ Ư Đ have distinct capital codes (0xA1-0xA7).  :func:`tcvn3_to_unicode`
  therefore infers the case of the shared codes from context (see there).
* **VNI** is a base letter followed by a mark byte: a tone mark (ù ø û õ ï for sắc, huyền,
  hỏi, ngã, nặng), a breve+tone mark after ``a`` (ê é è ú ü ë) or a circumflex+tone mark
  after ``a``/``e``/``o`` (â á à å ã ä).  ơ, ư, đ and the toned i's / ỵ are single bytes
  (ô, ö, ñ, í ì æ ó ò, î); ơ and ư take the same tone marks.  Capitals use the capital
  forms of both base and marks ("AÙ" = "Á").  Conversion uses longest-match replacement.

Detection heuristics (:func:`detect_legacy`)
--------------------------------------------
1. Pure ASCII text is never legacy (``None``).
2. Text containing any character outside Latin-1 / Windows-1252 is already real Unicode
   (a legacy byte string decoded as Latin-1/cp1252 can only produce those characters), so
   "Nguyễn" or "Đặng" give ``None`` immediately.
3. Otherwise every word that contains a non-ASCII character is scored per candidate
   encoding by *syllable validity*: the word is converted and checked against the phonotactics
   of a Vietnamese syllable (onset + valid rhyme, at most one tone mark sitting on a vowel,
   stop finals c/ch/p/t only with sắc/nặng, ă/â/iê/uô/ươ never ending a syllable, ...).

   * +1 when the converted word is a valid syllable but the word as it stands is *not* a
     valid Unicode Vietnamese word (wrong letters such as ``Ô``/``¨``/``ø`` or mid-word
     capitals as in ``"NguyÔn"``);
   * 0 when both readings are valid (e.g. "Hoàng" is also VNI for "Hồng", "Võ" is also TCVN3
     for "Vừ") - real Unicode is the far more likely reading, so this is no evidence;
   * -1 when the conversion does not produce a valid syllable (e.g. "café", "Müller").

   The encoding with a positive score that beats the other wins; otherwise ``None``.
   Genuine Unicode Vietnamese therefore can never be detected as legacy unless it contains
   words that are not valid Vietnamese syllables *and* become valid after conversion.

For whole spreadsheet columns use :func:`detect_column`, a majority vote over the cells that
look legacy, and :func:`convert` to apply the column's encoding to every cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import Final

__all__ = [
    "TCVN3",
    "TCVN3_TABLE",
    "VNI",
    "VNI_TABLE",
    "convert",
    "detect_column",
    "detect_legacy",
    "is_vietnamese_syllable",
    "tcvn3_to_unicode",
    "to_unicode",
    "vni_to_unicode",
]

TCVN3: Final = "TCVN3"
VNI: Final = "VNI"

# Tone order used in the tables below: huyền, hỏi, ngã, sắc, nặng.
_TONED: Final[dict[str, str]] = {
    "a": "àảãáạ",
    "ă": "ằẳẵắặ",
    "â": "ầẩẫấậ",
    "e": "èẻẽéẹ",
    "ê": "ềểễếệ",
    "i": "ìỉĩíị",
    "o": "òỏõóọ",
    "ô": "ồổỗốộ",
    "ơ": "ờởỡớợ",
    "u": "ùủũúụ",
    "ư": "ừửữứự",
    "y": "ỳỷỹýỵ",
}

# ---------------------------------------------------------------------------------------------
# TCVN3 (TCVN 5712:1993, VN3 / ABC): byte value -> letter
# ---------------------------------------------------------------------------------------------
_TCVN3_TONE_CODES: Final[dict[str, tuple[int, int, int, int, int]]] = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TCVN3_UPPER: Final[dict[int, str]] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
}  # fmt: skip
_TCVN3_LOWER: Final[dict[int, str]] = {
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
}  # fmt: skip
_TCVN3_SHARED: Final[dict[str, str]] = {
    chr(code): _TONED[base][i]
    for base, codes in _TCVN3_TONE_CODES.items()
    for i, code in enumerate(codes)
}
#: Legacy character (as decoded by Latin-1/cp1252) -> Unicode letter, all 67 + 7 codes.
TCVN3_TABLE: Final[dict[str, str]] = {
    **{chr(k): v for k, v in _TCVN3_UPPER.items()},
    **{chr(k): v for k, v in _TCVN3_LOWER.items()},
    **_TCVN3_SHARED,
}

# ---------------------------------------------------------------------------------------------
# VNI Windows: legacy sequence -> letter
# ---------------------------------------------------------------------------------------------
_VNI_TONE_MARKS: Final = "øûõùï"  # huyền, hỏi, ngã, sắc, nặng
_VNI_BREVE_MARKS: Final = "êèúüéë"  # ă, ằ, ẳ, ẵ, ắ, ặ (after a)
_VNI_CIRCUMFLEX_MARKS: Final = "âàåãáä"  # â, ầ, ẩ, ẫ, ấ, ậ (after a, e, o)
_VNI_SINGLE: Final[dict[str, str]] = {
    "ñ": "đ", "ô": "ơ", "ö": "ư", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "í": "í", "ò": "ị", "î": "ỵ",
}  # fmt: skip


def _build_vni_table() -> dict[str, str]:
    lower: dict[str, str] = {}
    # base letter in the legacy text -> Unicode base vowel taking tone marks
    for legacy_base, base in (("a", "a"), ("e", "e"), ("o", "o"), ("u", "u"), ("y", "y"),
                              ("ô", "ơ"), ("ö", "ư")):  # fmt: skip
        for mark, toned in zip(_VNI_TONE_MARKS, _TONED[base], strict=True):
            lower[legacy_base + mark] = toned
    for mark, letter in zip(_VNI_BREVE_MARKS, "ă" + _TONED["ă"], strict=True):
        lower["a" + mark] = letter
    for base, hat in (("a", "â"), ("e", "ê"), ("o", "ô")):
        for mark, letter in zip(_VNI_CIRCUMFLEX_MARKS, hat + _TONED[hat], strict=True):
            lower[base + mark] = letter
    table: dict[str, str] = {}
    for seq, letter in lower.items():
        table[seq] = letter
        table[seq.upper()] = letter.upper()
        if len(seq) == 2:  # be lenient about the case of the mark: the base decides
            table[seq[0] + seq[1].upper()] = letter
            table[seq[0].upper() + seq[1]] = letter.upper()
    for char, letter in _VNI_SINGLE.items():
        table[char] = letter
        table[char.upper()] = letter.upper()
    return table


#: Legacy sequence (as decoded by Latin-1/cp1252) -> Unicode letter.
VNI_TABLE: Final[dict[str, str]] = _build_vni_table()

_VNI_RE: Final = re.compile(
    "|".join(re.escape(k) for k in sorted(VNI_TABLE, key=lambda s: (-len(s), s)))
)
_TCVN3_RE: Final = re.compile("[" + re.escape("".join(TCVN3_TABLE)) + "]")

# ---------------------------------------------------------------------------------------------
# Vietnamese syllable validity (used by detection)
# ---------------------------------------------------------------------------------------------
_ONSETS: Final = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "",
)  # fmt: skip
_OPEN_RHYMES: Final = (
    "a", "e", "ê", "i", "y", "o", "ô", "ơ", "u", "ư", "ai", "ao", "au", "ay", "âu", "ây", "eo",
    "êu", "ia", "iu", "oa", "oe", "oi", "ôi", "ơi", "ua", "uê", "ui", "uơ", "uy", "ưa", "ưi",
    "ưu", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "uya", "uyu", "ươi", "ươu",
)  # fmt: skip
_NUCLEI: Final = (
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư",
    "iê", "yê", "uô", "ươ", "oa", "oă", "oe", "uâ", "uê", "uy", "uyê",
)  # fmt: skip
_PALATAL_NUCLEI: Final = frozenset({"a", "ê", "i", "oa", "uê", "uy"})
_STOP_FINALS: Final = ("c", "ch", "p", "t")


def _build_rhymes() -> dict[str, bool]:
    """Rhyme (toneless) -> whether it ends in a stop consonant."""
    rhymes = dict.fromkeys(_OPEN_RHYMES, False)
    for nucleus in _NUCLEI:
        for final in ("m", "n", "ng", "c", "p", "t"):
            rhymes[nucleus + final] = final in _STOP_FINALS
        if nucleus in _PALATAL_NUCLEI:
            rhymes[nucleus + "nh"] = False
            rhymes[nucleus + "ch"] = True
    return rhymes


_RHYMES: Final[dict[str, bool]] = _build_rhymes()
_TONE_MARKS: Final = frozenset("\u0300\u0301\u0303\u0309\u0323")
_STOP_TONES: Final = frozenset("\u0301\u0323")  # sắc, nặng
_VOWEL_MARKS: Final = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn
_VOWELS: Final = frozenset("aeiouy")
_MARKED_VOWELS: Final = "ăâêôơư"
_ALL_VOWELS: Final = "aeiouy" + _MARKED_VOWELS


def _split_tone(word: str) -> tuple[str, str, int] | None:
    """``(toneless NFC base, tone mark or "", index of the toned letter)`` or ``None``."""
    tones: list[tuple[str, int]] = []
    base_chars: list[str] = []
    last_base = ""
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONE_MARKS:
            if last_base not in _VOWELS:
                return None
            tones.append((ch, len(base_chars)))
        elif ch in _VOWEL_MARKS:
            if last_base not in _VOWELS:
                return None
            base_chars.append(ch)
        elif unicodedata.combining(ch):
            return None
        else:
            last_base = ch
            base_chars.append(ch)
    if len(tones) > 1:
        return None
    if not tones:
        return unicodedata.normalize("NFC", "".join(base_chars)), "", -1
    tone, nfd_end = tones[0]
    index = len(unicodedata.normalize("NFC", "".join(base_chars[:nfd_end]))) - 1
    return unicodedata.normalize("NFC", "".join(base_chars)), tone, index


def _tone_positions(rhyme: str) -> set[int]:
    """Indexes (within ``rhyme``) where the tone mark may sit, old or new style."""
    cluster = len(rhyme) - len(rhyme.lstrip(_ALL_VOWELS))
    marked = [i for i in range(cluster) if rhyme[i] in _MARKED_VOWELS]
    if marked:
        return {marked[-1]}
    if cluster < len(rhyme):  # closed syllable: on the last vowel
        return {cluster - 1}
    if cluster == 3:
        return {1}
    if cluster == 2:
        return {0, 1} if rhyme in ("oa", "oe", "uy") else {0}
    return {0}


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` (any case) is a phonotactically valid Vietnamese syllable.

    Checks onset + rhyme against the Vietnamese inventory, at most one tone mark placed on
    the right vowel (traditional "hòa" and modern "hoà" placement both accepted) and only
    sắc/nặng with the stop finals c, ch, p, t.
    """
    split = _split_tone(word)
    if split is None:
        return False
    base, tone, index = split
    for onset in _ONSETS:
        if not base.startswith(onset):
            continue
        rest = base[len(onset) :]
        if rest not in _RHYMES:
            continue
        if _RHYMES[rest] and tone not in _STOP_TONES:
            continue
        if tone and index - len(onset) not in _tone_positions(rest):
            continue
        return True
    return False


# Very common syllables of Vietnamese personal names (family, middle and given names).  Used
# only to break ties between two *valid* readings of a word: VNI "Thò" is also the Unicode
# word "thò", but its VNI reading "Thị" is by far the more likely one in a name.
_NAME_SYLLABLES: Final = frozenset(
    {
        "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
        "hồ", "ngô", "dương", "lý", "đào", "đoàn", "vương", "trịnh", "trương", "đinh", "lâm",
        "phùng", "mai", "tô", "hà", "tạ", "lưu", "quách", "cao", "chu", "châu", "thái", "lương",
        "la", "lục", "triệu", "kiều", "tăng", "từ", "âu", "văn", "thị", "hữu", "đức", "công",
        "quang", "minh", "thanh", "ngọc", "kim", "thu", "xuân", "hồng", "mỹ", "bảo", "gia", "anh",
        "đình", "quốc", "thành", "duy", "trung", "tuấn", "hoài", "an", "bình", "chi", "cường",
        "dũng", "dung", "giang", "hải", "hạnh", "hằng", "hiền", "hiếu", "hòa", "hoa", "huệ",
        "hùng", "hưng", "hương", "huy", "khánh", "khoa", "lan", "liên", "linh", "loan", "long",
        "ly", "mẫn", "my", "nam", "nga", "ngân", "nghĩa", "nhân", "nhi", "nhung", "oanh", "phong",
        "phúc", "phương", "phượng", "quân", "quyên", "quỳnh", "sơn", "tâm", "tân", "thảo",
        "thắng", "thịnh", "thủy", "thùy", "thư", "tiến", "tín", "toàn", "trang", "trí", "trinh",
        "tú", "tùng", "tuyết", "uyên", "vân", "việt", "vinh", "yến", "hạ", "nhã", "thoa", "na",
        "son", "tình",
    }
)  # fmt: skip


def _name_key(word: str) -> tuple[str, str] | None:
    """Toneless base + tone, so "hòa" and "hoà" compare equal."""
    split = _split_tone(word)
    return None if split is None else (split[0], split[1])


_NAME_KEYS: Final = frozenset(_name_key(w) for w in _NAME_SYLLABLES)


def _unicode_word_ok(word: str, caps_text: bool) -> bool:
    """A plausible Unicode Vietnamese word: sane casing and a valid syllable."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    if caps_text and not word.isupper():
        return False
    return is_vietnamese_syllable(word)


# ---------------------------------------------------------------------------------------------
# Conversion
# ---------------------------------------------------------------------------------------------
_WORD_RE: Final = re.compile(r"(?:[^\W\d_]|[" + re.escape("".join(TCVN3_TABLE)) + r"])+")


def _case_class(ch: str) -> str:
    """Case information a TCVN3 character carries: 'U', 'L' or '' (none)."""
    if ch in _TCVN3_SHARED:
        return ""
    if ch in TCVN3_TABLE:
        return "U" if TCVN3_TABLE[ch].isupper() else "L"
    if ch.isupper():
        return "U"
    if ch.islower():
        return "L"
    return ""


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 (ABC) mojibake to NFC Unicode.

    Toned letters share one code for both cases, so their case is inferred:

    * in an all-caps word (≥ 2 case-carrying letters, all capitals, e.g. ``"NGUYÔN"``) or in
      an all-caps text they become capitals ("NGUYỄN");
    * at the start of a word they are capitalised when the text is title-cased, i.e. every
      other word whose first letter carries case starts with a capital ("NguyÔn ThÞ ¸nh" →
      "Nguyễn Thị Ánh"), as in names;
    * otherwise they stay lowercase.
    """
    words = [(m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    all_classes = [c for c in map(_case_class, text) if c]
    caps_text = len(all_classes) >= 2 and all(c == "U" for c in all_classes)
    firsts = [_case_class(text[s]) for s, _ in words]
    title_text = "U" in firsts and "L" not in firsts

    out: list[str] = []
    pos = 0
    for start, end in words:
        out.append(text[pos:start])
        word = text[start:end]
        classes = [c for c in map(_case_class, word) if c]
        caps_word = caps_text or (len(classes) >= 2 and all(c == "U" for c in classes))
        for i, ch in enumerate(word):
            letter = TCVN3_TABLE.get(ch, ch)
            if ch in _TCVN3_SHARED and (caps_word or (i == 0 and title_text)):
                letter = letter.upper()
            out.append(letter)
        pos = end
    out.append(text[pos:])
    return unicodedata.normalize("NFC", "".join(out))


def _tcvn3_plain(text: str) -> str:
    return _TCVN3_RE.sub(lambda m: TCVN3_TABLE[m.group()], text)


def vni_to_unicode(text: str) -> str:
    """Convert VNI Windows mojibake to NFC Unicode (longest-match replacement)."""
    converted = _VNI_RE.sub(lambda m: VNI_TABLE[m.group()], text)
    return unicodedata.normalize("NFC", converted)


def convert(text: str, encoding: str | None) -> str:
    """Convert ``text`` from ``encoding`` ("TCVN3", "VNI" or ``None`` = as is) to NFC."""
    if encoding == TCVN3:
        return tcvn3_to_unicode(text)
    if encoding == VNI:
        return vni_to_unicode(text)
    if encoding is None:
        return unicodedata.normalize("NFC", text)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


# ---------------------------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------------------------
_CP1252_EXTRA: Final = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))


def _could_be_legacy(text: str) -> bool:
    """Non-ASCII, and only characters a Latin-1/cp1252 decoding can produce."""
    if text.isascii():
        return False
    return all(ord(ch) < 0x100 or ch in _CP1252_EXTRA for ch in text)


def _scores(text: str) -> dict[str, int]:
    scores = {TCVN3: 0, VNI: 0}
    # All-caps text (a word of >= 2 ASCII capitals, no ASCII lowercase): the legacy fonts'
    # shared lowercase codes then show up as lowercase letters inside capitalised words.
    caps_text = not any(ch.isascii() and ch.islower() for ch in text) and any(
        len(w) >= 2 and w.isascii() and w.isupper() for w in _WORD_RE.findall(text)
    )
    converters = {TCVN3: _tcvn3_plain, VNI: vni_to_unicode}
    patterns = {TCVN3: _TCVN3_RE, VNI: _VNI_RE}
    for match in _WORD_RE.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        unicode_ok = _unicode_word_ok(word, caps_text)
        unicode_name = _name_key(word) in _NAME_KEYS
        for name, conv in converters.items():
            converted = conv(word)
            if patterns[name].search(word) and is_vietnamese_syllable(converted):
                if unicode_ok:  # both readings valid: only a name-lexicon difference counts
                    scores[name] += (_name_key(converted) in _NAME_KEYS) - unicode_name
                elif converted != word:
                    scores[name] += 1
            else:
                scores[name] -= 1
    return scores


def detect_legacy(text: str) -> str | None:
    """Return "TCVN3" or "VNI" if ``text`` looks like legacy mojibake, else ``None``.

    See the module docstring for the heuristics.  Ambiguous text (every word valid both as
    Unicode and as a legacy encoding) is reported as ``None``.
    """
    if not _could_be_legacy(text):
        return None
    scores = _scores(text)
    tcvn3, vni = scores[TCVN3], scores[VNI]
    if tcvn3 > 0 and tcvn3 > vni:
        return TCVN3
    if vni > 0 and vni > tcvn3:
        return VNI
    return None


def to_unicode(text: str) -> tuple[str, str | None]:
    """Detect the encoding of ``text`` and convert it: ``(NFC text, encoding or None)``.

    The result is re-checked (at most a few rounds) so that the output never itself looks
    legacy; this makes ``to_unicode`` idempotent even on odd inputs such as "×M".
    """
    encoding = detect_legacy(text)
    result = convert(text, encoding)
    for _ in range(4):
        again = detect_legacy(result)
        if again is None:
            break
        converted = convert(result, again)
        if converted == result:
            break
        result = converted
    return result, encoding


def detect_column(values: Iterable[str]) -> str | None:
    """The legacy encoding of a whole column, by majority vote.

    Only cells that :func:`detect_legacy` recognises vote; returns ``None`` if none do or if
    TCVN3 and VNI tie.
    """
    votes = Counter(enc for value in values if (enc := detect_legacy(value)) is not None)
    if not votes:
        return None
    ranked = votes.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]
