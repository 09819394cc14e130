import datetime as dt

import pytest

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.models import AuditEntry
from dangvu.members.deadlines import due_items
from dangvu.members.lifecycle_forms import DecisionForm
from dangvu.members.models import AdmissionCase, Member
from dangvu.members.services import (
    MemberChangeError,
    admission_ceremony,
    admission_close,
    admission_decide,
    admission_grassroots_resolve,
    admission_open,
    admission_propose,
    admission_update,
)
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import Membership
from dangvu.organizations.roles import Role

D = dt.date


@pytest.fixture
def case(tree: Tree, add_member: AddMember) -> AdmissionCase:
    first = add_member(tree.cell_a1, full_name="Lê Văn Một")
    second = add_member(tree.cell_a1, full_name="Phạm Thị Hai", gender="F")
    return admission_open(actor=OPERATOR, cell=tree.cell_a1, today=TODAY, values={
        "full_name": "Hoàng Thị Mới", "gender": "F", "birth_date": D(2000, 4, 2),
        "national_id": "038300000777", "awareness_class_date": D(2025, 1, 10),
        "application_date": D(2025, 3, 1), "biography_date": D(2025, 4, 1),
        "biography_verified_date": D(2025, 5, 1), "introducer_1": first, "introducer_2": second,
        "introducers_months_together": 14, "mass_org_comments_date": D(2025, 5, 20),
    })  # fmt: skip


def test_a_candidate_goes_from_case_to_probationary_member(case: AdmissionCase, tree: Tree) -> None:
    admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))
    admission_grassroots_resolve(actor=OPERATOR, case=case, on=D(2025, 6, 20))
    admission_decide(actor=OPERATOR, case=case, on=D(2025, 7, 15))

    member = admission_ceremony(actor=OPERATOR, case=case, on=D(2025, 8, 1), today=TODAY)

    case.refresh_from_db()
    assert case.state == AdmissionCase.State.ADMITTED and case.member == member
    assert (member.admission_date, member.admission_decision_date) == (
        D(2025, 8, 1),
        D(2025, 7, 15),
    )
    assert member.official_date is None
    assert Membership.objects.get(member=member).start == Membership.Start.ADMITTED
    assert list(
        AuditEntry.objects.filter(object_type="members.admissioncase")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["members.admission.opened", "members.admission.proposed",
          "members.admission.grassroots", "members.admission.decided"]  # fmt: skip
    assert AuditEntry.objects.filter(action="members.member.admitted", object_id=member.pk).exists()


def test_the_cell_cannot_resolve_with_steps_missing(case: AdmissionCase) -> None:
    admission_update(
        actor=OPERATOR,
        case=case,
        version=case.version,
        values={"biography_verified_date": None, "introducer_2": None},
        today=TODAY,
    )

    with pytest.raises(MemberChangeError) as refused:
        admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))

    assert refused.value.messages == [
        "Lý lịch chưa được cấp ủy cơ sở thẩm tra, kết luận (Quy định 232-QĐ/TW; HD 12-HD/BTCTW).",
        "Cần 2 đảng viên chính thức giới thiệu, hoặc nghị quyết giới thiệu của Đoàn (Công "
        "đoàn) và 1 đảng viên chính thức (Quy định 232-QĐ/TW; HD 12-HD/BTCTW).",
    ]
    case.refresh_from_db()
    assert case.state == AdmissionCase.State.OPEN


def test_an_introducer_must_be_official_on_the_cells_day(case: AdmissionCase) -> None:
    assert case.introducer_2 is not None
    Member.objects.filter(pk=case.introducer_2.pk).update(official_date=D(2025, 7, 1))

    with pytest.raises(MemberChangeError, match="Cần 2 đảng viên chính thức giới thiệu"):
        admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))


def test_a_cell_inside_a_grassroots_committee_waits_for_its_resolution(
    case: AdmissionCase,
) -> None:
    admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))

    with pytest.raises(MemberChangeError, match="cần nghị quyết của đảng ủy cơ sở"):
        admission_decide(actor=OPERATOR, case=case, on=D(2025, 7, 15))
    with pytest.raises(MemberChangeError, match="không được trước ngày nghị quyết chi bộ"):
        admission_grassroots_resolve(actor=OPERATOR, case=case, on=D(2025, 6, 1))
    admission_grassroots_resolve(actor=OPERATOR, case=case, on=D(2025, 6, 10))
    with pytest.raises(MemberChangeError, match="không được trước ngày nghị quyết đảng ủy cơ sở"):
        admission_decide(actor=OPERATOR, case=case, on=D(2025, 6, 9))
    decided = admission_decide(actor=OPERATOR, case=case, on=D(2025, 6, 10))

    assert (decided.grassroots_resolution_date, decided.decision_date) == (
        D(2025, 6, 10), D(2025, 6, 10),
    )  # fmt: skip


def test_a_chi_bo_co_so_goes_straight_to_the_upper_committee(
    tree: Tree, add_member: AddMember
) -> None:
    first = add_member(tree.grassroots_b, full_name="Lê Văn Một")
    second = add_member(tree.grassroots_b, full_name="Phạm Thị Hai", gender="F")
    case = admission_open(actor=OPERATOR, cell=tree.grassroots_b, today=TODAY, values={
        "full_name": "Hoàng Thị Mới", "gender": "F", "birth_date": D(2000, 4, 2),
        "awareness_class_date": D(2025, 1, 10), "application_date": D(2025, 3, 1),
        "biography_verified_date": D(2025, 5, 1), "introducer_1": first, "introducer_2": second,
        "introducers_months_together": 14, "mass_org_comments_date": D(2025, 5, 20),
    })  # fmt: skip
    admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))

    with pytest.raises(MemberChangeError, match="không có bước này"):
        admission_grassroots_resolve(actor=OPERATOR, case=case, on=D(2025, 6, 20))
    decided = admission_decide(actor=OPERATOR, case=case, on=D(2025, 7, 15))

    assert decided.state == AdmissionCase.State.DECIDED


def test_steps_happen_in_order(case: AdmissionCase) -> None:
    with pytest.raises(MemberChangeError, match="không thể thực hiện thao tác này"):
        admission_decide(actor=OPERATOR, case=case, on=D(2025, 7, 15))
    admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))
    admission_grassroots_resolve(actor=OPERATOR, case=case, on=D(2025, 6, 20))
    with pytest.raises(MemberChangeError, match="tối đa 30 ngày làm việc"):
        admission_decide(actor=OPERATOR, case=case, on=D(2025, 7, 15), extension_days=31)
    with pytest.raises(MemberChangeError, match="không thể thực hiện"):
        admission_update(
            actor=OPERATOR, case=case, version=case.version + 1, values={}, today=TODAY
        )


def test_the_longest_extension_is_accepted_and_capped_on_the_form_too(case: AdmissionCase) -> None:
    admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))
    admission_grassroots_resolve(actor=OPERATOR, case=case, on=D(2025, 6, 20))
    too_long = DecisionForm({"on": "15/07/2025", "number": "1", "extension_days": "31"},
                            on=D(2025, 6, 2))  # fmt: skip

    decided = admission_decide(actor=OPERATOR, case=case, on=D(2025, 7, 15), extension_days=30)

    assert decided.decision_extension_days == 30
    assert not too_long.is_valid()
    assert "30" in too_long.errors["extension_days"][0]
    assert DecisionForm(on=D(2025, 6, 2)).fields["extension_days"].widget.attrs["max"] == 30


def test_a_closed_case_stays_closed_with_its_reason(case: AdmissionCase) -> None:
    admission_close(actor=OPERATOR, case=case, reason="Quần chúng xin rút đơn", today=TODAY)

    case.refresh_from_db()
    assert (case.state, case.closed_reason) == (
        AdmissionCase.State.CLOSED,
        "Quần chúng xin rút đơn",
    )
    with pytest.raises(MemberChangeError):
        admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"national_id": "12345"}, "national_id", "Số CCCD phải gồm đúng 12 chữ số."),
        ({"national_id": "038200000777"}, "national_id", "Số CCCD không khớp giới tính."),
        ({"national_id": "038399000777"}, "national_id", "Số CCCD không khớp năm sinh."),
        (
            {"birth_date": D(2027, 1, 1), "national_id": ""},
            "birth_date",
            "Ngày sinh không được sau ngày hôm nay.",
        ),
        (
            {"full_name": "Hoàng \u202eThị Mới"},
            "full_name",
            "Họ và tên chứa ký tự ẩn hoặc ký tự điều khiển (U+202E), thường do sao chép từ nơi "
            "khác; hãy gõ lại.",
        ),
    ],
)
def test_a_candidate_is_checked_like_a_member_when_opened_and_updated(
    tree: Tree, case: AdmissionCase, values: dict[str, object], field: str, message: str
) -> None:
    opened = {"full_name": "Hoàng Thị Mới", "gender": "F", "birth_date": D(2000, 4, 2),
              "national_id": "038300000778"} | values  # fmt: skip
    with pytest.raises(MemberChangeError) as refused:
        admission_open(actor=OPERATOR, cell=tree.cell_a1, today=TODAY, values=opened)
    assert message in refused.value.message_dict[field]

    with pytest.raises(MemberChangeError) as refused:
        admission_update(
            actor=OPERATOR, case=case, version=case.version, values=values, today=TODAY
        )
    assert message in refused.value.message_dict[field]
    assert AdmissionCase.objects.count() == 1
    assert AdmissionCase.objects.get().version == case.version


def test_a_candidate_cannot_bear_a_members_cccd(tree: Tree, add_member: AddMember) -> None:
    member = add_member(tree.cell_a1, full_name="Lê Văn Đã Vào")
    values = {"full_name": "Lê Văn Đã Vào", "gender": "M", "birth_date": member.birth_date,
              "national_id": member.national_id}  # fmt: skip

    with pytest.raises(MemberChangeError, match="đã có trong hồ sơ của một đảng viên"):
        admission_open(actor=OPERATOR, cell=tree.cell_a1, today=TODAY, values=values)
    assert not AdmissionCase.objects.exists()


def test_the_verification_of_the_biography_is_a_step_the_cell_waits_for(
    case: AdmissionCase, tree: Tree, make_user: MakeUser
) -> None:
    """Requests sent (to whom, when), replies, conclusion (HD 01-HD/TW 2021 mục 3.4): the
    cell cannot resolve while replies are awaited, and the due list shows them."""
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    other = make_user("bithu_b", Role.SECRETARY, tree.grassroots_b)
    case = admission_update(actor=OPERATOR, case=case, version=case.version, today=TODAY, values={
        "biography_check_sent_to": "Đảng ủy xã Quảng Phú (nơi cư trú của cha, mẹ)",
        "biography_check_sent_date": D(2025, 4, 7), "biography_verified_date": None,
    })  # fmt: skip

    with pytest.raises(MemberChangeError) as refused:
        admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))
    due = due_items(user=secretary, today=D(2025, 5, 20))

    assert refused.value.messages == [
        "Lý lịch chưa được cấp ủy cơ sở thẩm tra, kết luận (Quy định 232-QĐ/TW; HD 12-HD/BTCTW).",
        "Chưa nhận đủ trả lời thẩm tra lý lịch, chưa kết luận được (Quy định 232-QĐ/TW; HD "
        "12-HD/BTCTW).",
    ]
    # 30 working days after Monday 7/4/2025, less 30/4 and 1/5: Wednesday 21/5/2025.
    assert [(i.kind, i.name, i.due, i.bucket) for i in due] == [
        ("BIOGRAPHY_REPLY", "Hoàng Thị Mới", D(2025, 5, 21), "WEEK")
    ]
    assert due_items(user=other, today=D(2025, 5, 20)) == []

    case = admission_update(actor=OPERATOR, case=case, version=case.version, today=TODAY, values={
        "biography_check_replied_date": D(2025, 5, 5), "biography_verified_date": D(2025, 5, 2),
    })  # fmt: skip
    with pytest.raises(MemberChangeError) as refused:
        admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))
    assert refused.value.messages == [
        "Ngày kết luận thẩm tra lý lịch (02/05/2025) không được trước ngày nhận đủ trả lời "
        "thẩm tra lý lịch (05/05/2025) (Quy định 232-QĐ/TW; HD 12-HD/BTCTW)."
    ]

    case = admission_update(actor=OPERATOR, case=case, version=case.version, today=TODAY,
                            values={"biography_verified_date": D(2025, 5, 6)})  # fmt: skip
    admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))
    assert [i.kind for i in due_items(user=secretary, today=D(2025, 8, 20))] == [
        "ADMISSION_DECISION"
    ]
