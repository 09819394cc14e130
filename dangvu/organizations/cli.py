"""Who the command line acts as, and the organization it names. Commands read through the
same scoping layer as the web: with --user, as that user; without, as the operator at the
server's console."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.organizations.access import OPERATOR, User
from dangvu.organizations.models import OrgUnit, OrgVersion


def cli_user(username: object) -> User:
    if not username:
        return OPERATOR
    user = get_user_model().objects.filter(username=str(username)).first()
    if user is None:
        raise CommandError(f"Không có người dùng {username}.")
    return user


def parse_org(raw: object) -> OrgUnit | None:
    if not raw:
        return None
    org = OrgUnit.objects.filter(code=str(raw).upper()).first()
    if org is None:
        raise CommandError(f"Không có tổ chức mã {raw}.")
    return org


def parse_year(raw: object) -> int:
    """--year: a year of four digits."""
    text = str(raw)
    if not text.isdigit() or len(text) != 4:
        raise CommandError(_("--year phải là năm bốn chữ số, ví dụ 2021."))
    return int(text)


def committee_of_year(raw: object, year: int) -> OrgUnit:
    """The committee named by --org, or the only root of the tree at YEAR's end."""
    org = parse_org(raw)
    if org is not None:
        return org
    on = min(clock.today(), dt.date(year, 12, 31))
    roots = list(OrgVersion.objects.as_of(on).filter(parent=None).select_related("org"))
    if len(roots) != 1:
        raise CommandError(_("Năm %(year)s có nhiều cấp ủy: chọn một bằng --org.") % {"year": year})
    return roots[0].org
