"""The scoping layer: who sees which organizations and members, on which dates."""

import datetime as dt

from conftest import AddMember, MakeUser, Tree
from dangvu.members.models import ExitReason
from dangvu.members.selectors import MemberFilter, member_list
from dangvu.members.services import member_exit, member_move
from dangvu.organizations.access import (
    OPERATOR,
    may,
    member_in_scope,
    org_filter,
    org_in_scope,
    user_scope,
)
from dangvu.organizations.models import OrgKind, OrgVersion, Sector
from dangvu.organizations.roles import Action, Resource, Role
from dangvu.organizations.services import org_create, org_dissolve, org_move
from dangvu.stats.selectors import figures

D = dt.date


def _visible_codes(user: object, on: D) -> set[str]:
    rows = OrgVersion.objects.as_of(on).filter(org_filter(user, on))  # type: ignore[arg-type]
    return set(rows.values_list("org__code", flat=True))


def test_a_secretary_sees_their_subtree_only(tree: Tree, make_user: MakeUser) -> None:
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)

    assert _visible_codes(secretary, D(2024, 1, 1)) == {"CSA", "CSA-1", "CSA-2"}


def test_an_expired_assignment_grants_nothing(tree: Tree, make_user: MakeUser) -> None:
    from dangvu.organizations.models import RoleAssignment

    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    RoleAssignment.objects.filter(user=secretary).update(valid_to=D(2021, 1, 1))

    assert _visible_codes(secretary, D(2020, 6, 1)) == set()
    assert not may(secretary, Resource.MEMBER, Action.VIEW)


def test_a_successor_committee_sees_the_history_of_the_units_it_holds(
    tree: Tree, make_user: MakeUser, add_member: AddMember
) -> None:
    member = add_member(tree.grassroots_b, full_name="Ngô Văn Cũ")
    successor = org_create(
        actor=OPERATOR,
        code="DBUB",
        name="Đảng bộ UBND tỉnh",
        kind=OrgKind.UPPER_COMMITTEE,
        sector=Sector.ADMINISTRATIVE,
        parent=None,
        established_date=D(2025, 2, 1),
    )
    org_move(
        actor=OPERATOR, org=tree.grassroots_b, new_parent=successor, effective_date=D(2025, 2, 1)
    )
    board = make_user("tochuc", Role.ORGANIZATION_BOARD, successor)

    assert _visible_codes(board, D(2021, 12, 31)) == {"CSB"}  # held today, shown in its past
    names = [
        m.full_name for m in member_list(user=board, filters=MemberFilter(as_of=D(2021, 12, 31)))
    ]
    assert names == [member.full_name]
    assert figures(user=board, as_of=D(2021, 12, 31))["members"]["total"] == 1


def test_the_old_committees_staff_keep_the_past_tree(tree: Tree, make_user: MakeUser) -> None:
    successor = org_create(
        actor=OPERATOR,
        code="DBUB",
        name="Đảng bộ UBND tỉnh",
        kind=OrgKind.UPPER_COMMITTEE,
        sector=Sector.ADMINISTRATIVE,
        parent=None,
        established_date=D(2025, 2, 1),
    )
    for org in (tree.grassroots_a, tree.grassroots_b):
        org_move(actor=OPERATOR, org=org, new_parent=successor, effective_date=D(2025, 2, 1))
    org_dissolve(actor=OPERATOR, org=tree.committee, effective_date=D(2025, 2, 1))
    old_board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)

    assert "DBK" in _visible_codes(old_board, D(2024, 12, 31))
    assert _visible_codes(old_board, D(2025, 6, 30)) == set()


def test_a_member_moved_away_stays_in_the_secretarys_past_not_present(
    tree: Tree, make_user: MakeUser, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a1, full_name="Hà Văn Đi")
    member_move(actor=OPERATOR, member=member, to_cell=tree.grassroots_b, on=D(2024, 7, 1))
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)

    def names(on: D) -> list[str]:
        return [m.full_name for m in member_list(user=secretary, filters=MemberFilter(as_of=on))]

    assert names(D(2024, 6, 30)) == ["Hà Văn Đi"]
    assert names(D(2024, 7, 1)) == []


def test_a_member_sees_only_their_own_record(
    tree: Tree, make_user: MakeUser, add_member: AddMember
) -> None:
    own = add_member(tree.cell_a1, full_name="Lý Văn Tư")
    add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
    user = make_user("dangvien", Role.MEMBER, member=own)

    listed = member_list(user=user, filters=MemberFilter(as_of=D(2025, 1, 1)))

    assert [m.full_name for m in listed] == ["Lý Văn Tư"]
    assert not may(user, Resource.ORG, Action.VIEW)
    assert user_scope(user, Resource.MEMBER, Action.CHANGE).empty


def test_board_roles_differ_in_what_they_may_do(tree: Tree, make_user: MakeUser) -> None:
    propaganda = make_user("tuyengiao", Role.PROPAGANDA, tree.committee)
    inspection = make_user("kiemtra", Role.INSPECTION, tree.committee)

    assert may(propaganda, Resource.ORG, Action.VIEW)
    assert not may(propaganda, Resource.MEMBER, Action.VIEW)
    assert may(inspection, Resource.MEMBER, Action.VIEW)
    assert not may(inspection, Resource.MEMBER, Action.CHANGE)


def test_a_moved_units_secretary_sees_each_side_of_the_move_on_its_own_day(
    tree: Tree, make_user: MakeUser
) -> None:
    successor = org_create(actor=OPERATOR, code="DBUB", name="Đảng bộ UBND tỉnh",
                           kind=OrgKind.UPPER_COMMITTEE, sector=Sector.ADMINISTRATIVE,
                           parent=None, established_date=D(2025, 2, 1))  # fmt: skip
    org_move(actor=OPERATOR, org=tree.grassroots_a, new_parent=successor,
             effective_date=D(2025, 2, 1))  # fmt: skip
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)

    # The root's old version ends, and its new one starts, on 1/2/2025.
    for day in (D(2025, 1, 31), D(2025, 2, 1)):
        assert _visible_codes(secretary, day) == {"CSA", "CSA-1", "CSA-2"}, day
    assert _visible_codes(secretary, D(2014, 12, 31)) == set()  # before the unit existed


def test_a_member_who_left_is_reached_through_the_cell_they_left_on_its_last_day(
    tree: Tree, make_user: MakeUser, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a2, full_name="Hà Văn Cuối")
    member_exit(actor=OPERATOR, member=member, reason=ExitReason.DIED, on=D(2024, 7, 1),
                today=D(2026, 11, 26))  # fmt: skip
    # The cell ends the day the member leaves it: only its last day shows it in the tree.
    org_dissolve(actor=OPERATOR, org=tree.cell_a2, effective_date=D(2024, 7, 1))
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    stranger = make_user("bithu2", Role.SECRETARY, tree.grassroots_b)

    assert member_in_scope(secretary, Resource.MEMBER, Action.VIEW, member.pk, D(2026, 1, 1))
    assert not member_in_scope(stranger, Resource.MEMBER, Action.VIEW, member.pk, D(2026, 1, 1))


def test_a_member_is_reached_through_their_cell_on_the_day_even_after_moving_away(
    tree: Tree, make_user: MakeUser, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a1, full_name="Hà Văn Đi")
    member_move(actor=OPERATOR, member=member, to_cell=tree.grassroots_b, on=D(2024, 7, 1))
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)

    assert member_in_scope(secretary, Resource.MEMBER, Action.VIEW, member.pk, D(2024, 6, 30))
    assert not member_in_scope(secretary, Resource.MEMBER, Action.VIEW, member.pk, D(2024, 7, 1))


def test_a_member_reaches_their_own_record_only(
    tree: Tree, make_user: MakeUser, add_member: AddMember
) -> None:
    own = add_member(tree.cell_a1, full_name="Lý Văn Tư")
    other = add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
    user = make_user("dangvien", Role.MEMBER, member=own)

    assert member_in_scope(user, Resource.MEMBER, Action.VIEW, own.pk, D(2025, 1, 1))
    assert not member_in_scope(user, Resource.MEMBER, Action.VIEW, other.pk, D(2025, 1, 1))
    assert not member_in_scope(user, Resource.MEMBER, Action.CHANGE, own.pk, D(2025, 1, 1))


def test_an_administrators_assignment_reaches_everything_without_superuser_rights(
    tree: Tree, make_user: MakeUser
) -> None:
    admin = make_user("quantri", Role.ADMIN)
    assert not admin.is_superuser

    assert user_scope(admin, Resource.ORG, Action.CHANGE).everything
    assert org_in_scope(admin, Resource.ORG, Action.CHANGE, tree.cell_a1.pk, D(2025, 1, 1))


def test_an_inactive_account_reaches_nothing(tree: Tree, make_user: MakeUser) -> None:
    board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    board.is_active = False

    assert user_scope(board, Resource.ORG, Action.VIEW).empty
    assert not org_in_scope(board, Resource.ORG, Action.VIEW, tree.cell_a1.pk, D(2025, 1, 1))
