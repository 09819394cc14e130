"""Failed logins lock out per user name across addresses, and per address across user
names (a password sprayed over many accounts), each with its own limit."""

import pytest
from axes.utils import reset
from django.contrib.auth.models import User
from django.test import Client, override_settings

from conftest import MakeUser, Tree
from dangvu.organizations.roles import Role

PASSWORD = "mat-khau-dai-123"
LIMITS = {"AXES_ENABLED": True, "AXES_FAILURE_LIMIT": 3, "AXES_ADDRESS_FAILURE_LIMIT": 6}


@pytest.fixture
def secretary(tree: Tree, make_user: MakeUser) -> User:
    reset()
    return make_user("bithu", Role.SECRETARY, tree.grassroots_a)


def _login(username: str, password: str, address: str, forwarded: str = "") -> int:
    client = Client(REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=forwarded)
    response = client.post("/app/login/", {"username": username, "password": password})
    return response.status_code


@override_settings(**LIMITS)
def test_failures_for_one_user_name_from_many_addresses_lock_it(secretary: User) -> None:
    statuses = [_login("bithu", "sai-mat-khau", f"10.0.0.{n}") for n in range(1, 4)]

    assert statuses == [200, 200, 429]
    assert _login("bithu", PASSWORD, "10.0.0.99") == 429


@override_settings(**LIMITS)
def test_one_password_sprayed_over_many_user_names_locks_the_address(secretary: User) -> None:
    statuses = [_login(f"nguoi{n}", "Matkhau@2026", "10.0.0.7") for n in range(6)]

    assert statuses == [200] * 5 + [429]
    assert _login("bithu", PASSWORD, "10.0.0.7") == 429
    assert _login("bithu", PASSWORD, "10.0.0.8") == 302  # the account itself is not locked


@override_settings(**LIMITS)
def test_a_success_clears_its_own_failures_not_the_addresses(
    secretary: User, make_user: MakeUser, tree: Tree
) -> None:
    make_user("mallory", Role.SECRETARY, tree.grassroots_b)
    assert [_login(f"nguoi{n}", "sai", "10.0.0.7") for n in range(4)] == [200] * 4
    assert [_login("mallory", "sai", "10.0.0.7")] == [200]

    assert _login("mallory", PASSWORD, "10.0.0.7") == 302
    assert _login("nguoi9", "sai", "10.0.0.7") == 200
    assert _login("nguoi10", "sai", "10.0.0.7") == 429


@override_settings(**LIMITS, PROXY_COUNT=1)
def test_behind_a_proxy_the_address_is_the_one_it_forwarded(secretary: User) -> None:
    # Each request forges a different first entry; nginx appends the real address.
    statuses = [
        _login(f"nguoi{n}", "sai", "127.0.0.1", f"192.168.1.{n}, 203.0.113.5") for n in range(6)
    ]

    assert statuses[-1] == 429
    assert _login("bithu", PASSWORD, "127.0.0.1", "203.0.113.6") == 302
