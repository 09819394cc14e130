"""Pure rules of the member registry: identity numbers, ages and probation dates."""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dangvu.common.periods import in_force
from dangvu.members.models import Status


def add_months(start: dt.date, months: int) -> dt.date:
    """START moved by MONTHS calendar months; a missing day (31/4, 29/2) becomes the
    month's last day, so 12 months from 29/02/2024 is 28/02/2025."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def age_in_months(birth_date: dt.date, on: dt.date) -> int:
    """Completed months of age on ON (tuổi tính theo tháng)."""
    months = (on.year - birth_date.year) * 12 + on.month - birth_date.month
    if add_months(birth_date, months) > on:
        months -= 1
    return months


@dataclass(frozen=True)
class LifecycleRules:
    """The numbers of the member lifecycle, with the regulation that sets them. Deadlines
    are in working days (ngày làm việc) unless named in months."""

    source: str
    min_age_months: int = 18 * 12  # đủ 18 tuổi, tính theo tháng
    max_age_months: int = 60 * 12  # đủ 60 tuổi; older needs a recorded authority
    awareness_certificate_years: int = 5  # CN-NTVĐ is valid for 5 years
    introducer_months: int = 12  # introducers worked with the candidate ≥ 12 months
    admission_decision_days: int = 60  # committee decides within 60 days of the cell's resolution
    decision_extension_days: int = 30  # extendable once, by up to 30 days
    ceremony_days: int = 30  # ceremony within 30 days of the decision
    probation_months: int = 12  # from the ceremony (Điều lệ Điều 5)
    recognition_cell_days: int = 30  # cell considers within 30 days after probation ends
    recognition_decision_days: int = 30  # committee decides within 30 days of the cell
    transfer_paperwork_days: int = 60  # official transfer: letter within 60 days of the decision
    transfer_present_days: int = 30  # member presents the letter within 30 days
    temporary_work_months: tuple[int, int] = (3, 12)  # 3 months to under 1 year
    temporary_study_months: tuple[int, int] = (3, 24)  # 3 months to 2 years


# Quy định 29-QĐ/TW (2016) → 24-QĐ/TW (30/7/2021) → 232-QĐ/TW (20/1/2025) → 294-QĐ/TW
# (1/7/2025), with HD 12-HD/BTCTW (2022) and HD 06-HD/TW (9/6/2025). The numbers have not
# changed across these texts (DOMAIN.md §0.4–0.6, §2); each period cites its own.
LIFECYCLE_RULES: list[tuple[dt.date, dt.date | None, LifecycleRules]] = [
    (dt.date(1930, 1, 1), dt.date(2021, 7, 30), LifecycleRules("Quy định 29-QĐ/TW")),
    (
        dt.date(2021, 7, 30),
        dt.date(2025, 1, 20),
        LifecycleRules("Quy định 24-QĐ/TW; HD 12-HD/BTCTW"),
    ),
    (
        dt.date(2025, 1, 20),
        dt.date(2025, 7, 1),
        LifecycleRules("Quy định 232-QĐ/TW; HD 12-HD/BTCTW"),
    ),
    (dt.date(2025, 7, 1), None, LifecycleRules("Quy định 294-QĐ/TW; HD 06-HD/TW")),
]


def lifecycle_rules_for(on: dt.date) -> LifecycleRules:
    """The rules in force on ON: the newer regulation applies from its effective date."""
    return in_force(LIFECYCLE_RULES, on)


def official_date_for(admission_date: dt.date) -> dt.date:
    """A member becomes official on the exact day probation ends, even if the chi bộ or
    the committee decides later (Quy định 232/294 mục 4; Điều lệ Điều 5)."""
    return add_months(admission_date, lifecycle_rules_for(admission_date).probation_months)


def status_on(
    *,
    admission_date: dt.date,
    official_date: dt.date | None,
    exit_date: dt.date | None,
    on: dt.date,
) -> str | None:
    """The member's status on ON, or None before admission."""
    if exit_date is not None and exit_date <= on:
        return Status.EXITED
    if official_date is not None and official_date <= on:
        return Status.OFFICIAL
    if admission_date <= on:
        return Status.PROBATIONARY
    return None


# Mã tỉnh nơi đăng ký khai sinh, Thông tư 59/2021/TT-BCA Điều 7 (the 63 pre-2025 provinces;
# numbers issued before 1/7/2025 keep them). Not in DOMAIN.md: see CCCD_CHECK_STRUCTURE.
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
# 4th digit: gender and century of birth (0/1: 1900s, 2/3: 2000s, 4/5: 2100s, 8/9: 1800s).
_CENTURY_BY_DIGIT = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 8: 1800, 9: 1800}
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
    century = _CENTURY_BY_DIGIT.get(digit)
    if century is None:
        errors.append("BAD_CENTURY")
    elif birth_date is not None:
        if century + int(national_id[4:6]) != birth_date.year:
            errors.append("BIRTH_YEAR_MISMATCH")
        if gender is not None and ("F" if digit % 2 else "M") != gender:
            errors.append("GENDER_MISMATCH")
    return errors


def record_date_errors(
    *,
    birth_date: dt.date,
    admission_date: dt.date,
    official_date: dt.date | None,
    exit_date: dt.date | None,
    today: dt.date,
) -> dict[str, str]:
    """Problems with a member's dates, as {field: code}."""
    errors: dict[str, str] = {}
    if birth_date > today:
        errors["birth_date"] = "FUTURE"
    if admission_date > today:
        errors["admission_date"] = "FUTURE"
    elif (
        age_in_months(birth_date, admission_date)
        < lifecycle_rules_for(admission_date).min_age_months
    ):
        errors["admission_date"] = "UNDER_AGE"
    if official_date is not None:
        if official_date != official_date_for(admission_date):
            errors["official_date"] = "NOT_END_OF_PROBATION"
        elif official_date > today:
            errors["official_date"] = "FUTURE"
    if exit_date is not None and (exit_date <= admission_date or exit_date > today):
        errors["exit_date"] = "OUT_OF_RANGE"
    return errors


# Age bands of the statistics reports: 18–30, then five-year bands (tinhuyquangtri.vn report
# format, DOMAIN.md §6), with the last band open.
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
