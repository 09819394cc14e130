"""Shared argument handling of the figure commands: dates and organization codes."""

import datetime as dt

from django.core.management.base import CommandError, CommandParser

from dangvu.organizations.models import OrgUnit


def add_as_of(parser: CommandParser) -> None:
    parser.add_argument("--as-of", dest="as_of", help="Ngày (YYYY-MM-DD); mặc định hôm nay.")


def parse_as_of(raw: object, today: dt.date) -> dt.date:
    if not raw:
        return today
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise CommandError(f"--as-of phải có dạng YYYY-MM-DD, nhận được {raw!r}.") from None


def parse_org(raw: object) -> OrgUnit | None:
    if not raw:
        return None
    org = OrgUnit.objects.filter(code=str(raw).upper()).first()
    if org is None:
        raise CommandError(f"Không có tổ chức mã {raw}.")
    return org
