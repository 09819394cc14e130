"""Argument handling shared by the management commands: dates, read through the date policy."""

import datetime as dt

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.dates import Fact, InvalidDate, checked_date, date_range


def add_as_of(parser: CommandParser) -> None:
    earliest, latest = date_range(Fact.AS_OF, clock.today())
    text = _("Ngày (dd/mm/yyyy hoặc YYYY-MM-DD), từ %(earliest)s đến %(latest)s; mặc định hôm nay.")
    dates = {"earliest": f"{earliest:%d/%m/%Y}", "latest": f"{latest:%d/%m/%Y}"}
    parser.add_argument("--as-of", dest="as_of", help=text % dates)


def parse_as_of(raw: object, today: dt.date) -> dt.date:
    """The --as-of date within the range the data covers (Fact.AS_OF), or TODAY."""
    return parse_date(raw, Fact.AS_OF, "--as-of", today)


def parse_date(raw: object, fact: Fact, flag: str, today: dt.date) -> dt.date:
    """FLAG's date within FACT's range, or TODAY when it is not given."""
    if raw is None or not str(raw).strip():
        return today
    try:
        return checked_date(str(raw), fact, flag, today) or today
    except InvalidDate as error:
        raise CommandError(str(error)) from None
