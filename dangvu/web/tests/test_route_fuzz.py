"""Every route, for every role, sent hostile path parameters, query strings, form values
and files: no answer may be a 5xx, and nothing may log an error. The test client records
exceptions instead of raising them, so a failure names the route, the role and the input.

Examples per route and role: FUZZ_EXAMPLES (default 6; a role the entrance turns away gets
2). With CI set, each route and role has its own fixed seed, so a failure reproduces."""

import logging
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from dangvu.documents.render import DOCUMENTS
from dangvu.imports.org_views import OrgUploadForm
from dangvu.imports.views import ReconcileForm, UploadForm
from dangvu.members import lifecycle_forms as lf
from dangvu.members.forms import MemberForm
from dangvu.members.lifecycle_views import ADMISSION_ACTIONS, MEMBER_ACTIONS
from dangvu.organizations.forms import STRUCTURE_FORMS
from dangvu.web.tests import hostile
from dangvu.web.tests.conftest import ROLES, World
from dangvu.web.tests.test_route_access import POST_ROUTES
from dangvu.web.tests.test_route_writes import FORM_ROUTES

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


def _templates(patterns: list[Any], prefix: str = "", ns: str = "") -> Iterator[tuple[str, str]]:
    """(name, path template) of every named route, e.g. ("members:detail",
    "/app/members/<int:pk>/")."""
    for item in patterns:
        if isinstance(item, URLResolver):
            inner = f"{ns}{item.namespace}:" if item.namespace else ns
            yield from _templates(item.url_patterns, prefix + str(item.pattern), inner)
        elif isinstance(item, URLPattern) and item.name:
            yield f"{ns}{item.name}", "/" + prefix + str(item.pattern)


TEMPLATES = dict(_templates(get_resolver().url_patterns))
_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _form_fields() -> dict[str, forms.Field]:
    """Every field of every form the views use (by name; the first one met wins): the data
    posted to each route holds some of them, so each view's form finds its own."""
    found: dict[str, forms.Field] = {}
    pending: list[type] = [forms.BaseForm]
    while pending:
        form_class = pending.pop()
        pending.extend(form_class.__subclasses__())
        module = form_class.__module__
        if (module.startswith("dangvu.") and ".tests" not in module) or form_class in (
            auth_forms.AuthenticationForm,
            auth_forms.PasswordChangeForm,
            auth_forms.PasswordResetForm,
            auth_forms.SetPasswordForm,
        ):
            for name, form_field in getattr(form_class, "base_fields", {}).items():
                found.setdefault(name, form_field)
    return found


FIELDS = _form_fields()
# The form each POST route (or each of its actions) reads.
ROUTE_FORMS: dict[str, type[forms.BaseForm]] = {
    "members:edit": MemberForm,
    "members:admission_new": lf.NewAdmissionForm,
    "imports:upload": UploadForm,
    "imports:reconcile": ReconcileForm,
    "imports:org_upload": OrgUploadForm,
    "web:login": auth_forms.AuthenticationForm,
    "accounts:password_change": auth_forms.PasswordChangeForm,
}
ACTION_FORMS: dict[str, dict[str, type[forms.BaseForm]]] = {
    "members:action": {name: form for name, (form, _perform) in MEMBER_ACTIONS.items()},
    "members:admission_action": {
        name: form or lf.AdmissionCaseForm for name, (form, _perform) in ADMISSION_ACTIONS.items()
    },
    "orgs:action": dict(STRUCTURE_FORMS),
}
# Keys the views read without a form: the picker's field name, the import's column
# mapping, the reconciliation's choices, the login's next page.
EXTRA_KEYS = ["field", "col-0", "col-1", "col-99999999999999999999", "apply", "all", "next"]
QUERY_KEYS = ["as_of", "occasion", "page", "q", "org", "status", "gender", "age_band",
              "field", "purpose", "next", "hometown_province", "birthplace_province"]  # fmt: skip


def _field_strategy(name: str, form_field: forms.Field, world: World) -> st.SearchStrategy[Any]:
    if isinstance(form_field, forms.FileField):
        return hostile.files
    if isinstance(form_field, forms.DateField):
        return hostile.dates
    if isinstance(form_field, forms.ModelChoiceField):
        return hostile.one_of_or_hostile([1, 2, 79], hostile.ids)
    if isinstance(form_field, forms.ChoiceField):
        return hostile.choices_of([value for value, _label in form_field.choices])  # type: ignore[union-attr, misc]
    if isinstance(form_field, forms.IntegerField | forms.BooleanField):
        valid = [world.inside.version, 0, 1] if name == "version" else [0, 1, 5]
        return hostile.one_of_or_hostile(valid, hostile.ids)
    if name.startswith("introducer") or name == "member":
        return hostile.one_of_or_hostile([world.inside.pk, world.outside.pk], hostile.ids)
    if name in ("org", "cell", "to_cell", "parent", "into"):
        return hostile.one_of_or_hostile(["CSA-1", "CSA-2", "CSX", "DBK"], hostile.texts)
    return hostile.texts


def _query_strategy(key: str) -> st.SearchStrategy[str]:
    if key in ("as_of", "occasion"):
        return hostile.dates
    if key in ("page", "hometown_province", "birthplace_province"):
        return hostile.ids
    if key == "field":
        return hostile.choices_of(["q", "hometown_province", "birthplace_province", "as_of"])
    if key == "purpose":
        return hostile.choices_of(["view", "cell", "org", "members"])
    return hostile.texts


def _path_strategy(route: str, name: str, world: World) -> st.SearchStrategy[str]:
    valid = [kwargs[name] for kwargs in world.args.get(route, ()) if name in kwargs]
    if name == "action":
        actions = {
            "members:action": sorted(MEMBER_ACTIONS),
            "members:admission_action": sorted(ADMISSION_ACTIONS),
            "orgs:action": sorted(STRUCTURE_FORMS),
        }[route]
        return st.one_of(st.sampled_from(actions), hostile.texts)
    if name == "fmt":
        return hostile.choices_of(["xlsx", "csv", "pdf", "XLSX", "docx"])
    if name == "name":
        return hostile.choices_of([*DOCUMENTS, *valid])
    if name == "pk":
        return hostile.one_of_or_hostile(valid, hostile.ids)
    return hostile.one_of_or_hostile(valid, hostile.texts)


def _data(route: str, action: str | None, world: World) -> st.SearchStrategy[dict[str, Any]]:
    """The fields of the route's form (of its action's), each always sent, ordinary or
    hostile; for a route whose form is not known here, any of all the forms' fields."""
    form_class = ROUTE_FORMS.get(route) or ACTION_FORMS.get(route, {}).get(action or "")
    if form_class is None:
        optional = {name: _field_strategy(name, f, world) for name, f in FIELDS.items()}
        optional.update({key: hostile.texts for key in EXTRA_KEYS})
        return st.fixed_dictionaries({}, optional=optional)
    fields = form_class.base_fields.items()  # type: ignore[attr-defined]
    return st.fixed_dictionaries({name: _field_strategy(name, f, world) for name, f in fields})


@dataclass
class Sent:
    """One hostile request, as the failure report shows it."""

    method: str
    path: str
    query: dict[str, str]
    data: dict[str, Any]

    def url(self) -> str:
        return f"{self.path}?{urlencode(self.query)}" if self.query else self.path


def _requests(route: str, world: World) -> st.SearchStrategy[Sent]:
    template = TEMPLATES[route]
    names = [match["name"] for match in _PARAMETER.finditer(template)]

    @st.composite
    def build(draw: st.DrawFn) -> Sent:
        values = {name: draw(_path_strategy(route, name, world)) for name in names}
        path = _PARAMETER.sub(lambda m: quote(values[m["name"]], safe=""), template)
        methods = ["POST"] if route in POST_ROUTES else ["GET", "POST"]
        if route in FORM_ROUTES:
            methods = ["GET", "POST", "POST"]
        queries = {key: _query_strategy(key) for key in QUERY_KEYS}
        query = draw(st.fixed_dictionaries({}, optional=queries))
        method = draw(st.sampled_from(methods))
        data: dict[str, Any] = {}
        if method == "POST":
            data = draw(_data(route, values.get("action"), world))
        return Sent(method, path, query, data)

    return build()


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
        import sys
        import traceback

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
    """Whether the entrance refuses ROLE whatever the input (login page or 403)."""
    kwargs = world.args.get(route, ({},))[0]
    path = _PARAMETER.sub(lambda m: quote(str(kwargs.get(m["name"], "x")), safe=""),
                          TEMPLATES[route])  # fmt: skip
    call = client.post if route in POST_ROUTES else client.get
    response = call(path)
    return response.status_code == 403 or (
        response.status_code == 302 and "/login/" in response.get("Location", "")
    )


def _fuzz(world: World, route: str, role: str, trouble: Trouble) -> None:
    """Send ROLE's hostile requests to ROUTE; fail on the first error, with its input."""
    client = _client(role)
    examples = TURNED_AWAY_EXAMPLES if _turned_away(client, route, world) else EXAMPLES

    @settings(FUZZ, max_examples=examples)
    @given(sent=_requests(route, world))
    def answers_without_error(sent: Sent) -> None:
        trouble.records.clear()
        if role != "anonymous" and not client.session.get("_auth_user_id"):
            client.force_login(User.objects.get(username=role))  # after a logout
        response = _send(client, sent)
        assert response.status_code < 500 and not trouble.records, (
            f"{route} as {role}: {sent.method} {sent.url()[:300]} "
            f"data={str(sent.data)[:600]} → {response.status_code}\n" + "\n".join(trouble.records)
        )

    if CI:
        answers_without_error = seed(zlib.crc32(f"{route} {role}".encode()))(answers_without_error)
    answers_without_error()


def test_every_id_in_a_path_is_bounded() -> None:
    """`<int:pk>` lets 2^64 through to the database; ids use `<id:pk>` (common.ids)."""
    assert [name for name, path in TEMPLATES.items() if "<int:" in path] == []


@pytest.mark.parametrize("route", sorted(TEMPLATES))
def test_no_route_answers_an_error_whatever_it_is_sent(
    world: World, route: str, trouble: Trouble
) -> None:
    for role in ROLES:
        _fuzz(world, route, role, trouble)
