"""Every structure change refuses an organization outside its actor's reach, as the source
or as any destination (a new parent, a merge target, the parent of a new organization),
with nothing written."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from conftest import MakeUser, Outside, Tree
from dangvu.common.models import AuditEntry
from dangvu.organizations import services
from dangvu.organizations.access import OutOfScope
from dangvu.organizations.models import Membership, OrgEvent, OrgKind, OrgUnit, OrgVersion
from dangvu.organizations.roles import Role

ON = dt.date(2025, 3, 3)
TABLES = (AuditEntry, OrgUnit, OrgVersion, OrgEvent, Membership)


def _counts() -> list[int]:
    return [model.objects.count() for model in TABLES]


Call = Callable[[Tree, Outside, User], object]
REFUSED: dict[str, Call] = {
    "create under another committee": lambda t, o, u: services.org_create(
        actor=u, code="MOI", name="Chi bộ mới", kind=OrgKind.CELL, sector="OTHER",
        parent=o.committee, established_date=ON),
    "create at the top of the tree": lambda t, o, u: services.org_create(
        actor=u, code="MOI", name="Đảng bộ mới", kind=OrgKind.UPPER_COMMITTEE, sector="OTHER",
        parent=None, established_date=ON),
    "move under another committee": lambda t, o, u: services.org_move(
        actor=u, org=t.grassroots_a, new_parent=o.committee, effective_date=ON),
    "move another committee's unit in": lambda t, o, u: services.org_move(
        actor=u, org=o.cell, new_parent=t.committee, effective_date=ON),
    "merge into another committee's unit": lambda t, o, u: services.org_merge(
        actor=u, sources=[t.grassroots_b], into=o.cell, effective_date=ON),
    "merge another committee's unit in": lambda t, o, u: services.org_merge(
        actor=u, sources=[o.cell], into=t.grassroots_b, effective_date=ON),
    "rename another committee's unit": lambda t, o, u: services.org_rename(
        actor=u, org=o.cell, new_name="Tên mới", effective_date=ON),
    "reclassify another committee's unit": lambda t, o, u: services.org_reclassify(
        actor=u, org=o.cell, new_kind=OrgKind.GRASSROOTS_COMMITTEE, effective_date=ON,
        first_cell=("CSX-1", "Chi bộ 1")),
    "dissolve another committee's unit": lambda t, o, u: services.org_dissolve(
        actor=u, org=o.cell, effective_date=ON),
    "split another committee's unit": lambda t, o, u: services.org_split(
        actor=u, org=o.cell, effective_date=ON, parts=[
            services.SplitPart("X1", "Một", OrgKind.GRASSROOTS_CELL),
            services.SplitPart("X2", "Hai", OrgKind.GRASSROOTS_CELL)]),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_an_organization_board_changes_nothing_outside_its_committee(
    tree: Tree, outside: Outside, make_user: MakeUser, case: str
) -> None:
    board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    before = _counts()

    with pytest.raises(OutOfScope):
        REFUSED[case](tree, outside, board)

    assert _counts() == before


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.LEADERSHIP, Role.INSPECTION])
def test_roles_without_the_right_change_no_organization_even_inside(
    tree: Tree, make_user: MakeUser, role: str
) -> None:
    user = make_user("nguoidung", role, tree.committee)
    before = _counts()

    with pytest.raises(OutOfScope):
        services.org_rename(actor=user, org=tree.cell_a1, new_name="Tên mới", effective_date=ON)

    assert _counts() == before


def test_inside_its_committee_a_board_creates_and_merges(tree: Tree, make_user: MakeUser) -> None:
    board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)

    services.org_create(actor=board, code="CSA-3", name="Chi bộ Kế toán", kind=OrgKind.CELL,
                        sector="ADMINISTRATIVE", parent=tree.grassroots_a,
                        established_date=ON)  # fmt: skip
    services.org_merge(actor=board, sources=[tree.cell_a2], into=tree.cell_a1, effective_date=ON)

    assert OrgVersion.objects.as_of(ON).get(org__code="CSA-3").parent == tree.grassroots_a
    assert OrgUnit.objects.get(code="CSA-2").dissolved_date == ON
