import datetime as dt

import pytest
from django.test import override_settings

from conftest import TODAY, AddMember, Tree, member_values
from dangvu.common.models import AuditEntry
from dangvu.members.models import ExitReason, Member
from dangvu.members.services import (
    MemberChangeError,
    StaleEdit,
    member_exit,
    member_move,
    member_register,
    member_update,
)
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import Membership

D = dt.date


def _register(tree: Tree, **overrides: object) -> Member:
    return member_register(
        actor=OPERATOR,
        values=member_values(**overrides),
        cell=tree.cell_a1,
        start=Membership.Start.ADMITTED,
        joined_on=D(2020, 1, 1),
        today=TODAY,
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"national_id": "12345"}, "national_id", "Số CCCD phải gồm đúng 12 chữ số."),
        ({"national_id": "03808500123x"}, "national_id", "Số CCCD phải gồm đúng 12 chữ số."),
        (
            {"birth_date": D(2027, 1, 1), "national_id": "038227000001"},
            "birth_date",
            "Ngày sinh không được sau ngày hôm nay.",
        ),
        (
            {"birth_date": D(1992, 6, 1), "admission_date": D(2010, 5, 19)},
            "admission_date",
            "Ngày vào Đảng phải từ khi đủ 18 tuổi (tính theo tháng).",
        ),
        (
            {"official_date": D(2011, 6, 1)},
            "official_date",
            "Ngày chính thức phải đúng 12 tháng sau ngày vào Đảng (19/05/2011).",
        ),
        ({"party_card_number": "3800"}, "party_card_number", "Số thẻ đảng viên phải gồm 8 chữ số."),
        (
            {"party_card_number": "38.000.002"},
            "party_card_number",
            "Số thẻ đảng viên chỉ gồm chữ số (8 chữ số).",
        ),
        (
            {"full_name": "Nguyễn Văn \u202eAn"},
            "full_name",
            "Họ và tên chứa ký tự ẩn hoặc ký tự điều khiển (U+202E), thường do sao chép từ nơi "
            "khác; hãy gõ lại.",
        ),
        (
            {"other_name": "Ba\u2066Tư\u2069"},
            "other_name",
            "Tên gọi khác chứa ký tự ẩn hoặc ký tự điều khiển (U+2066, U+2069), thường do sao "
            "chép từ nơi khác; hãy gõ lại.",
        ),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_saved(
    tree: Tree, overrides: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(MemberChangeError) as refused:
        _register(tree, **overrides)

    assert message in refused.value.message_dict[field]
    assert not Member.objects.exists()
    assert not Membership.objects.exists()
    assert not AuditEntry.objects.filter(action="members.member.registered").exists()


def test_register_normalizes_text_and_fills_search_and_sort_columns(tree: Tree) -> None:
    member = _register(tree, full_name="  Đặng   Thị  Ánh ", other_name="Út")

    assert member.full_name == "Đặng Thị Ánh"
    assert member.search_text == "dang thi anh ut"
    assert bytes(member.sort_key)
    assert AuditEntry.objects.get(action="members.member.registered").object_id == member.pk


def test_a_member_cannot_be_registered_in_a_non_cell(tree: Tree) -> None:
    with pytest.raises(MemberChangeError, match="không phải chi bộ"):
        member_register(
            actor=OPERATOR,
            values=member_values(),
            cell=tree.grassroots_a,
            start=Membership.Start.ADMITTED,
            joined_on=D(2020, 1, 1),
            today=TODAY,
        )


def test_update_records_the_diff_and_bumps_the_version(tree: Tree) -> None:
    member = _register(tree)

    updated = member_update(
        actor=OPERATOR,
        member=member,
        version=1,
        values={"workplace": "Sở Tài chính", "phone": "0912345678"},
        today=TODAY,
        reason="Cập nhật nơi làm việc",
    )

    assert updated.version == 2
    entry = AuditEntry.objects.get(action="members.member.updated")
    assert entry.changes == {"workplace": ["", "Sở Tài chính"], "phone": ["", "0912345678"]}
    assert entry.reason == "Cập nhật nơi làm việc"


def test_a_stale_edit_is_refused_with_what_changed_meanwhile(tree: Tree) -> None:
    member = _register(tree)
    member_update(
        actor=OPERATOR, member=member, version=1, values={"phone": "0911111111"}, today=TODAY
    )

    with pytest.raises(StaleEdit) as refused:
        member_update(
            actor=OPERATOR, member=member, version=1, values={"phone": "0922222222"}, today=TODAY
        )

    assert refused.value.theirs == {"phone": ["", "0911111111"]}
    member.refresh_from_db()
    assert member.phone == "0911111111"
    assert member.version == 2


def test_move_keeps_the_old_period_and_opens_a_new_one(tree: Tree) -> None:
    member = _register(tree)

    member_move(actor=OPERATOR, member=member, to_cell=tree.cell_a2, on=D(2023, 4, 1))

    assert Membership.objects.as_of(D(2023, 3, 31)).get(member=member).org == tree.cell_a1
    assert Membership.objects.as_of(D(2023, 4, 1)).get(member=member).org == tree.cell_a2
    assert AuditEntry.objects.get(action="members.member.moved").data == {
        "from": "CSA-1",
        "to": "CSA-2",
        "on": "2023-04-01",
    }


def test_exit_ends_membership_and_is_refused_twice(tree: Tree, add_member: AddMember) -> None:
    member = add_member(tree.cell_a1)

    member_exit(
        actor=OPERATOR, member=member, reason=ExitReason.DIED, on=D(2024, 8, 1), today=TODAY
    )

    assert not Membership.objects.as_of(D(2024, 8, 1)).filter(member=member).exists()
    member.refresh_from_db()
    assert (member.exit_date, member.exit_reason) == (D(2024, 8, 1), ExitReason.DIED)
    with pytest.raises(MemberChangeError, match="đã ra khỏi danh sách"):
        member_exit(
            actor=OPERATOR, member=member, reason=ExitReason.DIED, on=D(2024, 9, 1), today=TODAY
        )


@override_settings(PARTY_CARD_NUMBER_LENGTHS=(8, 12))
def test_the_card_number_lengths_are_a_setting(tree: Tree) -> None:
    assert _register(tree, party_card_number="380000021234").party_card_number == "380000021234"
    with pytest.raises(MemberChangeError, match="phải gồm 8, 12 chữ số"):
        _register(tree, party_card_number="3800000212")
