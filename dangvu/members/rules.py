"""Pure rules of the member registry: identity numbers, the record's dates and the age bands
of the statistics reports. The lifecycle's numbers are its rule sets' (`members.rulesets`)."""

import datetime as dt
import re
from collections.abc import Iterable

from dangvu.common.months import add_months
from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.members import facts
from dangvu.members.rulesets.lifecycle import LIFECYCLE

# Mã tỉnh nơi đăng ký khai sinh, Thông tư 59/2021/TT-BCA Điều 7 (the 63 pre-2025 provinces;
# numbers issued before 1/7/2025 keep them). Not a Party rule: see CCCD_CHECK_STRUCTURE.
CCCD_PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)
# 4th digit: gender and century of birth, two digits a century from the 20th (Thông tư
# 59/2021/TT-BCA Điều 7: 0/1 for 1900–1999, 2/3 for 2000–2099, … 8/9 for 2300–2399), even
# for men and odd for women.
_FIRST_CENTURY = 1900
_TWELVE_DIGITS = re.compile(r"\d{12}")


def national_id_errors(
    national_id: str, *, gender: str | None, birth_date: dt.date | None, check_structure: bool
) -> list[str]:
    """Problems with a CCCD number, as codes. It must be 12 digits; with CHECK_STRUCTURE,
    its province, gender/century and birth-year digits must agree with the record."""
    if not _TWELVE_DIGITS.fullmatch(national_id):
        return ["NOT_12_DIGITS"]
    if not check_structure:
        return []
    errors = []
    if national_id[:3] not in CCCD_PROVINCE_CODES:
        errors.append("BAD_PROVINCE")
    digit = int(national_id[3])
    century = _FIRST_CENTURY + 100 * (digit // 2)
    if birth_date is not None:
        if century + int(national_id[4:6]) != birth_date.year:
            errors.append("BIRTH_YEAR_MISMATCH")
        if gender is not None and ("F" if digit % 2 else "M") != gender:
            errors.append("GENDER_MISMATCH")
    return errors


def party_card_errors(number: str, *, lengths: tuple[int, ...]) -> list[str]:
    """Problems with a party card number, as codes: it is digits only, of one of LENGTHS.
    The format is not published (DOMAIN.md, gaps); LENGTHS is a setting."""
    if not number.isascii() or not number.isdigit():
        return ["NOT_DIGITS"]
    return [] if len(number) in lengths else ["BAD_LENGTH"]


def record_date_errors(
    *,
    birth_date: dt.date,
    admission_date: dt.date,
    official_date: dt.date | None,
    exit_date: dt.date | None,
    today: dt.date,
    admission_decision_date: dt.date | None = None,
    readmission_date: dt.date | None = None,
) -> dict[str, str]:
    """Problems with a member's dates, as {field: code}: nothing in the future, admission
    at the admission age of its day (NO_RULES before the first lifecycle rules), the
    admission decision on or before the ceremony it decides, the official date exactly at
    the end of probation, the exit after the admission, the second admission after the
    first and not in the future."""
    errors: dict[str, str] = {}
    if birth_date > today:
        errors["birth_date"] = "FUTURE"
    try:
        lifecycle = rules_for(LIFECYCLE, admission_date)
    except NoRuleSet:
        lifecycle = None
    if admission_date > today:
        errors["admission_date"] = "FUTURE"
    elif lifecycle is None:
        errors["admission_date"] = "NO_RULES"
    elif lifecycle.under_age(birth_date, admission_date):
        errors["admission_date"] = "UNDER_AGE"
    if admission_decision_date is not None and admission_decision_date > admission_date:
        errors["admission_decision_date"] = "AFTER_CEREMONY"
    if official_date is not None and lifecycle is not None:
        if official_date != facts.official_date(admission_date):
            errors["official_date"] = "NOT_END_OF_PROBATION"
        elif official_date > today:
            errors["official_date"] = "FUTURE"
    if exit_date is not None and (exit_date <= admission_date or exit_date > today):
        errors["exit_date"] = "OUT_OF_RANGE"
    if readmission_date is not None and not admission_date < readmission_date <= today:
        errors["readmission_date"] = "OUT_OF_RANGE"
    return errors


def party_gap_errors(
    *,
    start: dt.date,
    end: dt.date,
    counted_from: dt.date,
    today: dt.date,
    others: Iterable[facts.Period],
) -> dict[str, str]:
    """Problems with a period out of the Party [START, END) of a member whose party age
    counts from COUNTED_FROM, as {field: code}: it ends after it starts (END_NOT_AFTER_START),
    starts on or after the admission decision (BEFORE_ADMISSION), is over by TODAY (FUTURE),
    and overlaps none of the member's OTHERS (OVERLAPS). Overlaps are refused rather than
    merged: two records of the same days would hide which decision each comes from."""
    errors: dict[str, str] = {}
    if end <= start:
        errors["end_date"] = "END_NOT_AFTER_START"
    if start < counted_from:
        errors["start_date"] = "BEFORE_ADMISSION"
    if end > today:
        errors["end_date"] = "FUTURE"
    if any(begin < end and start < finish for begin, finish in others):
        errors.setdefault("start_date", "OVERLAPS")
    return errors


# Age bands of the statistics reports: 18–30, then five-year bands, the last one open (the
# format of provincial reports on members, e.g. Tỉnh ủy Quảng Trị 2018; docs/rules.md,
# "Statistics").
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("18-30", 18, 30),
    ("31-35", 31, 35),
    ("36-40", 36, 40),
    ("41-45", 41, 45),
    ("46-50", 46, 50),
    ("51-55", 51, 55),
    ("56-60", 56, 60),
    ("61+", 61, None),
)


def birth_date_range(band: str, on: dt.date) -> tuple[dt.date | None, dt.date]:
    """(exclusive lower, inclusive upper) birth dates of people whose age on ON is in BAND."""
    for code, youngest, oldest in AGE_BANDS:
        if code == band:
            latest = add_months(on, -12 * youngest)
            earliest = None if oldest is None else add_months(on, -12 * (oldest + 1))
            return earliest, latest
    raise KeyError(band)
