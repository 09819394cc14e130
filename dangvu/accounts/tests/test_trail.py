"""Logins, failed logins, lockouts and password changes and resets are in the audit trail,
with the user name and address; never the password."""

import re

import pytest
from axes.utils import reset
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client, override_settings

from conftest import MakeUser, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.organizations.roles import Role

PASSWORD = "mat-khau-dai-123"


@pytest.fixture
def secretary(tree: Tree, make_user: MakeUser) -> User:
    user = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    user.email = "bithu@example.vn"
    user.save()
    return user


def _entries(event: Event) -> list[tuple[object, ...]]:
    rows = AuditEntry.objects.filter(action=event).order_by("pk")
    return [(e.actor_id, e.object_id, e.data["username"], e.data["address"]) for e in rows]


def test_a_login_and_a_failed_one_are_recorded_with_user_name_and_address(
    client: Client, secretary: User
) -> None:
    client.post("/app/login/", {"username": "bithu", "password": "doan-sai-1"},
                REMOTE_ADDR="10.1.2.3")  # fmt: skip
    client.post("/app/login/", {"username": "khong-co", "password": "doan-sai-2"},
                REMOTE_ADDR="10.1.2.3")  # fmt: skip
    client.post("/app/login/", {"username": "bithu", "password": PASSWORD}, REMOTE_ADDR="10.1.2.4")

    assert _entries(Event.LOGIN_FAILED) == [
        (None, secretary.pk, "bithu", "10.1.2.3"),
        (None, 0, "khong-co", "10.1.2.3"),
    ]
    assert _entries(Event.LOGGED_IN) == [(secretary.pk, secretary.pk, "bithu", "10.1.2.4")]
    trail = str(list(AuditEntry.objects.values()))
    assert "doan-sai" not in trail and PASSWORD not in trail


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=2)
def test_a_lockout_is_recorded(client: Client, secretary: User) -> None:
    reset()
    for _attempt in range(2):
        client.post("/app/login/", {"username": "bithu", "password": "sai"}, REMOTE_ADDR="10.9.9.9")

    assert _entries(Event.LOCKED_OUT) == [(None, secretary.pk, "bithu", "10.9.9.9")]


def test_a_password_change_is_recorded(client: Client, secretary: User) -> None:
    client.force_login(secretary)
    new = "Mat-khau-moi-2026!"

    client.post("/app/account/password/change/",
                {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
                REMOTE_ADDR="10.0.0.2")  # fmt: skip

    assert _entries(Event.PASSWORD_CHANGED) == [(secretary.pk, secretary.pk, "bithu", "10.0.0.2")]


def test_a_password_reset_is_recorded(client: Client, secretary: User) -> None:
    client.post("/app/account/password/reset/", {"email": "bithu@example.vn"})
    link = re.search(
        r"http://testserver(/app/account/password/reset/\S+/)", str(mail.outbox[0].body)
    )
    assert link is not None
    form = client.get(link.group(1), follow=True)
    new = "Mat-khau-moi-2026!"

    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new},
                REMOTE_ADDR="10.0.0.3")  # fmt: skip

    assert _entries(Event.PASSWORD_RESET) == [(secretary.pk, secretary.pk, "bithu", "10.0.0.3")]


def test_second_factor_codes_at_login_are_recorded_right_and_wrong(
    client: Client, secretary: User
) -> None:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=secretary, name="dangvu", confirmed=True)
    client.force_login(secretary)

    client.post("/app/account/2fa/", {"token": "000000"})
    device.refresh_from_db()
    device.throttle_reset()
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    client.post("/app/account/2fa/", {"token": token})

    codes = AuditEntry.objects.filter(object_id=secretary.pk, action__startswith="accounts.two")
    assert list(codes.order_by("pk").values_list("action", "actor_id")) == [
        (Event.TWO_FACTOR_FAILED, secretary.pk),
        (Event.TWO_FACTOR_PASSED, secretary.pk),
    ]
