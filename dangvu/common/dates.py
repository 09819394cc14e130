"""Dates the Vietnamese way (dd/mm/yyyy; "Thứ 2, Ngày 28/02/2022"), and the one date policy:
the range of dates each kind of fact may take. The form field, the query-parameter parser,
the command line and the import coercion all ask `date_problem`; the services keep their
own rules (an admission after the 18th birthday, a change not before the last one)."""

import datetime as dt
import enum
from dataclasses import dataclass

from django.utils.translation import gettext as _

WEEKDAYS = ("Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "Chủ nhật")

# Ngày thành lập Đảng Cộng sản Việt Nam: no party fact is older.
PARTY_FOUNDED = dt.date(1930, 2, 3)


class Fact(enum.Enum):
    """The kinds of dated facts, each with its own range (see POLICY)."""

    BIRTH = "birth"
    EVENT = "event"
    PLANNED_END = "planned_end"
    STRUCTURE_CHANGE = "structure_change"
    AS_OF = "as_of"
    OCCASION = "occasion"
    SCHEDULED = "scheduled"


@dataclass(frozen=True)
class DateRule:
    """A range relative to today: from FROM_YEARS_AGO years back (or the Party's founding)
    to AHEAD_DAYS or AHEAD_YEARS after today."""

    from_years_ago: int | None = None
    ahead_days: int = 0
    ahead_years: int = 0


POLICY: dict[Fact, DateRule] = {
    # A person on the registry or a candidate was born at most 120 years ago (nobody on a
    # roll is older), and not after today.
    Fact.BIRTH: DateRule(from_years_ago=120),
    # Admissions, decisions, ceremonies, recognitions, transfers, arrivals, returns, exits,
    # memberships, exemptions' starts, badges awarded, an admission case's steps: recorded
    # once they happened, so not after today, and not before the Party existed.
    Fact.EVENT: DateRule(),
    # The end of a planned absence (a temporary transfer's expected return, an exemption's
    # end): the longest one the rules know is study away for 2 years (Quy định 294-QĐ/TW
    # mục 6), decided at the latest today. A longer exemption is recorded without an end.
    Fact.PLANNED_END: DateRule(ahead_years=2),
    # A structure change (founding, rename, move, merge, reclassification, dissolution) may
    # be recorded ahead of the day it takes effect, within a quarter: Quy định 294-QĐ/TW was
    # issued on 26/5/2025 for 1/7/2025. A change locks the organization's earlier dates, so
    # a mistyped year (2027 for 2026) must be refused, not kept.
    Fact.STRUCTURE_CHANGE: DateRule(ahead_days=90),
    # The date a page, an export or a report shows: any day the data can cover, from the
    # founding to the farthest planned date (PLANNED_END).
    Fact.AS_OF: DateRule(ahead_years=2),
    # A badge occasion to list candidates for: the same range, so the next eight occasions
    # can be prepared.
    Fact.OCCASION: DateRule(ahead_years=2),
    # A conference or a cell meeting recorded ahead of its day, so that its invitation can be
    # sent: within a quarter, like a structure change (a mistyped year is refused).
    Fact.SCHEDULED: DateRule(ahead_days=90),
}


def _years_later(day: dt.date, years: int) -> dt.date:
    """DAY moved by YEARS; 29/2 becomes 28/2 in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def date_range(fact: Fact, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last date (both allowed) a FACT may take, seen from TODAY."""
    rule = POLICY[fact]
    earliest = (
        PARTY_FOUNDED if rule.from_years_ago is None else _years_later(today, -rule.from_years_ago)
    )
    latest = _years_later(today, rule.ahead_years) + dt.timedelta(days=rule.ahead_days)
    return earliest, latest


def _ahead(rule: DateRule) -> str:
    if rule.ahead_years:
        return _("%(n)s năm") % {"n": rule.ahead_years}
    return _("%(n)s ngày") % {"n": rule.ahead_days} if rule.ahead_days else ""


def date_problem(value: dt.date, fact: Fact, label: str, today: dt.date) -> str | None:
    """Why VALUE cannot be the date of a FACT (named LABEL in the message), or None."""
    earliest, latest = date_range(fact, today)
    if earliest <= value <= latest:
        return None
    rule = POLICY[fact]
    values = {
        "label": label,
        "earliest": f"{earliest:%d/%m/%Y}",
        "latest": f"{latest:%d/%m/%Y}",
        "years": rule.from_years_ago,
        "ahead": _ahead(rule),
    }
    if rule.from_years_ago is not None:
        message = _(
            "%(label)s phải từ %(earliest)s (%(years)s năm trước) đến hôm nay (%(latest)s)."
        )
    elif not values["ahead"]:
        message = _(
            "%(label)s phải từ %(earliest)s (ngày thành lập Đảng) đến hôm nay (%(latest)s)."
        )
    else:
        message = _(
            "%(label)s phải từ %(earliest)s (ngày thành lập Đảng) đến %(latest)s (%(ahead)s tới)."
        )
    return message % values


class InvalidDate(ValueError):
    """A date that cannot be read, or that lies outside its fact's range; the message, in
    Vietnamese, names the field and says why."""


def not_a_date(raw: str, label: str) -> InvalidDate:
    return InvalidDate(
        _("%(label)s: “%(value)s” không phải một ngày; hãy nhập ngày/tháng/năm, ví dụ 26/11/2026.")
        % {"label": label, "value": raw[:40]}
    )


def checked_date(raw: str | None, fact: Fact, label: str, today: dt.date) -> dt.date | None:
    """RAW (dd/mm/yyyy or yyyy-mm-dd) as a date within FACT's range, None when blank;
    InvalidDate otherwise."""
    if raw is None or not raw.strip():
        return None
    value = parse_date(raw)
    if value is None:
        raise not_a_date(raw, label)
    problem = date_problem(value, fact, label, today)
    if problem:
        raise InvalidDate(problem)
    return value


class OutsideRules(ValueError):
    """A computation on a date (working days, badge occasions, the rules in force) asked
    about a day its rules do not cover; the message, in Vietnamese, gives the range."""


def outside_rules(day: dt.date, first: dt.date, last: dt.date | None) -> OutsideRules:
    """The refusal of a computation on DAY by rules that cover FIRST to LAST (None: open)."""
    if last is None:
        message = _("Ngày %(day)s nằm ngoài khoảng các quy định áp dụng (từ %(first)s).")
    else:
        message = _("Ngày %(day)s nằm ngoài khoảng các quy định áp dụng (%(first)s – %(last)s).")
    values = {"day": _dmy(day), "first": _dmy(first), "last": _dmy(last) if last else ""}
    return OutsideRules(message % values)


def _dmy(day: dt.date) -> str:
    # strftime writes year 1 as "1", not "0001".
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def parse_date(raw: str | None) -> dt.date | None:
    """dd/mm/yyyy as users type it, or yyyy-mm-dd from links and date inputs; None if neither."""
    if not raw:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(raw.strip(), pattern).date()
        except ValueError:
            continue
    return None


def long_date(value: dt.date) -> str:
    """The heading form used on Vietnamese portals: "Thứ 2, Ngày 28/02/2022"."""
    return f"{WEEKDAYS[value.weekday()]}, Ngày {value:%d/%m/%Y}"
