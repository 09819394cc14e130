"""Writes to accounts: creating one, giving and ending roles, a password link, the second
factor's reset, locking and unlocking. Each checks that the actor holds the whole system's
settings (an administrator, or the console), validates, saves and audits in one
transaction; none lets an administrator lock themselves out or remove the last active
administrator.

An account's full name (họ và tên) is kept whole in `first_name`, so that Django's
`get_full_name()` reads in the Vietnamese order; lists sort it by the given name
(`common.text.person_sort_key`)."""

import datetime as dt
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AbstractUser
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangvu.accounts.lockout import lockout_clear
from dangvu.accounts.two_factor import two_factor_link_issue
from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.text import nfc, text_problem
from dangvu.members.models import Member
from dangvu.organizations.access import User, require
from dangvu.organizations.models import OrgUnit, RoleAssignment, active_on
from dangvu.organizations.roles import Action, Resource, Role

# A user name people type at the login page: letters without accents, digits, . @ + - _.
USERNAME = re.compile(r"^[A-Za-z0-9.@+_-]{1,150}$")
FULL_NAME_MAX = 150


def _require_admin(actor: User) -> None:
    require(actor, Resource.SETTINGS, Action.CHANGE)


def _admins_on(day: dt.date, *, without: RoleAssignment | None = None) -> QuerySet[AbstractUser]:
    """The accounts that may log in and administer the system on DAY (superusers, and the
    holders of an administrator's role that day), leaving WITHOUT out."""
    grants = RoleAssignment.objects.filter(active_on(day), role=Role.ADMIN)
    if without is not None:
        grants = grants.exclude(pk=without.pk)
    holders = Q(is_superuser=True) | Q(pk__in=grants.values("user_id"))
    return get_user_model().objects.filter(holders, is_active=True)


def _last_admin() -> ValidationError:
    return ValidationError(
        _(
            "Đây là tài khoản quản trị hệ thống cuối cùng còn hoạt động: hãy phân công "
            "người khác làm quản trị hệ thống trước."
        )
    )


def _account_problems(username: str, full_name: str, email: str) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not USERNAME.match(username):
        problems["username"] = _(
            "Tên đăng nhập: từ 1 đến 150 ký tự, gồm chữ không dấu, chữ số và . @ + - _"
        )
    elif get_user_model().objects.filter(username__iexact=username).exists():
        problems["username"] = _("Tên đăng nhập “%(username)s” đã có người dùng.") % {
            "username": username
        }
    if not full_name:
        problems["full_name"] = _("Họ và tên: không được để trống.")
    elif len(full_name) > FULL_NAME_MAX:
        problems["full_name"] = _("Họ và tên: dài tối đa %(max)s ký tự.") % {"max": FULL_NAME_MAX}
    elif problem := text_problem(full_name, _("Họ và tên")):
        problems["full_name"] = problem
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems["email"] = _("Thư điện tử: địa chỉ không hợp lệ, ví dụ ten@coquan.vn.")
    return problems


@transaction.atomic
def account_create(
    *,
    actor: User,
    username: str,
    full_name: str,
    email: str = "",
    member: Member | None = None,
    today: dt.date,
) -> AbstractUser:
    """A new account, without a password until its holder sets one through a link
    (`password_link_issue`). With MEMBER, it is that member's own account from TODAY
    (the member's role, over their record only)."""
    _require_admin(actor)
    username, full_name, email = username.strip(), nfc(full_name), email.strip()
    problems = _account_problems(username, full_name, email)
    if member is not None and (holder := _member_account(member, today)):
        problems["member"] = _("Đảng viên này đã có tài khoản %(username)s.") % {"username": holder}
    if problems:
        raise ValidationError(problems)
    account = get_user_model()(username=username, first_name=full_name, email=email)
    account.set_unusable_password()
    account.save()
    audit_record(actor=actor, action=Event.ACCOUNT_CREATED, obj=account, about=username,
                 data={"username": username, "full_name": full_name, "email": email})  # fmt: skip
    if member is not None:
        role_assign(actor=actor, user=account, role=Role.MEMBER, member=member, valid_from=today)
    return account


def _member_account(member: Member, today: dt.date) -> str | None:
    """The user name of the account that holds MEMBER's own role today, if any."""
    held = RoleAssignment.objects.filter(active_on(today), role=Role.MEMBER, member=member)
    return held.values_list("user__username", flat=True).first()


def _assignment_problems(
    *,
    user: AbstractBaseUser,
    role: str,
    org: OrgUnit | None,
    member: Member | None,
    valid_from: dt.date,
    valid_to: dt.date | None,
) -> dict[str, str]:
    if role not in Role.values:
        return {"role": _("Vai trò: hãy chọn một vai trò trong danh sách.")}
    if role == Role.MEMBER and member is None:
        return {"member": _("Vai trò đảng viên cần chọn hồ sơ đảng viên.")}
    if role == Role.ADMIN and org is not None:
        return {"org": _("Quản trị hệ thống có quyền trên toàn hệ thống: để trống tổ chức.")}
    if role not in (Role.ADMIN, Role.MEMBER) and org is None:
        return {"org": _("Vai trò này cần chọn tổ chức.")}
    if valid_to is not None and valid_to <= valid_from:
        return {"valid_to": _("Đến trước ngày: phải sau ngày bắt đầu %(date)s.")
                % {"date": f"{valid_from:%d/%m/%Y}"}}  # fmt: skip
    same = RoleAssignment.objects.filter(user_id=user.pk, role=role, org=org, member=member)
    overlapping = same.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=valid_from))
    if valid_to is not None:
        overlapping = overlapping.filter(valid_from__lt=valid_to)
    if overlapping.exists():
        return {"role": _("Tài khoản đã giữ vai trò này ở đây trong thời gian đó.")}
    return {}


@transaction.atomic
def role_assign(
    *,
    actor: User,
    user: AbstractBaseUser,
    role: str,
    valid_from: dt.date,
    org: OrgUnit | None = None,
    member: Member | None = None,
    valid_to: dt.date | None = None,
) -> RoleAssignment:
    """Give USER ROLE over ORG's subtree (or, for a member, over their own record) from
    VALID_FROM, until the day before VALID_TO. Only those who hold the settings of ORG's
    subtree (of the whole tree, for an administrator or a member's own record) may give it."""
    require(actor, Resource.SETTINGS, Action.CHANGE, org=org, on=valid_from)
    problems = _assignment_problems(user=user, role=role, org=org, member=member,
                                    valid_from=valid_from, valid_to=valid_to)  # fmt: skip
    if problems:
        raise ValidationError(problems)
    assignment = RoleAssignment(
        user_id=user.pk, role=role, org=org, member=member, valid_from=valid_from, valid_to=valid_to
    )
    assignment.full_clean()
    assignment.save()
    audit_record(
        actor=actor,
        action=Event.ROLE_ASSIGNED,
        obj=assignment,
        about=f"{user.get_username()}: {Role(role).label}",
        org=org,
        data={"user": user.get_username(), "role": role, "org": org.code if org else None,
              "member": member, "valid_from": valid_from, "valid_to": valid_to},
    )  # fmt: skip
    return assignment


@transaction.atomic
def role_end(*, actor: User, assignment: RoleAssignment, on: dt.date) -> RoleAssignment:
    """End ASSIGNMENT on ON: its holder no longer has the role from that day. Those who
    may give the role may end it; an administrator's own role and the last one are kept."""
    require(actor, Resource.SETTINGS, Action.CHANGE, org=assignment.org, on=on)
    assignment = (
        RoleAssignment.objects.select_for_update().select_related("user").get(pk=assignment.pk)
    )
    if assignment.valid_to is not None and assignment.valid_to <= on:
        message = _("Vai trò này đã kết thúc từ ngày %(date)s.")
        raise ValidationError({"on": message % {"date": f"{assignment.valid_to:%d/%m/%Y}"}})
    if on <= assignment.valid_from:
        message = _("Ngày thôi giữ vai trò: phải sau ngày bắt đầu %(date)s.")
        raise ValidationError({"on": message % {"date": f"{assignment.valid_from:%d/%m/%Y}"}})
    if assignment.role == Role.ADMIN:
        if assignment.user_id == getattr(actor, "pk", None):
            raise ValidationError(
                _("Không thể tự thôi vai trò quản trị hệ thống của mình; hãy nhờ người khác.")
            )
        if not _admins_on(on, without=assignment).exists():
            raise _last_admin()
    assignment.valid_to = on
    assignment.full_clean()
    assignment.save(update_fields=["valid_to"])
    user = assignment.user
    audit_record(
        actor=actor,
        action=Event.ROLE_ENDED,
        obj=assignment,
        about=f"{user.get_username()}: {Role(assignment.role).label}",
        org=assignment.org,
        data={"user": user.get_username(), "role": assignment.role,
              "org": assignment.org.code if assignment.org else None,
              "member": assignment.member, "on": on},
    )  # fmt: skip
    return assignment


def _for_update(account: AbstractBaseUser) -> AbstractUser:
    return get_user_model().objects.select_for_update().get(pk=account.pk)


def _locked(account: AbstractUser) -> ValidationError:
    message = _("Tài khoản %(username)s đang bị khóa: hãy mở khóa trước.")
    return ValidationError(message % {"username": account.get_username()})


@transaction.atomic
def password_link_issue(*, actor: User, account: AbstractBaseUser, now: dt.datetime) -> str:
    """The path of a link at which ACCOUNT's holder sets a new password: it works once (a
    new password voids it) and for PASSWORD_RESET_TIMEOUT seconds; the console or the page
    shows it to the administrator, who hands it over."""
    _require_admin(actor)
    account = _for_update(account)
    if not account.is_active:
        raise _locked(account)
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    token = default_token_generator.make_token(account)
    expires_at = now + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    audit_record(actor=actor, action=Event.PASSWORD_LINK_ISSUED, obj=account,
                 data={"username": account.get_username(), "expires_at": expires_at})  # fmt: skip
    return reverse("accounts:password_reset_confirm", args=[uid, token])


@transaction.atomic
def two_factor_reset(*, actor: User, account: AbstractBaseUser, now: dt.datetime) -> str:
    """Remove ACCOUNT's authenticators (a lost or replaced telephone) and issue a new
    enrolment link (`two_factor_link_issue`), whose token is returned. An administrator
    does not reset their own: their session would lose its second factor."""
    _require_admin(actor)
    account = _for_update(account)
    if account.pk == getattr(actor, "pk", None):
        raise ValidationError(
            _("Không thể tự gỡ xác thực hai lớp của mình; hãy nhờ quản trị hệ thống khác.")
        )
    if not account.is_active:
        raise _locked(account)
    devices = TOTPDevice.objects.filter(user_id=account.pk)
    removed = devices.count()
    devices.delete()
    audit_record(actor=actor, action=Event.TWO_FACTOR_RESET, obj=account,
                 data={"username": account.get_username(), "devices": removed})  # fmt: skip
    return two_factor_link_issue(actor=actor, user=account, now=now)


@transaction.atomic
def account_lock(
    *, actor: User, account: AbstractBaseUser, today: dt.date, reason: str = ""
) -> None:
    """Lock ACCOUNT: it can no longer log in, and its open sessions end at their next
    request (Django refuses an inactive user). Not one's own, nor the last administrator."""
    _require_admin(actor)
    account = _for_update(account)
    if not account.is_active:
        raise ValidationError(_("Tài khoản %(username)s đã bị khóa.")
                              % {"username": account.get_username()})  # fmt: skip
    if account.pk == getattr(actor, "pk", None):
        raise ValidationError(_("Không thể tự khóa tài khoản của mình."))
    admins = _admins_on(today)
    if admins.filter(pk=account.pk).exists() and not admins.exclude(pk=account.pk).exists():
        raise _last_admin()
    reason = nfc(reason)
    if problem := text_problem(reason, _("Lý do")):
        raise ValidationError({"reason": problem})
    account.is_active = False
    account.save(update_fields=["is_active"])
    audit_record(actor=actor, action=Event.ACCOUNT_LOCKED, obj=account, reason=reason,
                 data={"username": account.get_username()})  # fmt: skip


@transaction.atomic
def account_unlock(*, actor: User, account: AbstractBaseUser) -> None:
    """Unlock ACCOUNT: it may log in again, and its failed logins are forgotten, which
    also ends a lockout django-axes put on its user name."""
    _require_admin(actor)
    account = _for_update(account)
    username = account.get_username()
    failures = lockout_clear(username)
    if account.is_active and not failures:
        raise ValidationError(_("Tài khoản %(username)s không bị khóa.") % {"username": username})
    account.is_active = True
    account.save(update_fields=["is_active"])
    audit_record(actor=actor, action=Event.ACCOUNT_UNLOCKED, obj=account,
                 data={"username": username, "attempts": failures})  # fmt: skip
