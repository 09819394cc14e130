"""Pure rules for Huy hiệu Đảng (party badges): milestones, award occasions and who is due.

Source: Quy định về xét tặng Huy hiệu Đảng as summarised in DOMAIN.md §0 item 13 ("§0.13") and
§2, which cites Hướng dẫn 01-HD/TW (2021) mục 18 for the badge rules and Quy định 24 for the
discipline waiting periods. GAP: the number and date of the underlying Quy định on xét tặng Huy
hiệu Đảng itself are not named in DOMAIN.md, so nothing here cites it directly.

Party age (tuổi đảng) is counted from ``admission_date`` (the date on the admission decision).
Periods outside the party are not subtracted here; a caller that knows of them should pass an
adjusted start date. Expelled (khai trừ) and exited members get no badge: the caller leaves them
out. Nothing here reads the clock or the database.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from dangvu.members.rules import add_months

# Huy hiệu 30, 40, 45, 50, ..., 90 năm tuổi đảng (DOMAIN.md §0 item 13; HD 01-HD/TW mục 18).
MILESTONES: tuple[int, ...] = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)

# Award occasions (day, month), in calendar order: 3/2 (founding of the Party), 19/5,
# 2/9 and 7/11 (DOMAIN.md §0 item 13).
OCCASIONS: tuple[tuple[int, int], ...] = ((3, 2), (19, 5), (2, 9), (7, 11))

# Months a disciplined member waits, from the discipline decision date, before being considered
# (DOMAIN.md §2, "Discipline delay (Quy định 24)", MED-HIGH confidence).
DISCIPLINE_WAIT_MONTHS: dict[str, int] = {
    "REPRIMAND": 6,  # khiển trách
    "WARNING": 9,  # cảnh cáo
    "DISMISSAL": 12,  # cách chức
}

# Tặng sớm for serious illness: up to 12 months early for the 30-65 year badges and up to 24
# months early for the 70-90 year badges; truy tặng sớm (posthumous): up to 12 months early
# (DOMAIN.md §2, Huy hiệu Đảng; HD 01-HD/TW mục 18).
ILL_EARLY_MONTHS_UP_TO_65 = 12
ILL_EARLY_MONTHS_FROM_70 = 24
POSTHUMOUS_EARLY_MONTHS = 12


def _occasions_in_year(year: int) -> list[dt.date]:
    return [dt.date(year, month, day) for day, month in OCCASIONS]


def occasions_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Award dates in [START, END], both ends included, in ascending order."""
    return [
        day
        for year in range(start.year, end.year + 1)
        for day in _occasions_in_year(year)
        if start <= day <= end
    ]


def next_occasion(on: dt.date) -> dt.date:
    """The first award date on or after ON (ON itself when it is an occasion)."""
    for day in _occasions_in_year(on.year):
        if day >= on:
            return day
    return _occasions_in_year(on.year + 1)[0]


def milestone_reached_on(admission_date: dt.date, milestone: int) -> dt.date:
    """The date MILESTONE years of party age are complete (đủ tuổi đảng), counted from the
    admission decision date; 29/02 admissions complete on 28/02 in common years."""
    return add_months(admission_date, 12 * milestone)


def ill_early_months(milestone: int) -> int:
    """How many months early a seriously ill member may receive MILESTONE's badge."""
    if milestone <= 65:
        return ILL_EARLY_MONTHS_UP_TO_65
    return ILL_EARLY_MONTHS_FROM_70


@dataclass(frozen=True)
class Discipline:
    """A discipline decision: FORM is REPRIMAND (khiển trách), WARNING (cảnh cáo) or
    DISMISSAL (cách chức); DECIDED_ON is the decision date the waiting period counts from."""

    form: str
    decided_on: dt.date

    def __post_init__(self) -> None:
        if self.form not in DISCIPLINE_WAIT_MONTHS:
            raise ValueError(f"unknown discipline form for badge waiting: {self.form!r}")

    @property
    def waits_until(self) -> dt.date:
        """First date the member may be considered again."""
        return add_months(self.decided_on, DISCIPLINE_WAIT_MONTHS[self.form])


@dataclass(frozen=True)
class BadgeCandidate:
    """A member as the badge rules see them. AWARDED holds milestones already received."""

    member_id: int
    admission_date: dt.date
    awarded: frozenset[int]
    disciplines: tuple[Discipline, ...] = ()
    seriously_ill: bool = False
    deceased_on: dt.date | None = None

    def __post_init__(self) -> None:
        unknown = self.awarded - set(MILESTONES)
        if unknown:
            raise ValueError(f"not a badge milestone: {sorted(unknown)}")


@dataclass(frozen=True)
class BadgeDue:
    """MEMBER_ID is due MILESTONE's badge; REACHED_ON is when the years are complete. EARLY
    marks tặng sớm / truy tặng sớm. BLOCKED_UNTIL, when set, is the end of a discipline waiting
    period covering the occasion: the member is listed but not yet eligible."""

    member_id: int
    milestone: int
    reached_on: dt.date
    early: bool
    blocked_until: dt.date | None


def _blocked_until(disciplines: Iterable[Discipline], occasion: dt.date) -> dt.date | None:
    """The latest end of a waiting period that covers OCCASION, if any."""
    ends = [d.waits_until for d in disciplines if d.decided_on <= occasion < d.waits_until]
    return max(ends, default=None)


def badge_due(candidate: BadgeCandidate, occasion: dt.date) -> BadgeDue | None:
    """The badge CANDIDATE is due at OCCASION, or None.

    It is the highest milestone above every badge already awarded whose years are complete by
    OCCASION, or would be within the early-award window:
    - seriously ill: 12 months early (30-65 years) or 24 months early (70-90 years);
    - deceased on or before OCCASION (truy tặng): party age stops at death, and a milestone
      complete within 12 months after the death date may be awarded posthumously.
    Milestones at or below the highest awarded one are never proposed again. A discipline decided
    on or before OCCASION whose waiting period (6/9/12 months) has not ended sets BLOCKED_UNTIL.
    """
    if candidate.deceased_on is not None and candidate.deceased_on <= occasion:
        as_of = candidate.deceased_on
        posthumous = True
    else:
        as_of = occasion
        posthumous = False
    highest_awarded = max(candidate.awarded, default=0)
    for milestone in sorted(MILESTONES, reverse=True):
        if milestone <= highest_awarded:
            break
        reached_on = milestone_reached_on(candidate.admission_date, milestone)
        if posthumous:
            early_months = POSTHUMOUS_EARLY_MONTHS
        elif candidate.seriously_ill:
            early_months = ill_early_months(milestone)
        else:
            early_months = 0
        if add_months(reached_on, -early_months) <= as_of:
            return BadgeDue(
                member_id=candidate.member_id,
                milestone=milestone,
                reached_on=reached_on,
                early=reached_on > as_of,
                blocked_until=_blocked_until(candidate.disciplines, occasion),
            )
    return None


def badges_due(candidates: Iterable[BadgeCandidate], occasion: dt.date) -> list[BadgeDue]:
    """The badges due at OCCASION, one per candidate that has one, in the candidates' order."""
    return [due for c in candidates if (due := badge_due(c, occasion)) is not None]
