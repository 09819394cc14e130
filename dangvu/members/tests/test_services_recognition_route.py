"""Recognition as official takes the admission's route after the cell's resolution (13-KNĐ):
the đảng ủy bộ phận's review (14-KNĐ) for a cell inside a đảng bộ bộ phận, the đảng ủy cơ
sở's resolution (15-KNĐ) for a cell inside a đảng bộ cơ sở not authorised to admit on that
day, then the decision (Điều lệ Đảng Điều 5; Quy định 24/232/294 mục 4; HD 12-HD/BTCTW)."""

import datetime as dt
from collections.abc import Callable

import pytest

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.documents.models import OutgoingDocument
from dangvu.members.deadlines import due_items
from dangvu.members.models import ExitReason, LifecycleState, Member
from dangvu.members.services import (
    MemberChangeError,
    member_exit,
    member_recognition_grassroots,
    member_recognition_propose,
    member_recognition_review,
    member_recognize,
    recognition_pending_step,
)
from dangvu.members.tests.test_services_admission_route import (
    _authorised,
    _sub_cell,
    signers,  # noqa: F401 (a fixture)
)
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Role

D = dt.date
ADMITTED = D(2025, 3, 3)  # probation ends 3/3/2026
PROPOSED, REVIEWED, RESOLVED, DECIDED = D(2026, 3, 10), D(2026, 3, 13), D(2026, 3, 17), \
    D(2026, 3, 24)  # fmt: skip
CITED = "(Quy định 294-QĐ/TW; HD 06-HD/TW)"  # the rules of the cell's resolution


def _proposed(cell: OrgUnit, add_member: AddMember) -> Member:
    """A probationary member of CELL whose cell has proposed recognition on PROPOSED."""
    member = add_member(cell, full_name="Võ Thị Dự", admission_date=ADMITTED, official_date=None,
                        admission_decision_date=D(2025, 2, 24), joined_on=ADMITTED)  # fmt: skip
    return member_recognition_propose(actor=OPERATOR, member=member, on=PROPOSED)


Setup = Callable[[Tree], OrgUnit]
SCENARIOS: dict[str, tuple[Setup, tuple[str, ...], str]] = {
    # scenario: (the cell, after recording any authorisation; the steps; the register)
    "chi bộ cơ sở → the upper committee": (
        lambda t: t.grassroots_b, ("decide",), "DBK"),
    "cell in a đảng bộ cơ sở not authorised → 15-KNĐ, then the upper committee": (
        lambda t: t.cell_a1, ("grassroots", "decide"), "DBK"),
    "authorised on the cell's day → the đảng ủy cơ sở decides": (
        _authorised(D(2025, 1, 2)), ("decide",), "CSA"),
    "authorisation withdrawn before the cell's day → 15-KNĐ, the upper committee again": (
        _authorised(D(2024, 1, 2), D(2026, 3, 2)), ("grassroots", "decide"), "DBK"),
    "authorisation withdrawn after the cell's day → still the đảng ủy cơ sở": (
        _authorised(D(2024, 1, 2), D(2026, 3, 12)), ("decide",), "CSA"),
    "cell in a đảng bộ bộ phận → 14-KNĐ, 15-KNĐ, then the upper committee": (
        _sub_cell, ("review", "grassroots", "decide"), "DBK"),
    "cell in a đảng bộ bộ phận, authorised → 14-KNĐ, then the đảng ủy cơ sở": (
        _authorised(D(2025, 1, 2), in_sub=True), ("review", "decide"), "CSA"),
}  # fmt: skip
STEPS: dict[str, tuple[str, Callable[[Member], Member]]] = {
    # step: (the field the member page and the due list await, its service)
    "review": ("recognition_reviewed_on", lambda member: member_recognition_review(
        actor=OPERATOR, member=member, on=REVIEWED)),
    "grassroots": ("recognition_grassroots_on", lambda member: member_recognition_grassroots(
        actor=OPERATOR, member=member, on=RESOLVED)),
    "decide": ("official_decision_date", lambda member: member_recognize(
        actor=OPERATOR, member=member, decided_on=DECIDED, today=TODAY)),
}  # fmt: skip


@pytest.mark.usefixtures("signers")
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_steps_and_the_decider_come_from_the_tree_on_the_cells_day(
    scenario: str, tree: Tree, add_member: AddMember
) -> None:
    setup, steps, register = SCENARIOS[scenario]
    member = _proposed(setup(tree), add_member)

    for step in steps:
        awaited, perform = STEPS[step]
        assert recognition_pending_step(member) == awaited
        member = perform(member)

    entry = OutgoingDocument.objects.get(subject_type="members.member", subject_id=member.pk)
    assert (entry.committee.code, member.official_date) == (register, D(2026, 3, 3))
    symbol = "ĐUSTC" if register == "CSA" else "ĐUK"
    assert member.official_decision_number == f"1-QĐ/{symbol}"
    assert recognition_pending_step(member) is None


@pytest.mark.parametrize(
    ("setup", "done", "step", "refusal"),
    [
        # Inside a đảng bộ bộ phận: its review first, then the đảng ủy cơ sở's resolution.
        (_sub_cell, (), "grassroots",
         "Chi bộ trực thuộc đảng bộ bộ phận: cần báo cáo thẩm định của đảng ủy bộ phận "
         "(14-KNĐ) trước nghị quyết đảng ủy cơ sở đề nghị công nhận chính thức (15-KNĐ) "
         + CITED),
        (_sub_cell, ("review",), "decide",
         "Chi bộ trực thuộc đảng bộ cơ sở: cần nghị quyết của đảng ủy cơ sở đề nghị công "
         "nhận chính thức (15-KNĐ) trước quyết định công nhận đảng viên chính thức " + CITED),
        (lambda t: t.cell_a1, (), "decide", "cần nghị quyết của đảng ủy cơ sở"),
        # Steps the route does not have.
        (lambda t: t.cell_a1, (), "review",
         "Chi bộ không trực thuộc đảng bộ bộ phận; không có bước thẩm định của đảng ủy bộ "
         "phận " + CITED),
        (lambda t: t.grassroots_b, (), "grassroots",
         "Chi bộ cơ sở trình thẳng cấp ủy cấp trên; không có bước này."),
        (_authorised(D(2025, 1, 2)), (), "grassroots",
         "Đảng ủy cơ sở được ủy quyền kết nạp đảng viên tự quyết định công nhận đảng viên "
         "chính thức; không có bước nghị quyết đề nghị cấp trên " + CITED),
    ],
)  # fmt: skip
def test_a_step_waits_for_those_its_route_puts_before_it(
    tree: Tree,
    add_member: AddMember,
    setup: Setup,
    done: tuple[str, ...],
    step: str,
    refusal: str,
) -> None:
    member = _proposed(setup(tree), add_member)
    for earlier in done:
        member = STEPS[earlier][1](member)

    with pytest.raises(MemberChangeError) as refused:
        STEPS[step][1](member)

    assert refusal in " ".join(refused.value.messages)
    member.refresh_from_db()
    assert (member.official_date, member.recognition_grassroots_on) == (None, None)


def test_a_step_is_not_dated_before_the_one_before_it(tree: Tree, add_member: AddMember) -> None:
    member = _proposed(_sub_cell(tree), add_member)

    with pytest.raises(MemberChangeError) as refused:
        member_recognition_review(actor=OPERATOR, member=member, on=D(2026, 3, 9))
    member = member_recognition_review(actor=OPERATOR, member=member, on=REVIEWED)
    with pytest.raises(MemberChangeError, match=r"\(12/03/2026\) không được trước ngày báo cáo"):
        member_recognition_grassroots(actor=OPERATOR, member=member, on=D(2026, 3, 12))

    assert refused.value.messages == [
        "Ngày báo cáo thẩm định của đảng ủy bộ phận (14-KNĐ) (09/03/2026) không được trước "
        "ngày nghị quyết chi bộ đề nghị công nhận chính thức (13-KNĐ) (10/03/2026) " + CITED + "."
    ]


def test_no_step_comes_before_the_cells_resolution(tree: Tree, add_member: AddMember) -> None:
    member = add_member(tree.cell_a1, full_name="Võ Thị Dự", admission_date=ADMITTED,
                        official_date=None, joined_on=ADMITTED)  # fmt: skip

    with pytest.raises(MemberChangeError, match=r"Cần nghị quyết chi bộ đề nghị công nhận "
                       r"chính thức \(13-KNĐ\) trước nghị quyết đảng ủy cơ sở"):  # fmt: skip
        member_recognition_grassroots(actor=OPERATOR, member=member, on=RESOLVED)


def test_a_new_resolution_of_the_cell_starts_the_route_again(
    tree: Tree, add_member: AddMember
) -> None:
    member = member_recognition_review(
        actor=OPERATOR, member=_proposed(_sub_cell(tree), add_member), on=REVIEWED
    )

    member = member_recognition_propose(actor=OPERATOR, member=member, on=D(2026, 4, 1))

    assert (member.recognition_reviewed_on, recognition_pending_step(member)) == (
        None, "recognition_reviewed_on",
    )  # fmt: skip


def test_each_step_is_audited_with_the_organization_that_took_it(
    tree: Tree, add_member: AddMember
) -> None:
    member = _proposed(_sub_cell(tree), add_member)

    member = member_recognition_review(actor=OPERATOR, member=member, on=REVIEWED)
    member_recognition_grassroots(actor=OPERATOR, member=member, on=RESOLVED)

    entries = AuditEntry.objects.filter(object_id=member.pk, action__in=[
        Event.RECOGNITION_REVIEWED, Event.RECOGNITION_GRASSROOTS]).order_by("id")  # fmt: skip
    assert [(e.action, e.data) for e in entries] == [
        (Event.RECOGNITION_REVIEWED, {"on": "2026-03-13",
                                      "sub_committee": "Đảng bộ bộ phận Thanh tra"}),
        (Event.RECOGNITION_GRASSROOTS, {"on": "2026-03-17"}),
    ]  # fmt: skip


def test_a_member_not_recognized_leaves_the_roll_whatever_step_was_reached(
    tree: Tree, add_member: AddMember
) -> None:
    """Không công nhận chính thức: struck off the list of probationary members (Điều lệ
    Đảng Điều 5), after the đảng ủy bộ phận's review as before any step."""
    member = member_recognition_review(
        actor=OPERATOR, member=_proposed(_sub_cell(tree), add_member), on=REVIEWED
    )

    member_exit(actor=OPERATOR, member=member, reason=ExitReason.NOT_RECOGNIZED, on=RESOLVED,
                today=TODAY)  # fmt: skip

    member.refresh_from_db()
    assert (member.state, member.exit_reason) == (LifecycleState.EXITED, ExitReason.NOT_RECOGNIZED)
    assert recognition_pending_step(member) is None
    with pytest.raises(MemberChangeError, match="đã ra khỏi danh sách"):
        member_recognition_grassroots(actor=OPERATOR, member=member, on=D(2026, 3, 20))


@pytest.mark.parametrize(
    ("setup", "done", "kind"),
    [
        (_sub_cell, (), "RECOGNITION_REVIEW"),
        (_sub_cell, ("review",), "RECOGNITION_GRASSROOTS"),
        (lambda t: t.cell_a1, (), "RECOGNITION_GRASSROOTS"),
        (lambda t: t.cell_a1, ("grassroots",), "RECOGNITION_DECISION"),
        (lambda t: t.grassroots_b, (), "RECOGNITION_DECISION"),
    ],
)  # fmt: skip
def test_the_due_list_names_the_step_awaited_due_by_the_decisions_deadline(
    tree: Tree,
    add_member: AddMember,
    make_user: MakeUser,
    setup: Setup,
    done: tuple[str, ...],
    kind: str,
) -> None:
    member = _proposed(setup(tree), add_member)
    for earlier in done:
        member = STEPS[earlier][1](member)
    board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)

    items = [i for i in due_items(user=board, today=TODAY) if i.name == "Võ Thị Dự"]

    # 30 working days from the cell's resolution of 10/3/2026, six weeks (mục 4).
    assert [(i.kind, i.due, i.bucket) for i in items] == [(kind, D(2026, 4, 21), "OVERDUE")]
