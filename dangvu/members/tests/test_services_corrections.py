"""Correction requests: a member asks about their own record only; those who may change the
record decide, through `member_update`; each step is audited."""

import datetime as dt
from typing import Any

import pytest
from django.http import Http404

from conftest import TODAY, AddMember, MakeUser, Outside, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.members.deadlines import due_list
from dangvu.members.models import CorrectionRequest, Member
from dangvu.members.services import (
    MemberChangeError,
    correction_request_accept,
    correction_request_reject,
    correction_request_submit,
)
from dangvu.organizations.roles import Role

Status = CorrectionRequest.Status


class World:
    """A member of CSA-1 with their account, another member of CSA-1, the committee's
    Organization board, CSA's secretary and the secretary of CSB (another subtree)."""

    def __init__(self, tree: Tree, add_member: AddMember, make_user: MakeUser) -> None:
        self.member = add_member(tree.cell_a1, full_name="Lý Văn Tư")
        self.other = add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
        self.member_user = make_user("dangvien", Role.MEMBER, member=self.member)
        self.board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
        self.secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
        self.secretary_b = make_user("bithu_b", Role.SECRETARY, tree.grassroots_b)

    def submit(self, **overrides: Any) -> CorrectionRequest:
        values: dict[str, Any] = {
            "actor": self.member_user,
            "member": self.member,
            "field": "workplace",
            "proposed_value": "Sở Tài chính tỉnh",
            "reason": "Đã chuyển công tác từ tháng 9",
            "today": TODAY,
        }
        return correction_request_submit(**(values | overrides))


@pytest.fixture
def world(tree: Tree, add_member: AddMember, make_user: MakeUser) -> World:
    return World(tree, add_member, make_user)


def test_a_member_asks_for_a_correction_of_their_own_record(world: World) -> None:
    request = world.submit()

    assert (request.status, request.field, request.proposed_value) == (
        Status.PENDING, "workplace", "Sở Tài chính tỉnh"
    )  # fmt: skip
    assert request.requested_by == world.member_user
    entry = AuditEntry.objects.get(action=Event.CORRECTION_REQUESTED)
    assert (entry.object_id, entry.actor, entry.reason) == (
        request.pk, world.member_user, "Đã chuyển công tác từ tháng 9"
    )  # fmt: skip
    assert entry.data["proposed_value"] == "Sở Tài chính tỉnh"
    # Nothing changes on the record until someone decides.
    assert Member.objects.get(pk=world.member.pk).workplace == ""


def test_a_member_cannot_ask_about_someone_elses_record(world: World, outside: Outside) -> None:
    for member in (world.other, outside.member):
        with pytest.raises(Http404):
            world.submit(member=member)

    assert not CorrectionRequest.objects.exists()
    assert not AuditEntry.objects.filter(action=Event.CORRECTION_REQUESTED).exists()


def test_staff_ask_only_for_members_they_may_change(world: World, outside: Outside) -> None:
    world.submit(actor=world.secretary, member=world.other)

    with pytest.raises(Http404):
        world.submit(actor=world.secretary_b, member=world.other)
    with pytest.raises(Http404):
        world.submit(actor=world.board, member=outside.member)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_date", "31/02/1985", "dd/mm/yyyy"),
        ("birth_date", "15/03/2030", "Ngày sinh không được sau ngày hôm nay."),
        ("gender", "Khác", "Chọn một trong: Nam, Nữ."),
        ("national_id", "123", "Số CCCD phải gồm đúng 12 chữ số."),
        ("workplace", "", "Hồ sơ đang ghi đúng giá trị này."),
        ("photo", "anh.png", "Chọn mục cần điều chỉnh trong danh sách."),
    ],
)
def test_a_value_of_the_wrong_form_is_refused_when_asked(
    world: World, field: str, value: str, message: str
) -> None:
    with pytest.raises(MemberChangeError) as refused:
        world.submit(field=field, proposed_value=value)

    assert any(message in text for text in refused.value.messages), refused.value.messages
    assert not CorrectionRequest.objects.exists()


def test_a_choice_is_asked_by_its_label_and_kept_by_its_code(world: World) -> None:
    request = world.submit(field="gender", proposed_value="nu")

    assert request.proposed_value == "F"
    assert AuditEntry.objects.get(action=Event.CORRECTION_REQUESTED).data["proposed_value"] == "Nữ"


def test_one_open_request_per_field(world: World) -> None:
    world.submit()

    with pytest.raises(MemberChangeError, match="đang chờ xem xét"):
        world.submit(proposed_value="Sở Nội vụ")
    world.submit(field="phone", proposed_value="0912345678")


def test_the_organization_board_accepts_and_the_record_changes_through_the_edit(
    world: World,
) -> None:
    request = world.submit(field="birth_date", proposed_value="16/03/1985")
    version = Member.objects.get(pk=world.member.pk).version

    correction_request_accept(actor=world.board, request=request, today=TODAY, reason="Đúng CCCD")

    member = Member.objects.get(pk=world.member.pk)
    assert (member.birth_date, member.version) == (dt.date(1985, 3, 16), version + 1)
    edit = AuditEntry.objects.get(action=Event.UPDATED, object_id=member.pk, actor=world.board)
    assert edit.changes == {"birth_date": ["1985-03-15", "1985-03-16"]}
    request.refresh_from_db()
    assert (request.status, request.decided_by, request.decision_reason) == (
        Status.ACCEPTED, world.board, "Đúng CCCD"
    )  # fmt: skip
    accepted = AuditEntry.objects.get(action=Event.CORRECTION_ACCEPTED)
    assert accepted.data["member_edit"] == edit.pk


def test_a_value_that_no_longer_validates_is_refused_with_a_reason_to_give(
    world: World, add_member: AddMember, tree: Tree
) -> None:
    request = world.submit(field="party_card_number", proposed_value="12345678")
    # Meanwhile another member's record is given that card number.
    Member.objects.filter(pk=world.other.pk).update(party_card_number="12345678")

    with pytest.raises(MemberChangeError) as refused:
        correction_request_accept(actor=world.board, request=request, today=TODAY)

    assert "Hãy từ chối yêu cầu và nêu lý do" in refused.value.messages[0]
    assert "đã được dùng cho đảng viên khác" in refused.value.messages[0]
    request.refresh_from_db()
    assert request.status == Status.PENDING
    assert Member.objects.get(pk=world.member.pk).party_card_number == ""
    assert not AuditEntry.objects.filter(action=Event.CORRECTION_ACCEPTED).exists()


def test_a_secretary_of_another_subtree_cannot_decide(world: World) -> None:
    request = world.submit()

    for actor in (world.secretary_b, world.member_user):
        with pytest.raises(Http404):
            correction_request_accept(actor=actor, request=request, today=TODAY)
        with pytest.raises(Http404):
            correction_request_reject(actor=actor, request=request, reason="Không", today=TODAY)

    request.refresh_from_db()
    assert request.status == Status.PENDING


def test_a_rejection_needs_a_reason_and_closes_the_request(world: World) -> None:
    request = world.submit()

    with pytest.raises(MemberChangeError, match="Nêu lý do từ chối"):
        correction_request_reject(actor=world.secretary, request=request, reason=" ", today=TODAY)
    correction_request_reject(actor=world.secretary, request=request,
                              reason="Chưa có quyết định điều động", today=TODAY)  # fmt: skip

    request.refresh_from_db()
    assert (request.status, request.decided_by) == (Status.REJECTED, world.secretary)
    assert Member.objects.get(pk=world.member.pk).workplace == ""
    entry = AuditEntry.objects.get(action=Event.CORRECTION_REJECTED)
    assert entry.reason == "Chưa có quyết định điều động"
    with pytest.raises(MemberChangeError, match="đã được xem xét"):
        correction_request_accept(actor=world.board, request=request, today=TODAY)


def test_open_requests_are_on_the_due_list_of_those_who_may_change_the_record(
    world: World, make_user: MakeUser, tree: Tree
) -> None:
    request = world.submit()
    leadership = make_user("thuongvu", Role.LEADERSHIP, tree.committee)

    def lines(user: Any) -> list[str]:
        return [item.name for item in due_list(user=user, today=TODAY)
                if item.kind == "CORRECTION_REQUEST"]  # fmt: skip

    assert lines(world.board) == ["Lý Văn Tư: Nơi làm việc"]
    assert lines(world.secretary) == ["Lý Văn Tư: Nơi làm việc"]
    # Those who cannot act on it are not given it: another subtree, a reader, the member.
    assert lines(world.secretary_b) == lines(leadership) == lines(world.member_user) == []

    correction_request_accept(actor=world.board, request=request, today=TODAY)

    assert lines(world.board) == []
