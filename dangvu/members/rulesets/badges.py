"""Rule sets of Huy hiệu Đảng (party badges): the milestones of party age, the award
occasions, early and posthumous awards, and the wait after a discipline decision
(docs/rules.md, "Party badges").

The chain: the texts before Quy định 29-QĐ/TW → Quy định 29-QĐ/TW (25/7/2016), which added
the 45-year badge → Quy định 24-QĐ/TW (30/7/2021) with HD 01-HD/TW (28/9/2021) mục 18 →
HD 06-HD/TW (9/6/2025), which replaced HD 01. `BadgeRules` holds HD 01-HD/TW (2021);
the other periods declare what is uncertain about them as settings.

Party age (tuổi đảng) counts from the admission decision's date (`members.facts`). Periods
outside the Party are not subtracted here: the caller passes the start moved later by them
(`facts.party_age_counted_from`, in `members.selectors.badge_candidate`). Expelled members
get no badge (the caller leaves them out); members who died are candidates for a
posthumous award (truy tặng). Illness is an input no record holds yet; the discipline
module passes its decisions as `Discipline`s (`members.hooks.disciplines_of`).
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.common.dates import outside_rules
from dangvu.common.months import add_months
from dangvu.common.rulesets import Confidence, RuleSet, SettingSource, Topic, setting

# Forms of discipline that delay a badge (Quy định 69-QĐ/TW Điều 7): khiển trách, cảnh cáo,
# cách chức. Khai trừ ends membership, and the badge must be returned.
REPRIMAND, WARNING, DISMISSAL = "REPRIMAND", "WARNING", "DISMISSAL"
DISCIPLINE_FORMS = (REPRIMAND, WARNING, DISMISSAL)

_HD06_UNREAD = (
    "HD 06-HD/TW (9/6/2025) replaced HD 01-HD/TW; its badge section was not read, so "
    "HD 01-HD/TW (2021) mục 18 is assumed unchanged"
)


@dataclass(frozen=True)
class Discipline:
    """A discipline decision as the badge rules need it: its FORM (one of
    `DISCIPLINE_FORMS`) and the date it was DECIDED_ON, which the wait counts from."""

    form: str
    decided_on: dt.date

    def __post_init__(self) -> None:
        if self.form not in DISCIPLINE_FORMS:
            raise ValueError(f"unknown discipline form for badge waiting: {self.form!r}")


@dataclass(frozen=True)
class BadgeCandidate:
    """A member as the badge rules see them. AWARDED holds the milestones already received;
    DISCIPLINES come from the discipline module, SERIOUSLY_ILL from the award's form."""

    member_id: int
    party_age_start: dt.date
    awarded: frozenset[int]
    disciplines: tuple[Discipline, ...] = ()
    seriously_ill: bool = False
    deceased_on: dt.date | None = None


@dataclass(frozen=True)
class BadgeDue:
    """MEMBER_ID is due MILESTONE's badge; REACHED_ON is when the years are complete. EARLY
    marks tặng sớm / truy tặng sớm, POSTHUMOUS a truy tặng. BLOCKED_UNTIL, when set, ends a
    discipline's wait that covers the occasion: the member is listed but not yet eligible."""

    member_id: int
    milestone: int
    reached_on: dt.date
    early: bool
    posthumous: bool
    blocked_until: dt.date | None


@dataclass(frozen=True, eq=False)
class BadgeRules(RuleSet):
    """Huy hiệu Đảng as HD 01-HD/TW (2021) mục 18 states it (HIGH), with the discipline wait
    of Quy định 24-QĐ/TW (MED)."""

    milestones: tuple[int, ...] = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
    occasions: tuple[tuple[int, int], ...] = ((3, 2), (19, 5), (2, 9), (7, 11))  # (day, month)
    # Tặng sớm for serious illness: (from milestone, months early): 30–65 years up to 12
    # months early, 70–90 years up to 24.
    ill_early_months: tuple[tuple[int, int], ...] = ((30, 12), (70, 24))
    posthumous_early_months: int = 12  # truy tặng sớm
    discipline_wait_months: Mapping[str, int] = setting(
        factory=lambda: {REPRIMAND: 6, WARNING: 9, DISMISSAL: 12},
        source="Quy định 24-QĐ/TW; luatminhkhue.vn (tờ khai đề nghị tặng Huy hiệu Đảng)",
        confidence="MED",
    )
    posthumous_lookback_months: int = setting(
        12,
        source=(
            "no rule found: HD 01-HD/TW sets no time limit for proposing a posthumous award; "
            "the list shows deaths this recent so that old deaths do not fill it"
        ),
        confidence="GAP",
    )

    def __post_init__(self) -> None:
        for start, _months in self.ill_early_months:
            if start not in self.milestones:
                raise ValueError(f"early window from {start} years, which is no milestone")

    # Occasions ---------------------------------------------------------------------------

    def occasions_in_year(self, year: int) -> list[dt.date]:
        return [dt.date(year, month, day) for day, month in self.occasions]

    def is_occasion(self, day: dt.date) -> bool:
        return (day.day, day.month) in self.occasions

    def next_occasion(self, on: dt.date) -> dt.date:
        """The first award date on or after ON (ON itself when it is an occasion)."""
        for day in self.occasions_in_year(on.year):
            if day >= on:
                return day
        if on.year == dt.MAXYEAR:
            raise outside_rules(on, dt.date.min, self.occasions_in_year(dt.MAXYEAR)[-1])
        return self.occasions_in_year(on.year + 1)[0]

    # Who is due --------------------------------------------------------------------------

    def milestone_reached_on(self, party_age_start: dt.date, milestone: int) -> dt.date:
        """The date MILESTONE years of party age are complete (đủ tuổi đảng); a start on
        29/02 completes on 28/02 in common years."""
        return add_months(party_age_start, 12 * milestone)

    def early_months(self, milestone: int, *, seriously_ill: bool, posthumous: bool) -> int:
        """How many months before MILESTONE's date its badge may be awarded."""
        if posthumous:
            return self.posthumous_early_months
        if seriously_ill:
            return max(months for start, months in self.ill_early_months if start <= milestone)
        return 0

    def youngest_party_age_months(self) -> int:
        """The youngest party age, in months, at which anyone can be due a badge: the first
        milestone less its longest early window."""
        first = min(self.milestones)
        ill = self.early_months(first, seriously_ill=True, posthumous=False)
        return 12 * first - max(ill, self.posthumous_early_months)

    def latest_party_age_start(self, occasion: dt.date) -> dt.date:
        """Party age started after this date cannot be due a badge at OCCASION."""
        return add_months(occasion, -self.youngest_party_age_months())

    def deaths_listed_from(self, occasion: dt.date) -> dt.date:
        """The earliest death the list of OCCASION proposes a posthumous award for."""
        return add_months(occasion, -self.posthumous_lookback_months)

    def waits_until(self, discipline: Discipline) -> dt.date:
        """The first date a disciplined member may be considered again."""
        return add_months(discipline.decided_on, self.discipline_wait_months[discipline.form])

    def badge_due(self, candidate: BadgeCandidate, occasion: dt.date) -> BadgeDue | None:
        """The badge CANDIDATE is due at OCCASION, or None: the highest milestone above every
        badge already awarded whose years are complete by OCCASION, or would be within the
        early window (serious illness; or death, after which party age stops and the badge
        is awarded posthumously). A discipline decided on or before OCCASION whose wait has
        not ended sets BLOCKED_UNTIL."""
        posthumous = candidate.deceased_on is not None and candidate.deceased_on <= occasion
        as_of = candidate.deceased_on if posthumous and candidate.deceased_on else occasion
        highest_awarded = max(candidate.awarded, default=0)
        for milestone in sorted(self.milestones, reverse=True):
            if milestone <= highest_awarded:
                break
            reached_on = self.milestone_reached_on(candidate.party_age_start, milestone)
            early = self.early_months(
                milestone, seriously_ill=candidate.seriously_ill, posthumous=posthumous
            )
            if add_months(reached_on, -early) <= as_of:
                return BadgeDue(
                    member_id=candidate.member_id,
                    milestone=milestone,
                    reached_on=reached_on,
                    early=reached_on > as_of,
                    posthumous=posthumous,
                    blocked_until=self._blocked_until(candidate.disciplines, occasion),
                )
        return None

    def badges_due(self, candidates: Iterable[BadgeCandidate], occasion: dt.date) -> list[BadgeDue]:
        """The badges due at OCCASION, one per candidate that has one, in the candidates'
        order."""
        return [due for c in candidates if (due := self.badge_due(c, occasion)) is not None]

    def _blocked_until(
        self, disciplines: Iterable[Discipline], occasion: dt.date
    ) -> dt.date | None:
        ends = [
            self.waits_until(d)
            for d in disciplines
            if d.decided_on <= occasion < self.waits_until(d)
        ]
        return max(ends, default=None)

    # Words -------------------------------------------------------------------------------

    def milestone_label(self, milestone: int) -> str:
        return _("%(years)s năm tuổi đảng") % {"years": milestone}

    def occasions_text(self) -> str:
        """The occasions as people write them: "3/2, 19/5, 2/9, 7/11"."""
        return ", ".join(f"{day}/{month}" for day, month in self.occasions)

    def not_an_occasion(self) -> str:
        return _("Huy hiệu Đảng trao vào các dịp %(occasions)s.") % {
            "occasions": self.occasions_text()
        }

    def not_due(self, milestone: int, occasion: dt.date, due: BadgeDue | None) -> str:
        """Why MILESTONE's badge is not the one due at OCCASION."""
        values = {"milestone": milestone, "occasion": f"{occasion:%d/%m/%Y}"}
        if due is None:
            return (
                _(
                    "Đến dịp %(occasion)s, đồng chí này chưa đến mốc Huy hiệu %(milestone)s năm "
                    "tuổi đảng (kể cả xét tặng sớm)."
                )
                % values
            )
        return _(
            "Dịp %(occasion)s, đồng chí này được xét Huy hiệu %(due)s năm tuổi đảng, không phải "
            "%(milestone)s năm."
        ) % {**values, "due": due.milestone}

    def waiting(self, until: dt.date) -> str:
        return _(
            "Đảng viên đang trong thời gian chờ sau kỷ luật; được xét tặng Huy hiệu từ ngày "
            "%(date)s."
        ) % {"date": f"{until:%d/%m/%Y}"}

    def early_needs_reason(self) -> str:
        return _("Xét tặng sớm, truy tặng sớm: ghi căn cứ (bệnh hiểm nghèo, từ trần) và lý do.")

    def not_a_milestone(self) -> str:
        return _("Mốc tuổi đảng không hợp lệ; các mốc: %(milestones)s năm.") % {
            "milestones": ", ".join(str(m) for m in self.milestones)
        }


def _unsure(source: str, confidence: Confidence, *names: str) -> dict[str, SettingSource]:
    return {name: SettingSource(source, confidence) for name in names}


_EARLY = ("ill_early_months", "posthumous_early_months")
_ASSUMED_2021 = "assumed from HD 01-HD/TW (2021)"


@dataclass(frozen=True, eq=False)
class BadgesBefore29(BadgeRules):
    """Before Quy định 29-QĐ/TW: the texts of the time are not encoded. Without the 45-year
    badge, which 29 introduced; the rest is assumed to be HD 01-HD/TW (2021)'s (LOW)."""

    valid_from: ClassVar[dt.date] = dt.date(1930, 2, 3)
    valid_to: ClassVar[dt.date | None] = dt.date(2016, 7, 25)
    regulation: ClassVar[str] = "Các quy định trước Quy định 29-QĐ/TW"
    uncertain: ClassVar[Mapping[str, SettingSource]] = _unsure(_ASSUMED_2021, "LOW", *_EARLY)

    milestones: tuple[int, ...] = setting(
        tuple(m for m in BadgeRules.milestones if m != 45),
        source=(
            "xaydungdang.org.vn: Quy định 29-QĐ/TW added the 45-year badge; a 35-year badge "
            "of earlier decades is reported (thuviennhadat.vn) but its dates were not found"
        ),
        confidence="LOW",
    )


@dataclass(frozen=True, eq=False)
class Badges29(BadgeRules):
    """Quy định 29-QĐ/TW (25/7/2016) điểm 27.3 and HD 01-HD/TW (20/9/2016): the milestones
    with the new 45-year badge (MED); the early windows are assumed to be 2021's (LOW)."""

    valid_from: ClassVar[dt.date] = dt.date(2016, 7, 25)
    valid_to: ClassVar[dt.date | None] = dt.date(2021, 7, 30)
    regulation: ClassVar[str] = "Quy định 29-QĐ/TW; HD 01-HD/TW (2016)"
    uncertain: ClassVar[Mapping[str, SettingSource]] = {
        **_unsure(
            "xaydungdang.org.vn (Ban Tổ chức Trung ương on the 45-year badge, 2016)",
            "MED",
            "milestones",
        ),
        **_unsure(_ASSUMED_2021, "LOW", *_EARLY),
    }


@dataclass(frozen=True, eq=False)
class Badges24(BadgeRules):
    """Quy định 24-QĐ/TW (30/7/2021) and HD 01-HD/TW (28/9/2021) mục 18."""

    valid_from: ClassVar[dt.date] = dt.date(2021, 7, 30)
    valid_to: ClassVar[dt.date | None] = dt.date(2025, 6, 9)
    regulation: ClassVar[str] = "Quy định 24-QĐ/TW; HD 01-HD/TW (2021) mục 18"


@dataclass(frozen=True, eq=False)
class BadgesHD06(BadgeRules):
    """HD 06-HD/TW (9/6/2025), guiding Quy định 232 and 294. The occasions and early and
    posthumous awards carry on (ceremonies of 3/2/2026 awarded tặng sớm and truy tặng sớm,
    HIGH); the numbers are assumed to be HD 01-HD/TW (2021)'s (MED)."""

    valid_from: ClassVar[dt.date] = dt.date(2025, 6, 9)
    valid_to: ClassVar[dt.date | None] = None
    regulation: ClassVar[str] = "HD 06-HD/TW; Quy định 294-QĐ/TW"
    uncertain: ClassVar[Mapping[str, SettingSource]] = _unsure(
        _HD06_UNREAD, "MED", "milestones", *_EARLY
    )


BADGES: Topic[BadgeRules] = Topic(
    "badges",
    gettext_lazy("Huy hiệu Đảng"),
    [BadgesBefore29(), Badges29(), Badges24(), BadgesHD06()],
)
