import datetime as dt
import functools

import pytest

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.members.deadlines import due_items
from dangvu.members.models import BadgeAward, ExitReason, LifecycleState, Member, RemovalReason
from dangvu.members.services import (
    MemberChangeError,
    badge_award,
    member_exit,
    member_expel,
    member_recognition_grassroots,
    member_recognition_propose,
    member_recognize,
)
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role

D = dt.date


@pytest.fixture
def probationary(tree: Tree, add_member: AddMember) -> Member:
    return add_member(tree.cell_a1, full_name="Võ Thị Dự", gender="F", birth_date=D(1999, 1, 1),
                      admission_date=D(2025, 8, 19), official_date=None,
                      joined_on=D(2025, 8, 19))  # fmt: skip


def test_recognition_is_effective_on_the_exact_twelve_month_day_however_late(
    probationary: Member,
) -> None:
    member_recognition_propose(actor=OPERATOR, member=probationary, on=D(2026, 9, 30))
    member_recognition_grassroots(actor=OPERATOR, member=probationary, on=D(2026, 10, 20))

    member_recognize(actor=OPERATOR, member=probationary, decided_on=D(2026, 11, 20), today=TODAY)

    probationary.refresh_from_db()
    assert probationary.official_date == D(2026, 8, 19)
    assert probationary.official_decision_number == "1-QĐ/ĐUK"  # the register's first


def test_the_cell_cannot_propose_before_probation_ends(probationary: Member) -> None:
    with pytest.raises(MemberChangeError, match=r"Chưa hết 12 tháng dự bị \(đến 19/08/2026\)"):
        member_recognition_propose(actor=OPERATOR, member=probationary, on=D(2026, 8, 18))


def test_the_cell_may_propose_on_the_day_probation_ends(probationary: Member) -> None:
    proposed = member_recognition_propose(actor=OPERATOR, member=probationary, on=D(2026, 8, 19))

    assert proposed.recognition_proposed_on == D(2026, 8, 19)


def test_a_decision_needs_the_cells_proposal(probationary: Member) -> None:
    with pytest.raises(
        MemberChangeError,
        match=r"Cần nghị quyết chi bộ đề nghị công nhận chính thức \(13-KNĐ\) trước quyết định "
        r"công nhận đảng viên chính thức \(Quy định 294-QĐ/TW; HD 06-HD/TW\)",
    ):
        member_recognize(actor=OPERATOR, member=probationary, decided_on=D(2026, 9, 1), today=TODAY)


def test_an_overdue_recognition_shows_on_the_deadlines_of_those_in_scope(
    probationary: Member, tree: Tree, make_user: MakeUser
) -> None:
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    other = make_user("bithu_b", Role.SECRETARY, tree.grassroots_b)

    items = due_items(user=secretary, today=TODAY)

    assert [(i.kind, i.name, i.bucket) for i in items] == [
        ("RECOGNITION_CELL", "Võ Thị Dự", "OVERDUE")
    ]
    # 30 working days after 19/08/2026: Saturday 22/8 is worked, 31/8–2/9 are days off.
    assert items[0].due == D(2026, 10, 2)
    assert due_items(user=other, today=TODAY) == []


def test_not_recognized_is_an_exit_with_its_reason(probationary: Member) -> None:
    member_exit(actor=OPERATOR, member=probationary, reason=ExitReason.NOT_RECOGNIZED,
                on=D(2026, 9, 15), today=TODAY)  # fmt: skip

    probationary.refresh_from_db()
    assert (probationary.state, probationary.exit_reason) == (
        LifecycleState.EXITED,
        ExitReason.NOT_RECOGNIZED,
    )


def test_only_a_probationary_member_is_struck_off_the_probationary_list(
    tree: Tree, add_member: AddMember
) -> None:
    official = add_member(tree.cell_a1)  # official since 2011

    with pytest.raises(MemberChangeError, match="Chỉ đảng viên dự bị") as refused:
        member_exit(actor=OPERATOR, member=official, reason=ExitReason.NOT_RECOGNIZED,
                    on=D(2026, 9, 15), today=TODAY)  # fmt: skip

    assert "Điều 5" in refused.value.message_dict["exit_reason"][0]
    official.refresh_from_db()
    assert (official.state, official.exit_date) == (LifecycleState.ACTIVE, None)


def test_removal_needs_one_of_the_charters_grounds(tree: Tree, add_member: AddMember) -> None:
    member = add_member(tree.cell_a1)

    with pytest.raises(MemberChangeError, match="căn cứ theo Điều lệ"):
        member_exit(actor=OPERATOR, member=member, reason=ExitReason.REMOVED, on=D(2026, 1, 5),
                    today=TODAY)  # fmt: skip
    member_exit(actor=OPERATOR, member=member, reason=ExitReason.REMOVED, on=D(2026, 1, 5),
                today=TODAY, detail=RemovalReason.NO_ACTIVITY_OR_DUES)  # fmt: skip
    member.refresh_from_db()
    assert member.exit_detail == RemovalReason.NO_ACTIVITY_OR_DUES


def test_expulsion_is_recorded_for_the_discipline_module(tree: Tree, add_member: AddMember) -> None:
    member = add_member(tree.cell_a1)

    member_expel(actor=OPERATOR, member=member, on=D(2026, 3, 2), today=TODAY, decision="5-QĐ/UBKT")

    member.refresh_from_db()
    assert (member.exit_reason, member.exit_detail) == (ExitReason.EXPELLED, "5-QĐ/UBKT")


def test_badges_are_awarded_on_the_four_occasions_once_per_milestone(
    tree: Tree, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a1, birth_date=D(1970, 1, 1), admission_date=D(1995, 5, 19),
                        official_date=D(1996, 5, 19))  # fmt: skip

    with pytest.raises(MemberChangeError, match="vào các dịp 3/2, 19/5, 2/9, 7/11"):
        badge_award(actor=OPERATOR, member=member, milestone=30, awarded_on=D(2025, 5, 20))
    badge_award(actor=OPERATOR, member=member, milestone=30, awarded_on=D(2025, 5, 19))
    with pytest.raises(MemberChangeError, match="đã nhận Huy hiệu mốc này"):
        badge_award(actor=OPERATOR, member=member, milestone=30, awarded_on=D(2025, 9, 2))

    assert BadgeAward.objects.get(member=member).milestone == 30


@pytest.mark.parametrize(
    ("milestone", "awarded_on", "refusal"),
    [
        (35, D(2025, 5, 19), "Mốc tuổi đảng không hợp lệ; các mốc: 30, 40, 45"),
        (45, D(2015, 5, 19), "các mốc: 30, 40, 50"),  # before Quy định 29 added the 45-year badge
        (30, D(1929, 5, 19), "chưa có quy định về Huy hiệu Đảng áp dụng cho ngày 19/05/1929"),
    ],
)
def test_a_badge_follows_the_rules_of_its_day(
    tree: Tree, add_member: AddMember, milestone: int, awarded_on: D, refusal: str
) -> None:
    member = add_member(tree.cell_a1, birth_date=D(1940, 1, 1), admission_date=D(1965, 5, 19),
                        official_date=D(1966, 5, 19))  # fmt: skip

    with pytest.raises(MemberChangeError, match=refusal):
        badge_award(actor=OPERATOR, member=member, milestone=milestone, awarded_on=awarded_on)


def test_a_badge_is_awarded_posthumously(tree: Tree, add_member: AddMember) -> None:
    member = add_member(tree.cell_a1, birth_date=D(1970, 1, 1), admission_date=D(1996, 9, 1),
                        official_date=D(1997, 9, 1))  # fmt: skip
    member_exit(actor=OPERATOR, member=member, reason=ExitReason.DIED, on=D(2026, 1, 10),
                today=TODAY)  # fmt: skip

    with pytest.raises(MemberChangeError, match="ghi căn cứ"):
        badge_award(actor=OPERATOR, member=member, milestone=30, awarded_on=D(2026, 2, 3))
    badge_award(actor=OPERATOR, member=member, milestone=30, awarded_on=D(2026, 2, 3),
                reason="Từ trần ngày 10/01/2026, 29 năm 4 tháng tuổi đảng")  # fmt: skip

    award = BadgeAward.objects.get(member=member)
    assert award.early and award.reason.startswith("Từ trần")


@pytest.mark.parametrize(
    ("milestone", "awarded_on", "ill", "refusal"),
    [
        # Party age counts from the decision, 20/6/1995: 30 years on 20/6/2025.
        (30, D(2025, 5, 19), False, "chưa đến mốc Huy hiệu 30 năm"),
        (30, D(2025, 9, 2), False, None),  # the first occasion after that day
        (40, D(2025, 9, 2), False, "được xét Huy hiệu 30 năm tuổi đảng, không phải 40"),
        # Seriously ill: up to 12 months early for 30 years (HD 01-HD/TW mục 18).
        (30, D(2024, 9, 2), True, None),
        (30, D(2024, 5, 19), True, "chưa đến mốc Huy hiệu 30 năm"),
    ],
)
def test_a_badge_is_awarded_only_once_its_milestone_is_reached(
    tree: Tree,
    add_member: AddMember,
    milestone: int,
    awarded_on: D,
    ill: bool,
    refusal: str | None,
) -> None:
    member = add_member(tree.cell_a1, birth_date=D(1970, 1, 1), admission_date=D(1995, 7, 20),
                        admission_decision_date=D(1995, 6, 20),
                        official_date=D(1996, 7, 20))  # fmt: skip
    award = functools.partial(badge_award, actor=OPERATOR, member=member, milestone=milestone,
                              awarded_on=awarded_on, seriously_ill=ill,
                              reason="Bệnh hiểm nghèo" if ill else "")  # fmt: skip

    if refusal is None:
        award()
        assert BadgeAward.objects.get(member=member).early == ill
    else:
        with pytest.raises(MemberChangeError, match=refusal):
            award()
