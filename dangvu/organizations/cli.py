"""Who the command line acts as, and the organization it names. Commands read through the
same scoping layer as the web: with --user, as that user; without, as the operator at the
server's console."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from dangvu.organizations.access import OPERATOR, User
from dangvu.organizations.models import OrgUnit


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
