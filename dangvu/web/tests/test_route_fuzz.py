"""Every route, for every role, sent hostile path parameters, query strings, form values
and files: no answer may be a 5xx, and nothing may log an error. The test client records
exceptions instead of raising them, so a failure names the route, the role and the input.

Two passes per route (the requests are built in `fuzz_requests`): the administrator, who
reaches every view, is sent each edge value (year 1, 2^64, NUL, a bidi override, 10,000
characters …) in each parameter; then every role is sent FUZZ_EXAMPLES hypothesis examples
(default 6; 2 to a role the entrance turns away) that mix ordinary and hostile values. With
CI set, each route and role has its own fixed seed, so a failure reproduces."""

import logging
import os
import sys
import traceback
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.test import Client
from hypothesis import HealthCheck, given, seed, settings

from dangvu.accounts.user_views import ACTIONS as USER_ACTIONS
from dangvu.members.lifecycle_views import ADMISSION_ACTIONS
from dangvu.web.tests.conftest import ROLES, World
from dangvu.web.tests.fuzz_requests import (
    ACTION_FORMS,
    TEMPLATES,
    Sent,
    edges,
    ordinary,
    requests,
)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
TURNED_AWAY_EXAMPLES = 2
CI = bool(os.environ.get("CI"))
# In CI each route and role gets the same examples on every run (a seed of their own, see
# `_fuzz`), so a failure reproduces; elsewhere they vary, and a failure found is kept in
# .hypothesis/ and tried first next time.
FUZZ = settings(
    deadline=None,
    database=None if CI else settings().database,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)


@dataclass
class Trouble:
    """What went wrong while answering: exceptions the handler caught, errors logged."""

    records: list[str] = field(default_factory=list)

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.records.append(f"{record.name}: {record.getMessage()[:500]}")


class _Catch(logging.Handler):
    def __init__(self, trouble: Trouble) -> None:
        super().__init__(level=logging.DEBUG)
        self.trouble = trouble

    def emit(self, record: logging.LogRecord) -> None:
        self.trouble.emit(record)


@pytest.fixture
def trouble() -> Iterator[Trouble]:
    found = Trouble()

    def on_exception(sender: Any, request: Any = None, **kwargs: Any) -> None:
        found.records.append("".join(traceback.format_exception(*sys.exc_info())[-6:]))

    handler = _Catch(found)
    logging.getLogger().addHandler(handler)
    got_request_exception.connect(on_exception, weak=False, dispatch_uid="route-fuzz")
    yield found
    got_request_exception.disconnect(dispatch_uid="route-fuzz")
    logging.getLogger().removeHandler(handler)


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    # A browser sends a file's own name, never a path or an empty one.
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return SimpleUploadedFile(base if base not in ("", ".", "..") else "x", content)


def _send(client: Client, sent: Sent) -> Any:
    if sent.method == "GET":
        return client.get(sent.path, sent.query)
    data = {
        key: _upload(*value) if isinstance(value, tuple) else value
        for key, value in sent.data.items()
    }
    return client.post(sent.url(), data)


def _client(role: str) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


def _turned_away(client: Client, route: str, world: World) -> bool:
    """Whether the entrance refuses the client's role whatever the input (login or 403)."""
    response = _send(client, ordinary(route, world))
    return response.status_code == 403 or (
        response.status_code == 302 and "/login/" in response.get("Location", "")
    )


def _check(client: Client, sent: Sent, route: str, role: str, trouble: Trouble) -> None:
    trouble.records.clear()
    if role != "anonymous" and not client.session.get("_auth_user_id"):
        client.force_login(User.objects.get(username=role))  # after a logout
    response = _send(client, sent)
    assert response.status_code < 500 and not trouble.records, (
        f"{route} as {role}: {sent.method} {sent.url()[:300]} "
        f"data={str(sent.data)[:600]} → {response.status_code}\n" + "\n".join(trouble.records)
    )


def _fuzz(world: World, route: str, role: str, trouble: Trouble) -> None:
    """Send ROLE's hostile requests to ROUTE; fail on the first error, with its input."""
    client = _client(role)
    examples = TURNED_AWAY_EXAMPLES if _turned_away(client, route, world) else EXAMPLES

    @settings(FUZZ, max_examples=examples)
    @given(sent=requests(route, world))
    def answers_without_error(sent: Sent) -> None:
        _check(client, sent, route, role, trouble)

    if CI:
        answers_without_error = seed(zlib.crc32(f"{route} {role}".encode()))(answers_without_error)
    answers_without_error()


def test_every_id_in_a_path_is_bounded() -> None:
    """`<int:pk>` lets 2^64 through to the database; ids use `<id:pk>` (common.ids)."""
    assert [name for name, path in TEMPLATES.items() if "<int:" in path] == []
    assert [name for name, path in TEMPLATES.items() if "<id:" in path]


@pytest.mark.parametrize("route", sorted(TEMPLATES))
def test_no_route_answers_an_error_whatever_it_is_sent(
    world: World, route: str, trouble: Trouble
) -> None:
    admin = _client("admin")  # reaches every view: each edge value in each parameter
    for sent in edges(route, world):
        _check(admin, sent, route, "admin", trouble)
    for role in ROLES:
        _fuzz(world, route, role, trouble)


def test_the_fuzz_knows_the_form_of_every_admission_action() -> None:
    assert set(ACTION_FORMS["members:admission_action"]) == set(ADMISSION_ACTIONS)


def test_the_fuzz_knows_the_form_of_every_action_on_an_account() -> None:
    assert set(ACTION_FORMS["users:action"]) == set(USER_ACTIONS)
