"""Argument handling shared by the management commands: dates."""

import datetime as dt

from django.core.management.base import CommandError, CommandParser


def add_as_of(parser: CommandParser) -> None:
    parser.add_argument("--as-of", dest="as_of", help="Ngày (YYYY-MM-DD); mặc định hôm nay.")


def parse_as_of(raw: object, today: dt.date) -> dt.date:
    if not raw:
        return today
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise CommandError(f"--as-of phải có dạng YYYY-MM-DD, nhận được {raw!r}.") from None
