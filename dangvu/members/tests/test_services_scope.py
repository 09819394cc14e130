"""Every member and admission service refuses a source or a destination outside the actor's
reach, with nothing written: the service is the guarantee, whatever the web, the CLI or an
import checked before."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User

from conftest import TODAY, AddMember, MakeUser, Outside, Tree
from dangvu.accounts.services import role_assign
from dangvu.common.models import AuditEntry
from dangvu.documents.services import documents_log_print
from dangvu.members import services
from dangvu.members.models import AdmissionCase, GapReason, Member, PartyGap, Transfer
from dangvu.organizations.access import OPERATOR, OutOfScope
from dangvu.organizations.models import Membership, RoleAssignment
from dangvu.organizations.roles import Role

D = dt.date
TABLES = (AuditEntry, Member, Membership, Transfer, AdmissionCase, RoleAssignment, PartyGap)


class World:
    """The Tree's secretary of CSA and its committee's Organization board, a member of each
    of CSA-1 and CSB (with a period out of the Party), an open case in CSA-1 and one in
    another committee's cell."""

    def __init__(
        self, tree: Tree, outside: Outside, add_member: AddMember, make_user: MakeUser
    ) -> None:
        self.tree, self.outside = tree, outside
        self.secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
        self.board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
        self.in_a = add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
        self.in_b = add_member(tree.grassroots_b, full_name="Đỗ Văn Ba")
        self.gap_b = services.party_gap_add(actor=OPERATOR, member=self.in_b,
                                            start_date=D(2012, 1, 1), end_date=D(2013, 1, 1),
                                            reason=GapReason.LOST_CONTACT, today=TODAY)  # fmt: skip
        self.case, self.case_out = (
            services.admission_open(
                actor=OPERATOR,
                cell=cell,
                today=TODAY,
                values={"full_name": name, "gender": "F", "birth_date": D(2000, 1, 1)},
            )
            for cell, name in ((tree.cell_a1, "Vũ Thị Trong"), (outside.cell, "Mạc Thị Ngoài"))
        )


@pytest.fixture
def world(tree: Tree, outside: Outside, add_member: AddMember, make_user: MakeUser) -> World:
    return World(tree, outside, add_member, make_user)


def _counts() -> list[int]:
    return [model.objects.count() for model in TABLES]


def _member_values() -> dict[str, Any]:
    return {"full_name": "Lò Văn Mới", "gender": "M", "birth_date": D(1990, 1, 1),
            "admission_date": D(2020, 1, 1), "official_date": D(2021, 1, 1)}  # fmt: skip


Call = Callable[[World, User], object]
# Each service, called by a user on a source or destination the user may not reach.
REFUSED: dict[str, tuple[str, Call]] = {
    "register into another committee's cell": ("bithu", lambda w, u: services.member_register(
        actor=u, values=_member_values(), cell=w.outside.cell, start="REGISTERED",
        joined_on=D(2022, 1, 1), today=TODAY)),
    "receive into a cell outside the subtree": ("bithu", lambda w, u: services.member_receive(
        actor=u, values=_member_values(), cell=w.tree.grassroots_b, on=D(2025, 3, 3),
        other_party="Đảng bộ X", today=TODAY)),
    "edit a member outside": ("bithu", lambda w, u: services.member_update(
        actor=u, member=w.outside.member, version=1, values={"phone": "0911"}, today=TODAY)),
    "move a member to a cell outside": ("bithu", lambda w, u: services.member_move(
        actor=u, member=w.in_a, to_cell=w.tree.grassroots_b, on=D(2025, 3, 3))),
    "move a member from outside": ("bithu", lambda w, u: services.member_move(
        actor=u, member=w.in_b, to_cell=w.tree.cell_a2, on=D(2025, 3, 3))),
    "transfer to another committee's cell": ("tochuc", lambda w, u: services.transfer_start(
        actor=u, member=w.in_a, kind=Transfer.Kind.INTERNAL, decided_on=D(2025, 3, 3),
        to_cell=w.outside.cell)),
    "transfer to another grassroots org": ("bithu", lambda w, u: services.transfer_start(
        actor=u, member=w.in_a, kind=Transfer.Kind.INTERNAL, decided_on=D(2025, 3, 3),
        to_cell=w.tree.grassroots_b)),
    "transfer a member outside": ("tochuc", lambda w, u: services.transfer_start(
        actor=u, member=w.outside.member, kind=Transfer.Kind.OUTGOING,
        decided_on=D(2025, 3, 3), other_party="Đảng bộ Y")),
    "recognize a member outside": ("bithu", lambda w, u: services.member_recognition_propose(
        actor=u, member=w.in_b, on=D(2025, 3, 3))),
    "remove a member outside": ("bithu", lambda w, u: services.member_exit(
        actor=u, member=w.in_b, reason="DIED", on=D(2025, 3, 3), today=TODAY)),
    "exempt a member outside": ("tochuc", lambda w, u: services.member_exempt(
        actor=u, member=w.outside.member, valid_from=D(2025, 3, 3), valid_to=None,
        reason="Sức khỏe")),
    "record a period out of the Party outside": ("bithu", lambda w, u: services.party_gap_add(
        actor=u, member=w.in_b, start_date=D(2014, 1, 1), end_date=D(2015, 1, 1),
        reason=GapReason.REMOVED, today=TODAY)),
    "delete a period out of the Party outside": ("bithu", lambda w, u: services.party_gap_remove(
        actor=u, gap=w.gap_b, today=TODAY)),
    "award a badge outside": ("bithu", lambda w, u: services.badge_award(
        actor=u, member=w.in_b, milestone=30, awarded_on=D(2025, 2, 3))),
    "open a case in another committee": ("tochuc", lambda w, u: services.admission_open(
        actor=u, cell=w.outside.cell, today=TODAY,
        values={"full_name": "A", "gender": "F", "birth_date": D(2000, 1, 1)})),
    "name an introducer outside": ("bithu", lambda w, u: services.admission_update(
        actor=u, case=w.case, version=w.case.version, today=TODAY,
        values={"introducer_1": w.in_b})),
    "step a case outside": ("tochuc", lambda w, u: services.admission_close(
        actor=u, case=w.case_out, reason="Rút đơn", today=TODAY)),
    "register in bulk into a cell outside": ("bithu", lambda w, u: services.members_register_bulk(
        actor=u, today=TODAY, label="Nhập",
        rows=[services.RegistryRow(
            _member_values(), [(w.tree.grassroots_b.pk, D(2021, 1, 1), None, "REGISTERED")])])),
    "print a document about a member outside": ("bithu", lambda w, u: documents_log_print(
        actor=u, name="recognition_decision", subject=w.in_b, org=None, context={})),
    "give a role without the settings' reach": ("tochuc", lambda w, u: role_assign(
        actor=u, user=u, role=Role.ADMIN, valid_from=TODAY)),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_service_refuses_what_lies_outside_its_actors_reach(world: World, case: str) -> None:
    username, call = REFUSED[case]
    user = User.objects.get(username=username)
    before = _counts()

    with pytest.raises(OutOfScope):
        call(world, user)

    assert _counts() == before


def test_the_receiving_cell_records_an_arrival_only_within_its_reach(world: World) -> None:
    transfer = services.transfer_start(actor=world.board, member=world.in_a,
                                       kind=Transfer.Kind.INTERNAL, decided_on=D(2025, 3, 3),
                                       to_cell=world.tree.grassroots_b)  # fmt: skip
    services.transfer_issue_letter(actor=world.board, transfer=transfer, on=D(2025, 3, 4),
                                   today=TODAY)  # fmt: skip
    before = _counts()

    with pytest.raises(OutOfScope):
        services.transfer_arrive(actor=world.secretary, transfer=transfer, on=D(2025, 3, 10))

    assert _counts() == before
    services.transfer_arrive(actor=world.board, transfer=transfer, on=D(2025, 3, 10))
    assert Membership.objects.get(member=world.in_a, valid_to=None).org == world.tree.grassroots_b


def test_within_its_reach_a_secretary_moves_and_transfers_between_its_own_cells(
    world: World,
) -> None:
    services.member_move(actor=world.secretary, member=world.in_a, to_cell=world.tree.cell_a2,
                         on=D(2025, 3, 3))  # fmt: skip

    transfer = services.transfer_start(actor=world.secretary, member=world.in_a,
                                       kind=Transfer.Kind.INTERNAL, decided_on=D(2025, 4, 1),
                                       to_cell=world.tree.cell_a1)  # fmt: skip

    assert transfer.to_org == world.tree.cell_a1
