"""Recording and deleting periods out of the Party (Quy định 24-QĐ/TW mục 4.5.1): checked,
in scope, audited, and counted by party age."""

import datetime as dt

import pytest

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.members import services
from dangvu.members.models import GapReason, Member, PartyGap
from dangvu.members.selectors import member_lifecycle
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role

D = dt.date


@pytest.fixture
def member(tree: Tree, add_member: AddMember) -> Member:
    # Decision 10/5/2010, ceremony 19/5/2010.
    return add_member(tree.cell_a1, admission_decision_date=D(2010, 5, 10))


def _add(member: Member, start: D, end: D, **kwargs: object) -> PartyGap:
    values: dict[str, object] = {"reason": GapReason.REMOVED, "actor": OPERATOR, "today": TODAY}
    values.update(kwargs)
    return services.party_gap_add(member=member, start_date=start, end_date=end, **values)  # type: ignore[arg-type]


def test_a_period_is_recorded_audited_and_taken_off_party_age(member: Member) -> None:
    before = member_lifecycle(member, on=TODAY).party_age_months

    gap = _add(member, D(2015, 1, 1), D(2016, 1, 1), reason=GapReason.EXPELLED,
               detail="QĐ 12-QĐ/UBKT; kết nạp lại 1/1/2016")  # fmt: skip

    entry = AuditEntry.objects.get(action=Event.PARTY_GAP_ADDED)
    assert entry.object_id == member.pk
    assert entry.data["from"] == "2015-01-01" and entry.data["to"] == "2016-01-01"
    assert entry.data["gap_reason"] == "EXPELLED"
    after = member_lifecycle(member, on=TODAY)
    assert after.gaps == [gap]
    assert before == 12 * 16 + 6  # 10/5/2010 to 26/11/2026
    assert after.party_age_months == before - 12


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (D(2016, 1, 1), D(2015, 1, 1), "end_date", "Ngày kết thúc phải sau ngày bắt đầu."),
        (D(2015, 1, 1), D(2015, 1, 1), "end_date", "Ngày kết thúc phải sau ngày bắt đầu."),
        (D(2010, 5, 9), D(2011, 1, 1), "start_date",
         "Thời gian không tham gia sinh hoạt đảng phải từ ngày quyết định kết nạp (10/05/2010) "
         "trở đi."),
        (D(2026, 1, 1), D(2026, 11, 27), "end_date",
         "Đến ngày phải từ 03/02/1930 (ngày thành lập Đảng) đến hôm nay (26/11/2026)."),
        (D(2026, 1, 1), D(9999, 12, 31), "end_date",
         "Đến ngày phải từ 03/02/1930 (ngày thành lập Đảng) đến hôm nay (26/11/2026)."),
        (D(2020, 6, 1), D(2022, 1, 1), "start_date",
         "Trùng với một thời gian không tham gia sinh hoạt đảng đã ghi."),
        (D(2019, 1, 1), D(2020, 1, 2), "start_date",
         "Trùng với một thời gian không tham gia sinh hoạt đảng đã ghi."),
    ],
)  # fmt: skip
def test_a_bad_period_is_refused_with_its_reason_and_nothing_written(
    member: Member, start: D, end: D, field: str, message: str
) -> None:
    _add(member, D(2020, 1, 1), D(2021, 1, 1))
    counts = (PartyGap.objects.count(), AuditEntry.objects.count())

    with pytest.raises(services.MemberChangeError) as refused:
        _add(member, start, end)

    assert refused.value.message_dict == {field: [message]}
    assert (PartyGap.objects.count(), AuditEntry.objects.count()) == counts


def test_an_unknown_reason_is_refused(member: Member) -> None:
    with pytest.raises(services.MemberChangeError) as refused:
        _add(member, D(2015, 1, 1), D(2016, 1, 1), reason="HOLIDAY")

    assert refused.value.message_dict == {"reason": ["Chọn lý do trong danh sách."]}


def test_a_period_is_deleted_and_the_deletion_audited(member: Member) -> None:
    gap = _add(member, D(2015, 1, 1), D(2016, 1, 1))

    services.party_gap_remove(actor=OPERATOR, gap=gap, today=TODAY)

    assert not PartyGap.objects.exists()
    entry = AuditEntry.objects.get(action=Event.PARTY_GAP_REMOVED)
    assert entry.data["from"] == "2015-01-01" and entry.data["gap_reason"] == "REMOVED"
    with pytest.raises(services.MemberChangeError, match="đã được xóa"):
        services.party_gap_remove(actor=OPERATOR, gap=gap, today=TODAY)


def test_the_secretary_of_the_members_organization_may_record_a_period(
    tree: Tree, member: Member, make_user: MakeUser
) -> None:
    secretary = make_user("bithu_a", Role.SECRETARY, tree.grassroots_a)

    gap = _add(member, D(2015, 1, 1), D(2016, 1, 1), actor=secretary)

    assert gap.member_id == member.pk
