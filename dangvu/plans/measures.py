"""The measures of targets: each computes, from the data, a target's value for a
committee's subtree in a year, as of any date. A target names its measure by key and
stores only its goal, so recording one more admission moves the admissions target.

Plans sits above the modules whose data it measures (members, evaluation, discipline,
dues), so it registers their measures here; a module above plans would register its own
with `measure_register` at start-up."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.discipline.figures import discipline_figures
from dangvu.dues.obligations import months_between
from dangvu.dues.selectors import dues_ledger
from dangvu.evaluation.models import Level, Rating
from dangvu.evaluation.selectors import decided_levels_under
from dangvu.organizations.access import OPERATOR, OutOfScope
from dangvu.organizations.models import CELL_KINDS, Membership, OrgUnit, OrgVersion
from dangvu.plans.models import Meeting
from dangvu.plans.rules import months_held
from dangvu.plans.rulesets import PLANS

# (committee, year, as_of) → the value, or None while the data cannot tell yet.
Compute = Callable[[OrgUnit, int, dt.date], Decimal | None]


@dataclass(frozen=True)
class Measure:
    key: str
    label: str | Promise
    unit: str | Promise
    # A count that grows through the year (prorated when judging progress), or a share.
    cumulative: bool
    compute: Compute


MEASURES: dict[str, Measure] = {}


def measure_register(measure: Measure) -> None:
    if measure.key in MEASURES:
        raise ValueError(f"measure {measure.key!r} is registered twice")
    MEASURES[measure.key] = measure


def measure_choices() -> list[tuple[str, str]]:
    return [(m.key, str(m.label)) for m in MEASURES.values()]


def measure_label(key: str) -> str:
    """What the measure KEY is called; the key itself once it is no longer registered."""
    return str(MEASURES[key].label) if key in MEASURES else key


def clipped(year: int, as_of: dt.date) -> dt.date:
    """AS_OF, kept within YEAR: a year's value stops at its last day."""
    return min(as_of, dt.date(year, 12, 31))


def subtree_path(committee: OrgUnit, on: dt.date) -> str | None:
    version = OrgVersion.objects.as_of(on).filter(org=committee).first()
    return version.path if version else None


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def admissions(committee: OrgUnit, year: int, as_of: dt.date) -> Decimal | None:
    """Members admitted in YEAR up to AS_OF into the cells under COMMITTEE then."""
    if as_of < dt.date(year, 1, 1):
        return Decimal(0)
    on = clipped(year, as_of)
    path = subtree_path(committee, on)
    if path is None:
        return None
    count = Membership.objects.filter(
        start=Membership.Start.ADMITTED,
        valid_from__year=year,
        valid_from__lte=on,
        org_id__in=OrgVersion.objects.as_of(on).in_subtree(path).values("org_id"),
    ).count()
    return Decimal(count)


GOOD_OR_BETTER = (Level.EXCELLENT, Level.GOOD)


def _rated_share(kind: str) -> Compute:
    def compute(committee: OrgUnit, year: int, as_of: dt.date) -> Decimal | None:
        path = subtree_path(committee, clipped(year, as_of))
        if path is None:
            return None
        levels = decided_levels_under(path=path, year=year, as_of=as_of)
        rated = sum(n for (k, _level), n in levels.items() if k == kind)
        good = sum(levels[(kind, level)] for level in GOOD_OR_BETTER)
        return percent(good, rated)

    return compute


def _checks(key: str) -> Compute:
    def compute(committee: OrgUnit, year: int, as_of: dt.date) -> Decimal | None:
        if as_of < dt.date(year, 1, 1):
            return Decimal(0)
        # The committee's own figure, whoever reads the plan: counts, never the cases.
        found = discipline_figures(user=OPERATOR, as_of=clipped(year, as_of), root=committee)
        return Decimal(found[key])

    return compute


def monthly_meetings(committee: OrgUnit, year: int, as_of: dt.date) -> Decimal | None:
    """The share of cell-months with the regular meetings the rules ask for, over the
    cells under COMMITTEE and the months of YEAR ended by AS_OF."""
    on = clipped(year, as_of)
    through = on.month if (on + dt.timedelta(days=1)).month != on.month else on.month - 1
    if as_of < dt.date(year, 1, 1) or through == 0:
        return None
    path = subtree_path(committee, on)
    if path is None:
        return None
    rules = rules_for(PLANS, on)
    cells = list(
        OrgVersion.objects.as_of(on).in_subtree(path).filter(kind__in=CELL_KINDS)
        .values_list("org_id", flat=True)
    )  # fmt: skip
    dates: dict[int, list[dt.date]] = {cell: [] for cell in cells}
    held = Meeting.objects.filter(
        org_id__in=cells, kind=Meeting.Kind.CELL_MONTHLY, held_on__year=year, held_on__lte=on
    ).values_list("org_id", "held_on")
    for org_id, held_on in held:
        dates[org_id].append(held_on)
    months = sum(
        months_held(found, year, through, at_least=rules.cell_meetings_a_month)
        for found in dates.values()
    )
    return percent(months, len(cells) * through)


def dues_collected(committee: OrgUnit, year: int, as_of: dt.date) -> Decimal | None:
    """Dues paid against dues owed, in percent, over the months of YEAR from January to the
    month of AS_OF, for the members of the cells under COMMITTEE each month: the sums of
    the dues ledger (`dues.selectors.dues_ledger`), so the measure and the ledger's pages
    never disagree. A month is owed from its first day. Payments count for the month they
    pay for, whenever paid. Months before the dues rules start are left out; None while
    nothing is owed."""
    if as_of < dt.date(year, 1, 1):
        return None
    owed = paid = 0
    for month in months_between(dt.date(year, 1, 1), clipped(year, as_of)):
        try:
            ledger = dues_ledger(user=OPERATOR, month=month, org=committee)
        except (NoRuleSet, OutOfScope):  # before the rules, or before the committee
            continue
        owed += ledger.totals["owed"]
        paid += ledger.totals["paid"]
    return percent(paid, owed)


for _measure in (
    Measure("admissions", _("Số đảng viên mới kết nạp trong năm"), _("đảng viên"), True,
            admissions),
    Measure("tccsd_good", _("Tỷ lệ TCCSĐ xếp loại hoàn thành tốt nhiệm vụ trở lên"), "%",
            False, _rated_share(Rating.Kind.ORG)),
    Measure("members_good", _("Tỷ lệ đảng viên xếp loại hoàn thành tốt nhiệm vụ trở lên"),
            "%", False, _rated_share(Rating.Kind.MEMBER)),
    Measure("inspections", _("Số cuộc kiểm tra trong năm"), _("cuộc"), True,
            _checks("inspections")),
    Measure("supervisions", _("Số cuộc giám sát trong năm"), _("cuộc"), True,
            _checks("supervisions")),
    Measure("cell_meetings", _("Tỷ lệ chi bộ sinh hoạt thường kỳ hằng tháng"), "%", False,
            monthly_meetings),
    Measure("dues_collected", _("Tỷ lệ đảng phí đã thu so với đảng phí phải nộp"), "%", False,
            dues_collected),
):  # fmt: skip
    measure_register(_measure)
