"""The account services: only administrators (and the console) manage accounts; each
write is checked, saved and audited; nobody locks themselves out or removes the last
active administrator."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.accounts import services
from dangvu.accounts.two_factor import two_factor_link_use
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.organizations.access import OPERATOR, OutOfScope
from dangvu.organizations.models import RoleAssignment
from dangvu.organizations.roles import Role

PASSWORD = "mat-khau-dai-123"


@dataclass
class People:
    admin: User
    secretary: User
    board: User
    member: User
    target: User


@pytest.fixture
def people(tree: Tree, make_user: MakeUser, add_member: AddMember) -> People:
    own = add_member(tree.cell_a1, full_name="Lý Văn Tư")
    target = make_user("dich", Role.SECRETARY, tree.grassroots_b)
    return People(
        admin=make_user("quantri", Role.ADMIN),
        secretary=make_user("bithu", Role.SECRETARY, tree.grassroots_a),
        board=make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee),
        member=make_user("dangvien", Role.MEMBER, member=own),
        target=target,
    )


def _secretary_role(user: User) -> RoleAssignment:
    return RoleAssignment.objects.get(user=user, role=Role.SECRETARY)


# Each service, called by ACTOR on the target account (the tree's second TCCSĐ's secretary).
CALLS: dict[str, Callable[[Any, People, Tree], object]] = {
    "create": lambda actor, p, t: services.account_create(
        actor=actor, username="moi", full_name="Phạm Thị Mới", today=TODAY),
    "assign": lambda actor, p, t: services.role_assign(
        actor=actor, user=p.target, role=Role.SECRETARY, org=t.cell_a2, valid_from=TODAY),
    "end_role": lambda actor, p, t: services.role_end(
        actor=actor, assignment=_secretary_role(p.target), on=TODAY),
    "password": lambda actor, p, t: services.password_link_issue(
        actor=actor, account=p.target, now=timezone.now()),
    "two_factor": lambda actor, p, t: services.two_factor_reset(
        actor=actor, account=p.target, now=timezone.now()),
    "lock": lambda actor, p, t: services.account_lock(
        actor=actor, account=p.target, today=TODAY, reason="Nghỉ hưu"),
}  # fmt: skip
EVENTS = {
    "create": Event.ACCOUNT_CREATED,
    "assign": Event.ROLE_ASSIGNED,
    "end_role": Event.ROLE_ENDED,
    "password": Event.PASSWORD_LINK_ISSUED,
    "two_factor": Event.TWO_FACTOR_RESET,
    "lock": Event.ACCOUNT_LOCKED,
}


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("actor", ["secretary", "board", "member"])
def test_only_administrators_manage_accounts(
    people: People, tree: Tree, call: str, actor: str
) -> None:
    entries = AuditEntry.objects.count()

    with pytest.raises(OutOfScope):
        CALLS[call](getattr(people, actor), people, tree)

    assert AuditEntry.objects.count() == entries
    assert User.objects.get(pk=people.target.pk).is_active
    assert not User.objects.filter(username="moi").exists()


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("actor", ["admin", "operator"])
def test_an_administrator_and_the_console_manage_accounts_and_each_write_is_audited(
    people: People, tree: Tree, call: str, actor: str
) -> None:
    who = people.admin if actor == "admin" else OPERATOR

    CALLS[call](who, people, tree)

    entry = AuditEntry.objects.filter(action=EVENTS[call]).latest("pk")
    assert entry.actor_id == (people.admin.pk if actor == "admin" else None)


def test_an_account_is_created_without_a_password_with_its_full_name_whole(people: People) -> None:
    account = services.account_create(actor=people.admin, username="nguyenvanan",
                                      full_name="  Nguyễn  Văn An ", email="an@so.vn",
                                      today=TODAY)  # fmt: skip

    assert account.get_full_name() == "Nguyễn Văn An"
    assert not account.has_usable_password() and account.is_active
    entry = AuditEntry.objects.get(action=Event.ACCOUNT_CREATED)
    assert entry.object_id == account.pk
    assert entry.data == {"username": "nguyenvanan", "full_name": "Nguyễn Văn An",
                          "email": "an@so.vn"}  # fmt: skip


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"username": "BITHU"}, "username", "Tên đăng nhập “BITHU” đã có người dùng."),
        ({"username": "nguyễn an"}, "username", "Tên đăng nhập: từ 1 đến 150 ký tự"),
        ({"username": ""}, "username", "Tên đăng nhập: từ 1 đến 150 ký tự"),
        ({"full_name": "  "}, "full_name", "Họ và tên: không được để trống."),
        ({"full_name": "An\u202e"}, "full_name", "Họ và tên chứa ký tự ẩn"),
        ({"email": "an@"}, "email", "Thư điện tử: địa chỉ không hợp lệ"),
    ],
)
def test_an_account_with_a_bad_value_is_refused_naming_the_field(
    people: People, values: dict[str, str], field: str, message: str
) -> None:
    given = {"username": "moi", "full_name": "Phạm Thị Mới", "email": ""} | values

    with pytest.raises(ValidationError) as refused:
        services.account_create(actor=people.admin, today=TODAY, username=given["username"],
                                full_name=given["full_name"], email=given["email"])  # fmt: skip

    assert refused.value.message_dict[field][0].startswith(message)
    assert not AuditEntry.objects.filter(action=Event.ACCOUNT_CREATED).exists()


def test_an_account_linked_to_a_member_reads_that_record_and_only_one_account_may(
    people: People, tree: Tree, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a2, full_name="Hà Thị Liên")

    account = services.account_create(
        actor=people.admin, username="lien", full_name="Hà Thị Liên", member=member, today=TODAY
    )

    assignment = RoleAssignment.objects.get(user_id=account.pk)
    assert (assignment.role, assignment.member, assignment.valid_from) == (
        Role.MEMBER, member, TODAY)  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.account_create(actor=people.admin, username="lien2",
                                full_name="Hà Thị Liên", member=member, today=TODAY)  # fmt: skip
    assert refused.value.message_dict["member"] == ["Đảng viên này đã có tài khoản lien."]


@pytest.mark.parametrize(
    ("role", "org", "valid_to", "field", "message"),
    [
        (Role.SECRETARY, "cell_a2", dt.date(2026, 11, 1), "valid_to",
         "Đến trước ngày: phải sau ngày bắt đầu 26/11/2026."),
        (Role.SECRETARY, "grassroots_b", None, "role",
         "Tài khoản đã giữ vai trò này ở đây trong thời gian đó."),
        (Role.ADMIN, "committee", None, "org",
         "Quản trị hệ thống có quyền trên toàn hệ thống: để trống tổ chức."),
        (Role.OFFICE, None, None, "org", "Vai trò này cần chọn tổ chức."),
    ],
)  # fmt: skip
def test_a_role_that_does_not_fit_is_refused_naming_the_field(
    people: People, tree: Tree, role: str, org: str | None, valid_to: dt.date | None,
    field: str, message: str,
) -> None:  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.role_assign(actor=people.admin, user=people.target, role=role,
                             org=getattr(tree, org) if org else None, valid_from=TODAY,
                             valid_to=valid_to)  # fmt: skip

    assert refused.value.message_dict[field] == [message]


def test_a_role_ended_stops_on_its_end_date(people: People) -> None:
    assignment = _secretary_role(people.target)

    services.role_end(actor=people.admin, assignment=assignment, on=TODAY)

    assignment.refresh_from_db()
    assert assignment.valid_to == TODAY
    entry = AuditEntry.objects.get(action=Event.ROLE_ENDED)
    assert (entry.data["on"], entry.data["org"], entry.actor_id) == (
        "2026-11-26", "CSB", people.admin.pk)  # fmt: skip
    with pytest.raises(ValidationError, match="đã kết thúc từ ngày 26/11/2026"):
        services.role_end(actor=people.admin, assignment=assignment, on=TODAY)
    with pytest.raises(ValidationError, match="phải sau ngày bắt đầu 01/01/2020"):
        services.role_end(actor=people.admin, assignment=_secretary_role(people.secretary),
                          on=dt.date(2020, 1, 1))  # fmt: skip


def _admin_role(user: User) -> RoleAssignment:
    return RoleAssignment.objects.get(user=user, role=Role.ADMIN)


def test_an_administrator_cannot_lock_themselves_or_end_their_own_role(people: People) -> None:
    with pytest.raises(ValidationError, match="Không thể tự khóa tài khoản của mình"):
        services.account_lock(actor=people.admin, account=people.admin, today=TODAY)
    with pytest.raises(ValidationError, match="Không thể tự thôi vai trò quản trị"):
        services.role_end(actor=people.admin, assignment=_admin_role(people.admin), on=TODAY)
    with pytest.raises(ValidationError, match="Không thể tự gỡ xác thực hai lớp"):
        services.two_factor_reset(actor=people.admin, account=people.admin, now=timezone.now())

    assert User.objects.get(pk=people.admin.pk).is_active
    assert _admin_role(people.admin).valid_to is None


def test_the_last_active_administrator_is_kept(people: People, make_user: MakeUser) -> None:
    last = "tài khoản quản trị hệ thống cuối cùng còn hoạt động"
    with pytest.raises(ValidationError, match=last):
        services.account_lock(actor=OPERATOR, account=people.admin, today=TODAY)
    with pytest.raises(ValidationError, match=last):
        services.role_end(actor=OPERATOR, assignment=_admin_role(people.admin), on=TODAY)

    second = make_user("quantri2", Role.ADMIN)
    services.account_lock(actor=second, account=people.admin, today=TODAY)

    # The first one locked, the second is now the last.
    with pytest.raises(ValidationError, match=last):
        services.role_end(actor=OPERATOR, assignment=_admin_role(second), on=TODAY)
    assert not User.objects.get(pk=people.admin.pk).is_active


def test_an_administrator_role_ends_when_another_remains_on_that_day(
    people: People, make_user: MakeUser
) -> None:
    second = make_user("quantri2", Role.ADMIN)
    services.role_end(actor=OPERATOR, assignment=_admin_role(second),
                      on=dt.date(2026, 12, 1))  # fmt: skip

    with pytest.raises(ValidationError, match="cuối cùng"):
        services.role_end(actor=OPERATOR, assignment=_admin_role(people.admin),
                          on=dt.date(2027, 1, 1))  # fmt: skip
    assert _admin_role(second).valid_to == dt.date(2026, 12, 1)


def test_a_password_link_sets_a_new_password_once(people: People) -> None:
    path = services.password_link_issue(actor=people.admin, account=people.target,
                                        now=timezone.now())  # fmt: skip
    client = Client()
    form = client.get(path)["Location"]
    new = {"new_password1": "Mat-khau-moi-2026!", "new_password2": "Mat-khau-moi-2026!"}

    assert client.post(form, new)["Location"] == "/app/account/password/reset/done/"
    assert Client().login(username="dich", password="Mat-khau-moi-2026!")
    again = Client().get(path, follow=True).content.decode()
    assert "new_password1" not in again
    assert AuditEntry.objects.filter(action=Event.PASSWORD_LINK_ISSUED,
                                     object_id=people.target.pk).exists()  # fmt: skip


def test_a_second_factor_reset_removes_the_authenticators_and_issues_a_working_link(
    people: People,
) -> None:
    TOTPDevice.objects.create(user=people.target, name="dangvu", confirmed=True)

    token = services.two_factor_reset(actor=people.admin, account=people.target,
                                      now=timezone.now())  # fmt: skip

    assert not TOTPDevice.objects.filter(user=people.target, confirmed=True).exists()
    entry = AuditEntry.objects.get(action=Event.TWO_FACTOR_RESET)
    assert entry.data == {"username": "dich", "devices": 1}
    device = two_factor_link_use(user=people.target, token=token, now=timezone.now())
    assert device.user_id == people.target.pk and not device.confirmed


def test_a_locked_account_cannot_log_in_and_its_session_ends(people: People) -> None:
    session = Client()
    session.force_login(people.target)

    services.account_lock(actor=people.admin, account=people.target, today=TODAY,
                          reason="Chuyển công tác")  # fmt: skip

    assert not Client().login(username="dich", password=PASSWORD)
    assert session.get("/app/")["Location"].startswith("/app/login/")
    entry = AuditEntry.objects.get(action=Event.ACCOUNT_LOCKED)
    assert (entry.reason, entry.object_id) == ("Chuyển công tác", people.target.pk)
    with pytest.raises(ValidationError, match="Tài khoản dich đang bị khóa"):
        services.password_link_issue(actor=people.admin, account=people.target,
                                     now=timezone.now())  # fmt: skip
    with pytest.raises(ValidationError, match="Tài khoản dich đã bị khóa"):
        services.account_lock(actor=people.admin, account=people.target, today=TODAY)


def test_unlocking_lets_the_account_log_in_and_forgets_its_failed_logins(people: People) -> None:
    from axes.models import AccessAttempt

    services.account_lock(actor=people.admin, account=people.target, today=TODAY)
    AccessAttempt.objects.create(username="dich", ip_address="10.0.0.1", user_agent="x",
                                 failures_since_start=5, attempt_time=timezone.now())  # fmt: skip

    services.account_unlock(actor=people.admin, account=people.target)

    assert Client().login(username="dich", password=PASSWORD)
    assert not AccessAttempt.objects.filter(username="dich").exists()
    entry = AuditEntry.objects.get(action=Event.ACCOUNT_UNLOCKED)
    assert entry.data == {"username": "dich", "attempts": 5}
    with pytest.raises(ValidationError, match="Tài khoản dich không bị khóa"):
        services.account_unlock(actor=people.admin, account=people.target)


def test_unlocking_an_active_account_ends_its_lockout(people: People) -> None:
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(username="dich", ip_address="10.0.0.1", user_agent="x",
                                 failures_since_start=5, attempt_time=timezone.now())  # fmt: skip

    services.account_unlock(actor=people.admin, account=people.target)

    assert not AccessAttempt.objects.exists()
