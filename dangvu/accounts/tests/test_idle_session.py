"""A session ends after SESSION_COOKIE_AGE without a request, and is written at most once a
minute to renew it (so that two requests of one page do not race to save it)."""

import datetime as dt

import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from conftest import MakeUser, Tree
from dangvu.organizations.roles import Role


def _expiry() -> dt.datetime:
    return Session.objects.get().expire_date


def test_requests_renew_the_session_at_most_once_a_minute(
    tree: Tree, make_user: MakeUser, frozen_clock: time_machine.Traveller
) -> None:
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    client = Client()
    client.login(username="tochuc", password="mat-khau-dai-123")
    client.get("/app/")
    first = _expiry()

    frozen_clock.shift(dt.timedelta(seconds=30))
    client.get("/app/orgs/")
    assert _expiry() == first

    frozen_clock.shift(dt.timedelta(seconds=31))
    client.get("/app/orgs/")
    assert _expiry() - first >= dt.timedelta(seconds=61)


def test_a_session_unused_for_the_idle_time_ends(
    tree: Tree, make_user: MakeUser, frozen_clock: time_machine.Traveller
) -> None:
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    client = Client()
    client.login(username="tochuc", password="mat-khau-dai-123")
    assert client.get("/app/").status_code == 200

    frozen_clock.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 120))
    assert client.get("/app/").status_code == 200  # still in time, and renewed
    frozen_clock.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 120))
    assert client.get("/app/").status_code == 200

    frozen_clock.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1))
    assert client.get("/app/").status_code == 302
