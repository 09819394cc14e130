import datetime as dt

import pytest

from conftest import TODAY, AddMember, Tree
from dangvu.members.models import ExitReason, LifecycleState, Member, RemovalReason, Transfer
from dangvu.members.services import (
    MemberChangeError,
    member_exempt,
    member_exit,
    member_receive,
    transfer_arrive,
    transfer_issue_letter,
    transfer_return,
    transfer_start,
)
from dangvu.organizations.access import OPERATOR, Operator
from dangvu.stats.selectors import figures, flatten, org_tree

D = dt.date


def _count(code: str, on: D) -> int:
    return {n.code: n.counts.total for n in flatten(org_tree(user=Operator(), as_of=on))}[code]


def _start_internal(member: Member, tree: Tree) -> Transfer:
    """An official transfer to CSB, decided on 3/3/2025."""
    return transfer_start(
        actor=OPERATOR,
        member=member,
        kind=Transfer.Kind.INTERNAL,
        decided_on=D(2025, 3, 3),
        to_cell=tree.grassroots_b,
    )


@pytest.fixture
def member(tree: Tree, add_member: AddMember) -> Member:
    return add_member(tree.cell_a1, full_name="Trần Văn Đi")


def test_a_member_in_transit_is_counted_once_before_during_and_after(
    member: Member, tree: Tree
) -> None:
    transfer = _start_internal(member, tree)
    transfer_issue_letter(actor=OPERATOR, transfer=transfer, on=D(2025, 3, 10), today=TODAY)
    transfer_arrive(actor=OPERATOR, transfer=transfer, on=D(2025, 3, 20))

    for on, in_a, in_b in ((D(2025, 3, 1), 1, 0), (D(2025, 3, 15), 1, 0), (D(2025, 3, 20), 0, 1)):
        assert (_count("CSA", on), _count("CSB", on)) == (in_a, in_b)
        assert figures(user=Operator(), as_of=on)["members"]["total"] == 1
    member.refresh_from_db()
    assert member.state == LifecycleState.ACTIVE


def test_while_in_transit_other_changes_are_refused(member: Member, tree: Tree) -> None:
    _start_internal(member, tree)

    with pytest.raises(MemberChangeError, match="Đảng viên đang chuyển sinh hoạt, không thể"):
        member_exempt(
            actor=OPERATOR,
            member=member,
            valid_from=D(2025, 4, 1),
            valid_to=None,
            reason="Sức khỏe",
        )


def test_arrival_needs_the_letter_first(member: Member, tree: Tree) -> None:
    transfer = _start_internal(member, tree)

    with pytest.raises(MemberChangeError, match="giấy giới thiệu"):
        transfer_arrive(actor=OPERATOR, transfer=transfer, on=D(2025, 3, 20))


def test_leaving_the_committee_ends_membership_on_the_letters_day(member: Member) -> None:
    transfer = transfer_start(
        actor=OPERATOR,
        member=member,
        kind=Transfer.Kind.OUTGOING,
        decided_on=D(2025, 5, 5),
        other_party="Đảng bộ phường Hạc Thành",
    )

    transfer_issue_letter(actor=OPERATOR, transfer=transfer, on=D(2025, 5, 12), today=TODAY)

    member.refresh_from_db()
    assert (member.state, member.exit_reason, member.exit_date) == (
        LifecycleState.EXITED,
        ExitReason.TRANSFERRED_OUT,
        D(2025, 5, 12),
    )
    assert figures(user=Operator(), as_of=D(2025, 5, 11))["members"]["total"] == 1
    assert figures(user=Operator(), as_of=D(2025, 5, 12))["members"]["total"] == 0


def test_a_temporary_transfer_keeps_the_member_at_home_until_return(member: Member) -> None:
    transfer = transfer_start(
        actor=OPERATOR,
        member=member,
        kind=Transfer.Kind.TEMPORARY_STUDY,
        decided_on=D(2025, 9, 1),
        other_party="Học viện Chính trị",
        expected_return=D(2026, 6, 30),
    )
    member.refresh_from_db()
    assert member.state == LifecycleState.AWAY
    assert _count("CSA", D(2025, 12, 1)) == 1

    transfer_return(actor=OPERATOR, transfer=transfer, on=D(2026, 6, 25))

    member.refresh_from_db()
    assert member.state == LifecycleState.ACTIVE


def test_a_temporary_transfer_gets_its_letter_and_the_member_stays_away(
    member: Member,
) -> None:
    transfer = transfer_start(
        actor=OPERATOR,
        member=member,
        kind=Transfer.Kind.TEMPORARY_WORK,
        decided_on=D(2025, 9, 1),
        other_party="Đảng ủy Sở Y tế tỉnh Nghệ An",
        expected_return=D(2026, 3, 1),
    )

    transfer_issue_letter(actor=OPERATOR, transfer=transfer, on=D(2025, 9, 3),
                          today=TODAY)  # fmt: skip

    transfer.refresh_from_db()
    member.refresh_from_db()
    assert (transfer.letter_date, transfer.state) == (D(2025, 9, 3), Transfer.State.AWAY)
    assert member.state == LifecycleState.AWAY and member.exit_date is None
    assert _count("CSA", D(2025, 12, 1)) == 1


def test_a_member_in_transit_whose_letter_is_never_presented_is_removed(
    member: Member, tree: Tree
) -> None:
    transfer = _start_internal(member, tree)
    transfer_issue_letter(actor=OPERATOR, transfer=transfer, on=D(2025, 3, 10), today=TODAY)

    member_exit(actor=OPERATOR, member=member, reason=ExitReason.REMOVED, on=D(2025, 9, 1),
                today=TODAY, detail=RemovalReason.NO_ACTIVITY_OR_DUES)  # fmt: skip

    transfer.refresh_from_db()
    member.refresh_from_db()
    assert (member.state, member.exit_reason) == (LifecycleState.EXITED, ExitReason.REMOVED)
    assert transfer.state == Transfer.State.CANCELLED
    assert (_count("CSA", D(2025, 8, 31)), _count("CSA", D(2025, 9, 1))) == (1, 0)
    assert _count("CSB", D(2025, 9, 1)) == 0


def test_a_temporary_transfer_longer_than_allowed_is_refused(member: Member) -> None:
    with pytest.raises(MemberChangeError) as refused:
        transfer_start(
            actor=OPERATOR,
            member=member,
            kind=Transfer.Kind.TEMPORARY_WORK,
            decided_on=D(2025, 9, 1),
            other_party="Sở Y tế tỉnh Nghệ An",
            expected_return=D(2026, 9, 1),
        )

    assert "dưới 1 năm" in refused.value.message_dict["expected_return"][0]


def test_a_member_received_from_outside_has_a_completed_incoming_transfer(tree: Tree) -> None:
    from conftest import member_values

    member = member_receive(actor=OPERATOR, values=member_values(full_name="Đinh Văn Đến"),
                            cell=tree.cell_a2, on=D(2024, 2, 1), other_party="Tỉnh ủy Nghệ An",
                            today=TODAY)  # fmt: skip

    transfer = Transfer.objects.get(member=member)
    assert (transfer.kind, transfer.state, transfer.other_party) == (
        Transfer.Kind.INCOMING,
        Transfer.State.COMPLETED,
        "Tỉnh ủy Nghệ An",
    )
    assert _count("CSA-2", D(2024, 2, 1)) == 1
