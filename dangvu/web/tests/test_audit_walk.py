"""No write without its audit entry, and no raw code in the trail. The walk calls every
writing service and posts to every write route, each in the route tests' world (rolled back
after each), records every INSERT, UPDATE and DELETE on the project's tables, and fails if
a transaction that wrote left no `AuditEntry`. It then reads the new entries on the audit
pages and on the member's page, as people would, and fails on a code, a field's name or an
ISO date. A new service or write route without a recipe fails the suite."""

import html
import inspect
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from types import ModuleType
from typing import Any

from django.db import transaction
from django.test import Client
from django.urls import reverse

from conftest import TODAY, AddMember, Tree
from dangvu.common.audit import audit_record
from dangvu.common.audit_display import unlabelled_keys
from dangvu.common.bulk import insert_rows
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.members.models import Exemption, Member
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgUnit
from dangvu.web.tests.conftest import World
from dangvu.web.tests.test_route_writes import WRITE_ROUTES
from dangvu.web.tests.walk_routes import ROUTES, Post
from dangvu.web.tests.walk_services import MODULES, READS, SERVICES, Recipe
from dangvu.web.tests.writes import AUDIT_TABLE, Recorder, Write, project_tables, recording

# Tables written without an entry of their own, and why.
IGNORED = {
    "django_session": "a login's session; the login itself is an entry",
    "axes_accessattempt": "django-axes' count of failed logins; each is an entry",
    "axes_accessattemptexpiration": "django-axes' cool-off of those counts",
    "axes_accessfailurelog": "django-axes' own log of failed logins; each is an entry",
    "axes_accesslog": "django-axes' own log of logins; each is an entry",
    "django_tasks_database_dbtaskresult": "the worker's queue",
}
# A batch's working state: the dry run's progress and results, kept for its page, and the
# signs of its background work (when it last showed life, why it failed). The steps people
# take on a batch (upload, remap, commit, undo) are entries, each asserted by its recipe's
# events.
BATCH_WORKING = frozenset({
    "state", "rows_done", "rows_total", "sheet", "header_row", "mapping", "headers",
    "checked_on", "to_create", "to_update", "skipped", "problems", "problems_total",
    "working_since", "failure", "report", "layout",
})  # fmt: skip
TABLES = project_tables(frozenset(IGNORED))

_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{2,}$")


def _services(module: ModuleType) -> dict[str, Callable[..., Any]]:
    """MODULE's public functions (its `__all__`, or those it defines)."""
    names = getattr(module, "__all__", None) or [
        name for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ == module.__name__
    ]  # fmt: skip
    return {
        name: getattr(module, name)
        for name in names
        if not name.startswith("_") and inspect.isfunction(getattr(module, name))
    }


def test_every_writing_service_has_a_recipe_or_is_declared_a_read() -> None:
    functions = {name: f for module in MODULES for name, f in _services(module).items()}
    walked = {id(recipe.service) for recipe in SERVICES.values()}

    missing = sorted(name for name, f in functions.items() if id(f) not in walked and
                     name not in READS)  # fmt: skip

    assert missing == [], f"services the audit walk does not call: {missing}"
    assert sorted(set(READS) - set(functions)) == []


def test_every_write_route_has_a_recipe() -> None:
    assert sorted(WRITE_ROUTES - set(ROUTES)) == []
    assert sorted(set(ROUTES) - WRITE_ROUTES) == []


def test_every_kind_of_event_is_recorded_by_some_recipe() -> None:
    recipes: list[Recipe | Post] = [*SERVICES.values(), *ROUTES.values()]
    recorded = {event for recipe in recipes for event in recipe.events}

    assert sorted(set(Event) - recorded) == []


def _exempt(write: Write) -> bool:
    return (
        write.table == "imports_importbatch"
        and write.verb == "UPDATE"
        and write.columns <= BATCH_WORKING
    )


def _unaudited(recorder: Recorder) -> list[str]:
    """The transactions that wrote the project's tables and no audit entry, and any
    deletion from the trail."""
    problems = []
    for writes in recorder.transactions():
        if any(w.table == AUDIT_TABLE and w.verb == "DELETE" for w in writes):
            problems.append("deleted from the audit trail")
        audited = any(w.table == AUDIT_TABLE and w.verb == "INSERT" for w in writes)
        unaudited = sorted({f"{w.verb} {w.table}" for w in writes
                            if w.table != AUDIT_TABLE and not _exempt(w)})  # fmt: skip
        if unaudited and not audited:
            problems.append(f"no entry for {unaudited}")
    return problems


def _text(page: str) -> str:
    """What a person reads on PAGE: no tags, no scripts, entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _raw(text: str, entries: list[AuditEntry], org_codes: set[str]) -> list[str]:
    """Codes, field names and ISO dates of ENTRIES that TEXT shows as they are stored."""
    found = [code for code in Event.values if code in text]
    found += _ISO_DATE.findall(text)
    for entry in entries:
        values = [*entry.data.values(), *(v for pair in entry.changes.values() for v in pair)]
        words = {key for key in [*entry.data, *entry.changes] if "_" in key}
        words |= {v for v in values if isinstance(v, str) and _CODE.match(v)} - org_codes
        found += [word for word in words if re.search(rf"\b{re.escape(word)}\b", text)]
    return found


def _pages(admin: Client, entries: list[AuditEntry]) -> Iterator[tuple[str, str]]:
    """The audit list, each new entry's page (with its rows) and each member's page."""
    yield "list", admin.get(reverse("audit:list")).content.decode()
    for entry in entries:
        if entry.batch_id is None:
            yield (
                f"entry {entry.pk}",
                admin.get(reverse("audit:detail", args=[entry.pk])).content.decode(),
            )
    members = {e.object_id for e in entries if e.object_type == Member._meta.label_lower}
    for pk in Member.objects.filter(pk__in=members).values_list("pk", flat=True):
        yield f"member {pk}", admin.get(reverse("members:detail", args=[pk])).content.decode()


@contextmanager
def _rolled_back(name: str, problems: list[str]) -> Iterator[None]:
    """Run a recipe in a savepoint rolled back afterwards; a recipe that fails is a
    problem of its own, and the walk goes on."""
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    except Exception as error:
        problems.append(f"{name}: {type(error).__name__}: {error}")


def _walk(world: World, name: str, events: tuple[Event, ...], call: Callable[[], Any],
          problems: list[str]) -> None:  # fmt: skip
    """Record CALL; then check its transactions, its events and how its entries read."""
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with recording(TABLES) as recorder:
        call()
    problems += [f"{name}: {problem}" for problem in _unaudited(recorder)]
    entries = list(AuditEntry.objects.filter(pk__gt=last).order_by("pk"))
    missing = sorted(set(map(str, events)) - {entry.action for entry in entries})
    if missing:
        problems.append(f"{name}: recorded no {missing}")
    if keys := unlabelled_keys(entries):
        problems.append(f"{name}: facts without a label {sorted(keys)}")
    codes = set(OrgUnit.objects.values_list("code", flat=True))
    for page, content in _pages(world.clients["admin"], entries):
        if raw := _raw(_text(content), entries, codes):
            problems.append(f"{name}: {page} shows {sorted(set(raw))}")


def test_every_writing_service_records_its_writes_and_they_read_as_labels(world: World) -> None:
    problems: list[str] = []

    for name, recipe in SERVICES.items():
        with _rolled_back(name, problems):
            call = partial(recipe.service, **recipe.args(world))
            _walk(world, name, recipe.events, call, problems)

    assert problems == []


def test_every_write_route_records_its_writes_and_they_read_as_labels(world: World) -> None:
    problems: list[str] = []

    for name, post in ROUTES.items():
        with _rolled_back(name, problems):
            world.clients["anonymous"] = Client()
            client = world.clients[post.role]
            request = partial(client.post, reverse(name, kwargs=post.args(world)), post.data(world))
            _walk(world, name, post.events, request, problems)

    assert problems == []


# The walk's own checks, so that a green walk means something.


def test_the_walk_finds_a_transaction_that_wrote_without_an_entry(
    tree: Tree, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a1)

    with recording(TABLES) as recorder, transaction.atomic():
        Member.objects.filter(pk=member.pk).update(phone="0911")
    with recording(TABLES) as audited, transaction.atomic():
        Member.objects.filter(pk=member.pk).update(phone="0922")
        audit_record(actor=OPERATOR, action=Event.UPDATED, obj=member)

    assert _unaudited(recorder) == ["no entry for ['UPDATE members_member']"]
    assert _unaudited(audited) == []


def test_the_walk_finds_a_write_outside_the_transaction_of_its_entry(
    tree: Tree, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a1)

    with recording(TABLES) as recorder:
        Member.objects.filter(pk=member.pk).update(phone="0911")
        with transaction.atomic():
            audit_record(actor=OPERATOR, action=Event.UPDATED, obj=member)

    assert _unaudited(recorder) == ["no entry for ['UPDATE members_member']"]


def test_the_walk_sees_bulk_inserts_and_forgets_what_a_rollback_undid(
    tree: Tree, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a1)

    with recording(TABLES) as recorder, transaction.atomic():
        insert_rows(Exemption, [{"member_id": member.pk, "valid_from": TODAY, "reason": "Ốm"}])
        with transaction.atomic():
            Member.objects.filter(pk=member.pk).update(phone="0911")
            transaction.set_rollback(True)

    assert _unaudited(recorder) == ["no entry for ['INSERT members_exemption']"]


def test_a_page_that_shows_a_code_a_field_name_or_an_iso_date_is_caught(
    tree: Tree, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a1)
    with transaction.atomic():
        entry = audit_record(
            actor=OPERATOR, action=Event.MOVED, obj=member, org=tree.cell_a2,
            data={"joined_on": "2025-03-03", "start": "TRANSFER", "cell": "CSA-2"},
        )  # fmt: skip

    found = _raw("members.member.moved joined_on 2025-03-03 TRANSFER CSA-2", [entry], {"CSA-2"})
    shown = _raw("Chuyển chi bộ: Ngày 03/03/2025, Chuyển đến, Chi bộ CSA-2", [entry], {"CSA-2"})

    assert sorted(found) == ["2025-03-03", "TRANSFER", "joined_on", "members.member.moved"]
    assert shown == []
