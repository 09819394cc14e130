"""Every route that writes, for every role: a destination outside the role's subtree is
refused with nothing written, and the read-only roles write nothing through any of them.
A write route missing from these tables fails the suite."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import TODAY as CLOCK_TODAY
from dangvu.common.models import AuditEntry
from dangvu.discipline.models import Check, Complaint, Decision, Program
from dangvu.evaluation.models import Round
from dangvu.imports.models import ImportBatch
from dangvu.members.models import AdmissionCase, Member, Transfer
from dangvu.organizations.models import OrgUnit, OrgVersion
from dangvu.plans.models import Meeting, Plan, Task
from dangvu.web.tests.conftest import World
from dangvu.web.tests.test_route_access import POST_ROUTES, ROUTES

TODAY = f"{CLOCK_TODAY:%d/%m/%Y}"


def _csv() -> SimpleUploadedFile:
    header = "Họ và tên,Giới tính,Ngày sinh,Số CCCD,Ngày vào Đảng\n"
    return SimpleUploadedFile("ds.csv", header.encode(), content_type="text/csv")


@dataclass(frozen=True)
class Case:
    """A POST that names a destination outside the role's subtree, and what must still
    hold afterwards (nothing of the write happened)."""

    kwargs: Callable[[World], dict[str, Any]]
    data: Callable[[World], dict[str, Any]]
    unchanged: Callable[[World], bool]


def _parent_code(code: str) -> str:
    version = OrgVersion.objects.get(org__code=code, valid_to__isnull=True)
    return version.parent.code if version.parent else ""


DESTINATIONS: dict[str, Case] = {
    "orgs:action move": Case(
        kwargs=lambda w: {"code": "CSA", "action": "move"},
        data=lambda w: {"on": TODAY, "parent": "DBX"},
        unchanged=lambda w: _parent_code("CSA") == "DBK",
    ),
    "orgs:action merge": Case(
        kwargs=lambda w: {"code": "CSB", "action": "merge"},
        data=lambda w: {"on": TODAY, "into": "CSX"},
        unchanged=lambda w: OrgVersion.objects.filter(org__code="CSB", valid_to=None).exists(),
    ),
    "members:action transfer": Case(
        kwargs=lambda w: {"pk": w.inside.pk, "action": "transfer"},
        data=lambda w: {"kind": "INTERNAL", "on": TODAY, "to_cell": "CSX"},
        unchanged=lambda w: not Transfer.objects.filter(member=w.inside).exists(),
    ),
    "members:admission_new": Case(
        kwargs=lambda w: {},
        data=lambda w: {
            "cell": "CSX",
            "full_name": "Lò Văn Mới",
            "gender": "M",
            "birth_date": "01/02/2000",
        },
        unchanged=lambda w: not AdmissionCase.objects.filter(full_name="Lò Văn Mới").exists(),
    ),
    "members:admission_action update": Case(
        kwargs=lambda w: {"pk": w.case_in.pk, "action": "update"},
        data=lambda w: {
            "version": w.case_in.version,
            "full_name": w.case_in.full_name,
            "gender": "F",
            "birth_date": "01/01/2000",
            "introducer_1": str(w.outside.pk),
        },
        unchanged=lambda w: AdmissionCase.objects.get(pk=w.case_in.pk).introducer_1_id is None,
    ),
    "evaluation:open": Case(
        kwargs=lambda w: {},
        data=lambda w: {"committee": OrgUnit.objects.get(code="DBX").pk, "year": "2025"},
        unchanged=lambda w: not Round.objects.filter(committee__code="DBX", year=2025).exists(),
    ),
    "imports:upload": Case(
        kwargs=lambda w: {},
        data=lambda w: {"org": "CSX", "file": _csv()},
        unchanged=lambda w: not ImportBatch.objects.filter(org__code="CSX").exists(),
    ),
}
# Write routes that name nothing but the object they act on (checked by the route test's
# inside/outside columns) or that act on the user's own account.
NO_DESTINATION = {
    "plans:target": "records the target's own value",
    "plans:task_action": "the task's own progress and result",
    "plans:meeting_action": "the meeting's own attendance (its cell's members) and "
    "conclusions; their tasks go to a plan of the meeting's organization the user may change",
    "orgs:action": "rename, reclassify, dissolve and create act on the organization itself; "
    "an authorisation to admit is checked on the committee above it, by its service "
    "(organizations/tests/test_services_authority.py)",
    "members:action": "every action but a transfer acts on the member alone",
    "members:admission_action": "the other steps act on the case alone",
    "members:edit": "the record's own fields; places are administrative units, not scoped",
    "members:correction_new": "the user's own record, the one their member role names",
    "members:correction_detail": "decides the request itself, about a member the decider must "
    "be able to change (found in scope, and checked again by the service)",
    "discipline:decision_new": Case(
        kwargs=lambda w: {},
        data=lambda w: {
            "subject_org": "CSX",
            "form": "REPRIMAND",
            "body": "UPPER_COMMITTEE",
            "body_org": "DBX",
            "number": "9-QĐ",
            "decided_on": TODAY,
            "violated_on": TODAY,
            "reason": "Vi phạm",
        },
        unchanged=lambda w: not Decision.objects.filter(subject_org__code="CSX").exists(),
    ),
    "discipline:programs": Case(
        kwargs=lambda w: {},
        data=lambda w: {
            "committee": "DBX",
            "holder": "COMMITTEE",
            "year": "2026",
            "title": "Chương trình lạ",
        },
        unchanged=lambda w: not Program.objects.filter(holder="COMMITTEE").exists(),
    ),
    "discipline:program": Case(
        kwargs=lambda w: {"pk": w.args["discipline:program"][0]["pk"]},
        data=lambda w: {
            "activity": "INSPECTION",
            "kind": "REGULAR",
            "subject_org": "CSX",
            "starts_on": TODAY,
            "ends_on": TODAY,
        },
        unchanged=lambda w: Check.objects.count() == 2,
    ),
    "discipline:complaints": Case(
        kwargs=lambda w: {},
        data=lambda w: {
            "committee": "DBX",
            "kind": "COMPLAINT",
            "received_on": TODAY,
            "summary": "Đơn",
            "subject_org": "CSX",
        },
        unchanged=lambda w: Complaint.objects.count() == 2,
    ),
    "plans:list": Case(
        kwargs=lambda w: {},
        data=lambda w: {"committee": "DBX", "year": "2027", "title": "Kế hoạch lạ"},
        unchanged=lambda w: not Plan.objects.filter(committee__code="DBX").exists(),
    ),
    "plans:meetings": Case(
        kwargs=lambda w: {},
        data=lambda w: {"org": "CSX", "kind": "CELL_MONTHLY", "held_on": TODAY, "title": "Họp"},
        unchanged=lambda w: Meeting.objects.count() == 2,
    ),
    "plans:plan_action": Case(
        kwargs=lambda w: w.args["plans:plan_action"][0],
        data=lambda w: {"title": "Việc lạ", "owner_org": "CSX", "deadline": TODAY},
        unchanged=lambda w: Task.objects.count() == 2,
    ),
    "discipline:decision_action": "appeals of the decision itself, found in scope",
    "discipline:check_action": "concludes the check itself, found in scope",
    "discipline:complaint": "resolves the complaint itself; the checks it may name are those "
    "the user reads, and the service checks it again (discipline tests)",
    "audit:revert": "puts back the entry's own object, which the entry's scope covers",
    "imports:remap": "re-checks the batch's own file",
    "imports:commit": "the rows' cells are re-checked against the scope (import tests)",
    "imports:undo": "the batch's own members and organizations",
    "imports:reconcile": "stores the uploaded file only",
    "imports:reconcile_report": "applies only to members the user may change (import tests)",
    "imports:org_upload": "each row's parent is checked against the scope (import tests)",
    "imports:org_remap": "re-checks the batch's own file",
    "imports:org_commit": "the services check each row's parent (import tests)",
    "imports:ratings": "each row's rating is checked against the scope at the step (import tests)",
    "documents:templates": "a setting of the whole system",
    "users:new": "an account of the whole system; a member it names is the administrator's to "
    "see (everyone)",
    "users:action": "the account itself; a role's organization is checked by the service "
    "(accounts tests), and only administrators enter",
    "accounts:two_factor": "the user's own account",
    "accounts:two_factor_enrol": "the user's own account, with a link issued to it",
    "accounts:password_change": "the user's own account",
    "accounts:password_reset": "sends a mail, writes nothing",
    "accounts:password_reset_confirm": "the account the mailed link names",
    "web:login": "the user's own session",
    "web:logout": "the user's own session",
    "set_language": "a cookie",
    "evaluation:step": "moves the round itself, which only its committee may",
    "reports:section_action": "the section of the committee in its path, which the writer must "
    "read, and the service checks the right to write it again (reports tests)",
    "evaluation:entry": "each rating is checked against the writer's scope (evaluation tests)",
    "evaluation:commendations": "each rating is checked against its decider's scope (evaluation "
    "tests)",
    "documents:signers": "the form offers only the committees the Office may change, and the "
    "service checks it again (documents tests)",
    "documents:signer": "the signer's own committee",
    "dues:member_action": "the member's own basis or decision; a payment's correction checks "
    "the collecting cell again (dues tests)",
    "dues:collect": "the cell in its path; the service checks each member was in that cell "
    "(dues tests)",
    "imports:dues": "each row's member is looked for among those the user may change, in the "
    "cell of its path (import tests)",
}
# Routes whose views take a POST besides those that only take POST.
FORM_ROUTES = {
    "members:edit", "members:admission_new", "imports:upload", "imports:reconcile",
    "imports:reconcile_report", "imports:org_upload", "imports:ratings", "documents:templates",
    "evaluation:entry", "evaluation:commendations", "documents:signers", "documents:signer",
    "accounts:two_factor", "accounts:two_factor_enrol", "accounts:password_change",
    "accounts:password_reset", "accounts:password_reset_confirm", "web:login", "web:logout",
    "set_language", "discipline:decision_new", "discipline:programs", "discipline:program",
    "discipline:complaints", "discipline:complaint", "dues:collect", "imports:dues",
    "plans:list", "plans:target", "plans:meetings", "users:new", "users:action",
    "members:correction_new", "members:correction_detail",
}  # fmt: skip
WRITE_ROUTES = POST_ROUTES | FORM_ROUTES
WRITERS = ["tochuc", "bithu", "kiemtra"]
READ_ONLY = ["thuongvu", "kiemtra", "tuyengiao", "vanphong", "dangvien"]
DISCIPLINE_ROUTES = {route for route in WRITE_ROUTES if route.startswith("discipline:")}
PLANS_ROUTES = {route for route in WRITE_ROUTES if route.startswith("plans:")}
REPORTS_ROUTES = {route for route in WRITE_ROUTES if route.startswith("reports:")}
# The records a role that reads the registry keeps: the Office, its committee's signers,
# plans and report sections; the Propaganda board, the report sections; the Inspection
# commission, its cases.
OWN_RECORDS = {"vanphong": {"documents:signers", "documents:signer"} | PLANS_ROUTES
               | REPORTS_ROUTES, "kiemtra": DISCIPLINE_ROUTES,
               "tuyengiao": REPORTS_ROUTES,
               "dangvien": {"members:correction_new"}}  # fmt: skip


def test_every_write_route_is_declared_with_or_without_a_destination() -> None:
    declared = {name.split(" ")[0] for name in DESTINATIONS} | set(NO_DESTINATION)

    assert sorted(WRITE_ROUTES - declared) == []
    assert sorted(declared - WRITE_ROUTES) == []
    assert set(ROUTES) >= WRITE_ROUTES


@pytest.mark.parametrize("role", WRITERS)
@pytest.mark.parametrize("case", sorted(DESTINATIONS))
def test_a_destination_outside_the_scope_is_refused_with_nothing_written(
    world: World, case: str, role: str
) -> None:
    route, check = case.split(" ")[0], DESTINATIONS[case]
    if role == "bithu" and route in ("orgs:action", "evaluation:open"):
        pytest.skip("a secretary changes no organization, opens no round (403, the route test)")
    if role == "kiemtra" and route not in DISCIPLINE_ROUTES:
        pytest.skip("the commission writes only its cases (403 elsewhere, the route test)")
    if role == "tochuc" and route in PLANS_ROUTES:
        pytest.skip("the Organization board reads plans; the Office and secretaries write them")
    entries = AuditEntry.objects.count()

    response = world.clients[role].post(reverse(route, kwargs=check.kwargs(world)),
                                        check.data(world))  # fmt: skip

    assert response.status_code in (200, 302, 404), response.status_code
    assert check.unchanged(world)
    assert AuditEntry.objects.count() == entries


# What a read-only role tries on the routes without a destination case: a valid request
# about an object inside its subtree.
INSIDE_WRITES: dict[str, Callable[[World], dict[str, Any]]] = {
    "users:new": lambda w: {"username": "moi", "full_name": "Phạm Thị Mới"},
    "users:action": lambda w: {"reason": "Nghỉ hưu"},
    "members:action": lambda w: {"valid_from": TODAY, "reason": "Sức khỏe"},
    "members:admission_action": lambda w: {"reason": "Rút đơn"},
    "members:correction_new": lambda w: {
        "field": "phone",
        "proposed_value": "0912345678",
        "reason": "Số mới",
    },
    "members:correction_detail": lambda w: {"decision": "accept"},
    "members:edit": lambda w: {
        "version": w.inside.version,
        "full_name": "Tên Đã Sửa",
        "gender": "F",
        "birth_date": "15/03/1985",
    },
}
PARTY_WRITES = sorted(
    route for route in WRITE_ROUTES if not route.startswith(("accounts:", "web:", "set_lang"))
)


@pytest.mark.parametrize("role", READ_ONLY)
@pytest.mark.parametrize("route", PARTY_WRITES)
def test_read_only_roles_write_nothing_through_any_route(
    world: World, route: str, role: str
) -> None:
    if route in OWN_RECORDS.get(role, ()):
        pytest.skip("the role's own records (walked by the audit test)")
    cases = [check for name, check in DESTINATIONS.items() if name.split(" ")[0] == route]
    requests = [(check.kwargs(world), check.data(world)) for check in cases]
    if not requests:
        data = INSIDE_WRITES.get(route, lambda w: {})(world)
        requests = [(world.args.get(route, ({},))[0], data)]
    entries, members = AuditEntry.objects.count(), Member.objects.count()

    statuses = [world.clients[role].post(reverse(route, kwargs=kw), data).status_code
                for kw, data in requests]  # fmt: skip

    assert set(statuses) <= {302, 403, 404}, statuses
    assert (AuditEntry.objects.count(), Member.objects.count()) == (entries, members)
