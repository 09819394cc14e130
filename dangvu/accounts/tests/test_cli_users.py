"""`dangvu users`: the same account management as the pages, from the server's console;
refusals exit non-zero with a Vietnamese message."""

import io
import json
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import TODAY, MakeUser, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.organizations.models import RoleAssignment
from dangvu.organizations.roles import Role


def users(*args: str) -> str:
    out = io.StringIO()
    call_command("users", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def admin(tree: Tree, make_user: MakeUser) -> User:
    return make_user("quantri", Role.ADMIN)


def test_an_account_is_created_given_a_role_and_listed(tree: Tree, admin: User) -> None:
    created = users("create", "an", "--name", "Nguyễn Văn An", "--email", "an@so.vn")
    assigned = users("assign", "an", "secretary", "--org", "csa", "--from", "01/12/2026")

    listing = json.loads(users("list", "--json"))

    assert "Đã tạo tài khoản an" in created and "reset-password an" in created
    assert "Đã phân công Bí thư, phó bí thư cho an." in assigned
    an = next(row for row in listing if row["username"] == "an")
    assert an == {"username": "an", "full_name": "Nguyễn Văn An", "email": "an@so.vn",
                  "active": True, "roles": []}  # fmt: skip
    assignment = RoleAssignment.objects.get(user__username="an")
    assert (assignment.org, str(assignment.valid_from)) == (tree.grassroots_a, "2026-12-01")
    assert AuditEntry.objects.get(action=Event.ACCOUNT_CREATED).actor_id is None


def test_the_list_shows_todays_roles_sorted_by_given_name(tree: Tree, admin: User) -> None:
    users("create", "binh", "--name", "Trần Thị Bình")
    users("create", "an", "--name", "Vũ Văn An")
    users("assign", "binh", "OFFICE", "--org", "DBK", "--from", "01/01/2025")

    text = users("list")
    listing = json.loads(users("list", "--json"))

    assert [row["username"] for row in listing] == ["an", "binh", "quantri"]
    binh = listing[1]["roles"]
    assert binh == [{"role": "OFFICE", "label": "Văn phòng – Đảng bộ Khối thử nghiệm",
                     "org": "DBK", "valid_from": "2025-01-01", "valid_to": None}]  # fmt: skip
    assert "binh\tTrần Thị Bình\tVăn phòng – Đảng bộ Khối thử nghiệm" in text
    assert text.strip().endswith("3 tài khoản.")


def test_a_role_is_ended_on_a_date(tree: Tree, admin: User, make_user: MakeUser) -> None:
    make_user("bithu", Role.SECRETARY, tree.grassroots_a)

    out = users("end-role", "bithu", "SECRETARY", "--org", "CSA", "--on", "26/11/2026")

    assert "bithu thôi giữ vai trò từ ngày 26/11/2026" in out
    assert RoleAssignment.objects.get(user__username="bithu").valid_to == TODAY


def test_lock_unlock_and_the_links(tree: Tree, admin: User, make_user: MakeUser) -> None:
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    TOTPDevice.objects.create(user=secretary, name="dangvu", confirmed=True)

    reset = users("reset-password", "bithu")
    second = users("reset-2fa", "bithu")
    locked = users("lock", "bithu", "--reason", "Nghỉ hưu")

    path = re.search(r"http://127\.0\.0\.1:8000(/app/account/password/reset/\S+/)", reset)
    assert path is not None and Client().get(path.group(1)).status_code == 302
    assert re.search(r"/app/account/2fa/enrol/\S+/", second)
    assert not TOTPDevice.objects.filter(user=secretary).exists()
    assert "Đã khóa tài khoản bithu." in locked
    assert not User.objects.get(username="bithu").is_active
    assert "Đã mở khóa tài khoản bithu." in users("unlock", "bithu")
    assert User.objects.get(username="bithu").is_active


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lock", "khong-ai"], "Không có người dùng khong-ai."),
        (["lock", "quantri"], "tài khoản quản trị hệ thống cuối cùng"),
        (["unlock", "quantri"], "Tài khoản quantri không bị khóa."),
        (["create", "quantri", "--name", "Ai Đó"], "Tên đăng nhập “quantri” đã có người dùng."),
        (["assign", "quantri", "BOSS", "--from", "01/01/2026"], "Không có vai trò BOSS"),
        (["assign", "quantri", "OFFICE", "--org", "CSA", "--from", "31/02/2026"], "--from"),
        (["assign", "quantri", "OFFICE", "--from", "01/01/2026"], "Vai trò này cần chọn tổ chức."),
        (["end-role", "quantri", "OFFICE", "--org", "CSA", "--on", "01/12/2026"],
         "quantri không giữ vai trò này ở đó."),
        # To a secretary there are no accounts, and no account may be created.
        (["lock", "quantri", "--user", "bithu"], "Không có người dùng quantri."),
        (["create", "moi", "--name", "Ai Đó", "--user", "bithu"],
         "Toàn bộ hệ thống nằm ngoài phạm vi của bạn."),
    ],
)  # fmt: skip
def test_a_refusal_exits_with_a_vietnamese_message(
    tree: Tree, admin: User, make_user: MakeUser, args: list[str], message: str
) -> None:
    make_user("bithu", Role.SECRETARY, tree.grassroots_a)

    with pytest.raises(CommandError, match=re.escape(message)):
        users(*args)
