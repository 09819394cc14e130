import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import MakeUser, Tree
from dangvu.organizations.roles import Role

PASSWORD = "mat-khau-dai-123"


@pytest.fixture
def secretary(tree: Tree, make_user: MakeUser) -> User:
    user = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    user.email = "bithu@example.vn"
    user.save()
    return user


def _login(client: Client, password: str) -> int:
    return client.post("/app/login/", {"username": "bithu", "password": password}).status_code


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_out(client: Client, secretary: User) -> None:
    from axes.utils import reset

    reset()
    assert [_login(client, "sai-mat-khau") for _ in range(2)] == [200, 200]

    assert _login(client, "sai-mat-khau") == 429
    assert _login(client, PASSWORD) == 429  # even the right password, until the cool-off
    assert (
        "tạm bị khóa"
        in client.post("/app/login/", {"username": "bithu", "password": PASSWORD}).content.decode()
    )


def test_passwords_are_hashed_with_argon2_outside_tests() -> None:
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert Argon2PasswordHasher().encode("mat-khau", "muoimotkytu").startswith("argon2$")


@override_settings(REQUIRE_2FA=True)
def test_staff_must_enter_a_totp_code_before_anything_else(client: Client, secretary: User) -> None:
    device = TOTPDevice.objects.create(user=secretary, name="dangvu", confirmed=True)
    client.force_login(secretary)

    response = client.get("/app/members/")
    assert response.status_code == 302
    assert response["Location"].startswith("/app/account/2fa/")
    page = client.get(response["Location"]).content.decode()
    assert "data-secret" not in page  # a confirmed device's secret is never shown again

    wrong = client.post("/app/account/2fa/?next=/app/members/", {"token": "000000"})
    assert "Mã không đúng" in wrong.content.decode()
    # django-otp slows down guessing after a failure; a real user would wait a second.
    device.throttle_reset()
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    done = client.post("/app/account/2fa/?next=/app/members/", {"token": token})

    assert done.status_code == 302 and done["Location"] == "/app/members/"
    assert client.get("/app/members/").status_code == 200


@override_settings(REQUIRE_2FA=True)
def test_members_are_not_asked_for_a_second_factor(
    client: Client, tree: Tree, make_user: MakeUser, add_member: object
) -> None:
    own = add_member(tree.cell_a1)  # type: ignore[operator]
    client.force_login(make_user("dangvien", Role.MEMBER, member=own))

    assert client.get(f"/app/members/{own.pk}/").status_code == 200


def test_password_reset_sends_a_link_that_sets_a_new_password(
    client: Client, secretary: User
) -> None:
    client.post("/app/account/password/reset/", {"email": "bithu@example.vn"})

    assert len(mail.outbox) == 1
    link = re.search(
        r"http://testserver(/app/account/password/reset/\S+/)", str(mail.outbox[0].body)
    )
    assert link is not None
    form = client.get(link.group(1), follow=True)
    new_password = "Mat-khau-moi-2026!"
    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    secretary.refresh_from_db()
    assert secretary.check_password(new_password)


def test_the_password_policy_refuses_short_passwords(client: Client, secretary: User) -> None:
    client.force_login(secretary)

    response = client.post(
        "/app/account/password/change/",
        {"old_password": PASSWORD, "new_password1": "ngan123", "new_password2": "ngan123"},
    )

    assert response.status_code == 200
    assert "ít nhất 10" in response.content.decode() or "at least 10" in response.content.decode()


def test_a_wrong_password_is_answered_in_plain_vietnamese(client: Client, secretary: User) -> None:
    response = client.post("/app/login/", {"username": secretary.username, "password": "sai"})

    page = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page
    assert "khung thông tin" not in page
