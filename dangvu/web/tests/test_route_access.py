"""Every URL pattern, for every demo role, against an object inside and one outside the
role's subtree. Each route's expectations are declared here; a route without them, or a
view without an access declaration, fails the suite."""

import datetime as dt
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import AddMember, MakeUser, Tree
from dangvu.common.models import AuditEntry
from dangvu.imports.models import ImportBatch
from dangvu.members.services import admission_open, member_update
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgKind, Sector
from dangvu.organizations.roles import Role
from dangvu.organizations.services import org_create

ROLES = ["anonymous", "admin", "thuongvu", "tochuc", "kiemtra", "tuyengiao", "vanphong",
         "bithu", "dangvien"]  # fmt: skip
COMMITTEE_ROLES = {"thuongvu": Role.LEADERSHIP, "tochuc": Role.ORGANIZATION_BOARD,
                   "kiemtra": Role.INSPECTION, "tuyengiao": Role.PROPAGANDA,
                   "vanphong": Role.OFFICE}  # fmt: skip

# Route → expected status per role, in ROLES order. For routes about one object, each cell
# is "inside/outside": the object in the role's subtree, and one in another committee.
EXPECTED: dict[str, list[str]] = {
    "root":                            ["302"] * 9,
    "set_language":                    ["302"] * 9,
    "web:home":                        ["302", "200", "200", "200", "200", "200", "200", "200", "302"],
    "web:login":                       ["200"] + ["302"] * 8,
    "web:logout":                      ["405"] * 9,
    "accounts:two_factor":             ["302"] + ["200"] * 8,
    "accounts:password_reset":         ["200"] * 9,
    "accounts:password_reset_done":    ["200"] * 9,
    "accounts:password_reset_confirm": ["200/200"] * 9,
    "accounts:password_reset_complete": ["200"] * 9,
    "accounts:password_change":        ["302"] + ["200"] * 8,
    "accounts:password_change_done":   ["302"] + ["200"] * 8,
    "orgs:tree":                       ["302"] + ["200"] * 7 + ["403"],
    "orgs:export":                     ["302/302"] + ["200/200"] * 7 + ["403/403"],
    "orgs:detail":                     ["302/302", "200/200"] + ["200/404"] * 6 + ["403/403"],
    "orgs:action":                     ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "403/403", "403/403"],
    "members:list":                    ["302", "200", "200", "200", "200", "403", "403", "200", "200"],
    "members:export":                  ["302/302", "200/200", "200/200", "200/200", "200/200",
                                        "403/403", "403/403", "200/200", "200/200"],
    "members:wards":                   ["302"] + ["200"] * 8,
    "members:detail":                  ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "404/404"],
    "members:edit":                    ["302/302", "200/200", "403/403", "200/404", "403/403",
                                        "403/403", "403/403", "200/404", "403/403"],
    "members:action":                  ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "302/404", "403/403"],
    "members:admission_list":          ["302", "200", "200", "200", "200", "403", "403", "200", "200"],
    "members:admission_new":           ["302", "200", "403", "200", "403", "403", "403", "200", "403"],
    "members:admission_detail":        ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "404/404"],
    "members:admission_action":        ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "302/404", "403/403"],
    "members:deadlines":               ["302", "200", "200", "200", "200", "403", "403", "200", "200"],
    "members:badges":                  ["302", "200", "200", "200", "200", "403", "403", "200", "200"],
    "members:document":                ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "404/404"],
    "documents:templates":             ["302", "200"] + ["403"] * 7,
    "documents:template":              ["302/302", "200/200"] + ["403/403"] * 7,
    "imports:upload":                  ["302", "200", "403", "200", "403", "403", "403", "200", "403"],
    "imports:detail":                  ["302/302", "200/200", "403/403", "200/404", "403/403",
                                        "403/403", "403/403", "404/404", "403/403"],
    "imports:remap":                   ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "404/404", "403/403"],
    "imports:commit":                  ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "404/404", "403/403"],
    "imports:reconcile":               ["302", "200", "403", "200", "403", "403", "403", "200", "403"],
    "imports:reconcile_report":        ["302/302", "200/200", "403/403", "200/404", "403/403",
                                        "403/403", "403/403", "404/404", "403/403"],
    "imports:undo":                    ["302/302", "302/302"] + ["403/403"] * 7,
    "imports:org_upload":              ["302", "200", "403", "200", "403", "403", "403", "403", "403"],
    "imports:org_detail":              ["302/302", "200/200", "403/403", "200/404", "403/403",
                                        "403/403", "403/403", "403/403", "403/403"],
    "imports:org_remap":               ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "403/403", "403/403"],
    "imports:org_commit":              ["302/302", "302/302", "403/403", "302/404", "403/403",
                                        "403/403", "403/403", "403/403", "403/403"],
    "imports:org_undo":                ["302/302", "302/302"] + ["403/403"] * 7,
    "audit:list":                      ["302", "200", "200", "200", "200", "403", "403", "200", "403"],
    "audit:detail":                    ["302/302", "200/200", "200/404", "200/404", "200/404",
                                        "403/403", "403/403", "200/404", "403/403"],
    "audit:revert":                    ["302/302", "302/302"] + ["403/403"] * 7,
}  # fmt: skip
OUTSIDE_CANDIDATE = "Mạc Thị Bên Ngoài"
POST_ROUTES = {
    "orgs:action",
    "audit:revert",
    "members:action",
    "members:admission_action",
    "imports:remap",
    "imports:commit",
    "imports:undo",
    "imports:org_remap",
    "imports:org_commit",
    "imports:org_undo",
}


def _patterns(resolvers: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for item in resolvers:
        if isinstance(item, URLResolver):
            namespace = f"{prefix}{item.namespace}:" if item.namespace else prefix
            yield from _patterns(item.url_patterns, namespace)
        elif isinstance(item, URLPattern) and item.name:
            yield f"{prefix}{item.name}", item


ROUTES = dict(_patterns(get_resolver().url_patterns))


def test_every_route_declares_who_may_enter_and_what_each_role_gets() -> None:
    undeclared = sorted(
        name for name, p in ROUTES.items() if not hasattr(p.callback, "access_policy")
    )
    unexpected = sorted(set(ROUTES) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(ROUTES))

    assert undeclared == [], f"views without an access declaration: {undeclared}"
    assert unexpected == [], f"routes without expectations in this test: {unexpected}"
    assert stale == [], f"expectations for routes that no longer exist: {stale}"
    assert all(len(row) == len(ROLES) for row in EXPECTED.values())


@dataclass
class World:
    clients: dict[str, Client]
    args: dict[str, tuple[dict[str, Any], dict[str, Any]]]
    outsider_names: list[str]


@pytest.fixture
def world(tree: Tree, add_member: AddMember, make_user: MakeUser) -> World:
    other = org_create(
        actor=OPERATOR,
        code="DBX",
        name="Đảng bộ khác",
        kind=OrgKind.UPPER_COMMITTEE,
        sector=Sector.OTHER,
        parent=None,
        established_date=dt.date(2015, 1, 1),
    )
    other_unit = org_create(actor=OPERATOR, code="CSX", name="Chi bộ Công ty X",
                            kind=OrgKind.GRASSROOTS_CELL, sector=Sector.NON_STATE_ENTERPRISE,
                            parent=other, established_date=dt.date(2015, 1, 1))  # fmt: skip
    inside = add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
    own = add_member(tree.cell_a1, full_name="Lý Văn Tư")
    outside = add_member(other_unit, full_name="Quách Thị Ngoại", gender="F")
    today = dt.date.today()
    edits = [member_update(actor=OPERATOR, member=m, version=m.version, values={"phone": "0900000000"},
                           today=today) for m in (inside, outside)]  # fmt: skip
    entry_in, entry_out = (
        AuditEntry.objects.get(action="members.member.updated", object_id=m.pk) for m in edits
    )
    case_in, case_out = (
        admission_open(
            actor=OPERATOR,
            cell=cell,
            today=today,
            values={"full_name": name, "gender": "F", "birth_date": dt.date(2000, 1, 1)},
        )
        for cell, name in ((tree.cell_a1, "Vũ Thị Trong"), (other_unit, OUTSIDE_CANDIDATE))
    )
    users = {"admin": make_user("admin", Role.ADMIN)}
    for username, role in COMMITTEE_ROLES.items():
        users[username] = make_user(username, role, tree.committee)
    users["bithu"] = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    users["dangvien"] = make_user("dangvien", Role.MEMBER, member=own)
    batches: dict[str, list[dict[str, int]]] = {"IMPORT": [], "RECONCILE": [], "ORG_IMPORT": []}
    for kind in batches:
        for owner in (users["tochuc"], users["admin"]):
            batch = ImportBatch(created_by=owner, file_name="ds.csv", state="UPLOADED", kind=kind)
            batch.file.save("ds.csv", ContentFile("Họ và tên,Ngày sinh\n".encode()), save=True)
            batches[kind].append({"pk": batch.pk})
    clients = {"anonymous": Client()}
    for username, user in users.items():
        clients[username] = Client()
        clients[username].force_login(user)
    return World(
        clients=clients,
        args={
            "orgs:detail": ({"code": "CSA"}, {"code": "CSX"}),
            "members:detail": ({"pk": inside.pk}, {"pk": outside.pk}),
            "members:edit": ({"pk": inside.pk}, {"pk": outside.pk}),
            "audit:detail": ({"pk": entry_in.pk}, {"pk": entry_out.pk}),
            "audit:revert": ({"pk": entry_in.pk}, {"pk": entry_out.pk}),
            "accounts:password_reset_confirm": ({"uidb64": "MQ", "token": "sai-ma"},) * 2,
            "members:action": (
                {"pk": inside.pk, "action": "exempt"},
                {"pk": outside.pk, "action": "exempt"},
            ),
            "members:admission_detail": ({"pk": case_in.pk}, {"pk": case_out.pk}),
            "members:admission_action": (
                {"pk": case_in.pk, "action": "close"},
                {"pk": case_out.pk, "action": "close"},
            ),
            "documents:template": ({"name": "transfer_letter"},) * 2,
            "members:export": ({"fmt": "csv"}, {"fmt": "xlsx"}),
            "orgs:export": ({"fmt": "csv"}, {"fmt": "xlsx"}),
            "orgs:action": (
                {"code": "CSA", "action": "rename"},
                {"code": "CSX", "action": "rename"},
            ),
            **{
                f"imports:{name}": (batches["IMPORT"][0], batches["IMPORT"][1])
                for name in ("detail", "remap", "commit", "undo")
            },
            "imports:reconcile_report": (batches["RECONCILE"][0], batches["RECONCILE"][1]),
            **{
                f"imports:org_{name}": (batches["ORG_IMPORT"][0], batches["ORG_IMPORT"][1])
                for name in ("detail", "remap", "commit", "undo")
            },
            "members:document": (
                {"name": "recognition_decision", "pk": inside.pk},
                {"name": "recognition_decision", "pk": outside.pk},
            ),
        },
        outsider_names=[outside.full_name, OUTSIDE_CANDIDATE, "Chi bộ Công ty X"],
    )


def _no_outsider(world: World, response: Any) -> bool:
    if response.status_code != 200:
        return True
    from python_calamine import CalamineWorkbook

    if response["Content-Type"].startswith("text/csv"):
        text = response.content.decode("utf-8-sig")
    else:
        path = Path(tempfile.mkdtemp()) / "export.xlsx"
        path.write_bytes(response.content)
        text = str(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())
    return not any(name in text for name in world.outsider_names)


@pytest.mark.parametrize("route", sorted(EXPECTED))
def test_route_answers_each_role_as_declared(world: World, route: str) -> None:
    got = []
    for role in ROLES:
        client = world.clients[role]
        call = client.post if route in POST_ROUTES else client.get
        if route in world.args:
            responses = [call(reverse(route, kwargs=kw)) for kw in world.args[route]]
            got.append("/".join(str(response.status_code) for response in responses))
            if route in ("members:export", "orgs:export") and role != "admin":
                assert all(_no_outsider(world, r) for r in responses), role
            continue
        response = call(reverse(route))
        got.append(str(response.status_code))
        if response.status_code == 200 and role != "admin":
            page = response.content.decode()
            assert not any(name in page for name in world.outsider_names), (route, role)

    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, EXPECTED[route], strict=True))
