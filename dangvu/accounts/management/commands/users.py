import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from dangvu.accounts import services
from dangvu.accounts.selectors import (
    AccountFilter,
    AccountRow,
    account_by_username,
    account_list,
    open_assignments,
)
from dangvu.accounts.two_factor import two_factor_link_issue
from dangvu.common import clock
from dangvu.common.cli import parse_date
from dangvu.common.dates import Fact
from dangvu.organizations.access import User
from dangvu.organizations.cli import cli_user, parse_org
from dangvu.organizations.models import RoleAssignment
from dangvu.organizations.roles import Role

ROLE_HELP = ", ".join(Role.values)


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _date(raw: object, flag: str, fact: Fact = Fact.STRUCTURE_CHANGE) -> dt.date | None:
    if raw is None:
        return None
    return parse_date(raw, fact, flag, clock.today())


def _role(raw: object) -> str:
    role = str(raw).strip().upper()
    if role not in Role.values:
        raise CommandError(
            _("Không có vai trò %(role)s; chọn một trong: %(roles)s.")
            % {"role": raw, "roles": ROLE_HELP}
        )
    return role


def _row_json(row: AccountRow) -> dict[str, Any]:
    return {
        "username": row.account.get_username(),
        "full_name": row.name,
        "email": row.account.email,
        "active": row.account.is_active,
        "roles": [
            {
                "role": a.role,
                "label": label,
                "org": a.org.code if a.org else None,
                "valid_from": a.valid_from.isoformat(),
                "valid_to": a.valid_to.isoformat() if a.valid_to else None,
            }
            for a, label in zip(row.assignments, row.roles, strict=True)
        ],
    }


class Command(BaseCommand):
    help = _("Tài khoản người dùng: tạo, phân công và thôi vai trò, khóa, mở khóa, cấp liên kết.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)

        def add(name: str, text: str, *, username: bool = True) -> CommandParser:
            sub = actions.add_parser(name, help=text)
            if username:
                sub.add_argument("username")
            sub.add_argument("--user", help=_("Thực hiện với tư cách người dùng này."))
            return sub

        listing = add("list", _("Danh sách tài khoản và vai trò hiện nay."), username=False)
        listing.add_argument("--json", action="store_true", help=_("In một mảng JSON."))
        create = add("create", _("Tạo tài khoản (chưa có mật khẩu)."))
        create.add_argument("--name", required=True, help=_("Họ và tên"))
        create.add_argument("--email", default="", help=_("Thư điện tử"))
        assign = add("assign", _("Phân công vai trò trên một tổ chức và cây con của nó."))
        assign.add_argument("role", help=ROLE_HELP)
        assign.add_argument("--org", help=_("Mã tổ chức (để trống với ADMIN)"))
        assign.add_argument("--from", dest="valid_from", required=True, help="dd/mm/yyyy")
        assign.add_argument("--to", dest="valid_to", help=_("Đến trước ngày, dd/mm/yyyy"))
        end = add("end-role", _("Thôi giữ một vai trò từ một ngày."))
        end.add_argument("role", help=ROLE_HELP)
        end.add_argument("--org", help=_("Mã tổ chức (để trống với ADMIN)"))
        end.add_argument("--on", required=True, help="dd/mm/yyyy")
        lock = add("lock", _("Khóa tài khoản: không đăng nhập được nữa."))
        lock.add_argument("--reason", default="", help=_("Lý do"))
        add("unlock", _("Mở khóa tài khoản và xóa các lần đăng nhập sai."))
        add("reset-password", _("In liên kết đặt lại mật khẩu (dùng một lần, có hạn)."))
        add("reset-2fa", _("Gỡ xác thực hai lớp và in liên kết đăng ký mới."))
        add("enrol-2fa", _("In liên kết đăng ký xác thực hai lớp (dùng một lần, có hạn)."))

    def handle(self, *args: object, **options: Any) -> None:
        actor = cli_user(options["user"])
        try:
            self.stdout.write(self._run(actor, options))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except Http404 as error:
            raise CommandError(str(error)) from None

    def _run(self, actor: User, options: dict[str, Any]) -> str:
        if options["action"] == "list":
            return self._list(actor, as_json=options["json"])
        if options["action"] == "create":
            return self._create(actor, options)
        account = account_by_username(user=actor, username=str(options["username"]))
        if account is None:
            raise CommandError(_("Không có người dùng %(username)s.") % options)
        run: Callable[[User, AbstractUser, dict[str, Any]], str] = getattr(
            self, "_" + options["action"].replace("-", "_")
        )
        return run(actor, account, options)

    def _list(self, actor: User, *, as_json: bool) -> str:
        rows = account_list(user=actor, filters=AccountFilter(), today=clock.today())
        if as_json:
            return json.dumps([_row_json(row) for row in rows], ensure_ascii=False, indent=2)
        lines = []
        for row in rows:
            state = "" if row.account.is_active else f" [{_('đã khóa')}]"
            roles = "; ".join(row.roles) or "—"
            lines.append(f"{row.account.get_username()}\t{row.name}{state}\t{roles}")
        return "\n".join([*lines, _("%(count)s tài khoản.") % {"count": len(rows)}])

    def _create(self, actor: User, options: dict[str, Any]) -> str:
        account = services.account_create(
            actor=actor, username=options["username"], full_name=options["name"],
            email=options["email"], today=clock.today(),
        )  # fmt: skip
        return _(
            "Đã tạo tài khoản %(username)s. Cấp liên kết đặt mật khẩu: dangvu users "
            "reset-password %(username)s"
        ) % {"username": account.get_username()}

    def _assign(self, actor: User, account: AbstractUser, options: dict[str, Any]) -> str:
        role = _role(options["role"])
        services.role_assign(
            actor=actor, user=account, role=role, org=parse_org(options["org"]),
            valid_from=_date(options["valid_from"], "--from") or clock.today(),
            valid_to=_date(options["valid_to"], "--to", Fact.PLANNED_END),
        )  # fmt: skip
        return _("Đã phân công %(role)s cho %(username)s.") % {
            "role": Role(role).label,
            "username": account.get_username(),
        }

    def _end_role(self, actor: User, account: AbstractUser, options: dict[str, Any]) -> str:
        role, org = _role(options["role"]), parse_org(options["org"])
        on = _date(options["on"], "--on") or clock.today()
        found: RoleAssignment | None = next(
            (
                line.assignment
                for line in open_assignments(account, min(on, clock.today()))
                if line.assignment.role == role and line.assignment.org_id == (org and org.pk)
            ),
            None,
        )
        if found is None:
            raise CommandError(_("%(username)s không giữ vai trò này ở đó.") % options)
        services.role_end(actor=actor, assignment=found, on=on)
        return _("Đã ghi: %(username)s thôi giữ vai trò từ ngày %(date)s.") % {
            "username": account.get_username(),
            "date": f"{on:%d/%m/%Y}",
        }

    def _lock(self, actor: User, account: AbstractUser, options: dict[str, Any]) -> str:
        services.account_lock(
            actor=actor, account=account, today=clock.today(), reason=options["reason"]
        )
        return _("Đã khóa tài khoản %(username)s.") % options

    def _unlock(self, actor: User, account: AbstractUser, options: dict[str, Any]) -> str:
        services.account_unlock(actor=actor, account=account)
        return _("Đã mở khóa tài khoản %(username)s.") % options

    def _reset_password(self, actor: User, account: AbstractUser, options: dict[str, Any]) -> str:
        path = services.password_link_issue(actor=actor, account=account, now=clock.now())
        intro = _("Liên kết đặt lại mật khẩu cho %(username)s (dùng một lần, có hạn):") % options
        return f"{intro}\n{_link(path)}"

    def _reset_2fa(self, actor: User, account: AbstractUser, options: dict[str, Any]) -> str:
        token = services.two_factor_reset(actor=actor, account=account, now=clock.now())
        return self._enrolment(account, token)

    def _enrol_2fa(self, actor: User, account: AbstractUser, options: dict[str, Any]) -> str:
        token = two_factor_link_issue(actor=actor, user=account, now=clock.now())
        return self._enrolment(account, token)

    def _enrolment(self, account: AbstractUser, token: str) -> str:
        hours = settings.TWO_FACTOR_ENROLMENT_HOURS
        intro = _(
            "Liên kết đăng ký xác thực hai lớp cho %(username)s (dùng một lần, trong %(hours)s "
            "giờ; mở sau khi đăng nhập bằng tài khoản này):"
        ) % {"username": account.get_username(), "hours": hours}
        return f"{intro}\n{_link(reverse('accounts:two_factor_enrol', args=[token]))}"
