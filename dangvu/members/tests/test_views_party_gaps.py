"""Periods out of the Party on the member's page: recorded and deleted by those who may
change the member, refused in Vietnamese, and out of reach of another TCCSĐ's secretary."""

import datetime as dt

from django.test import Client

from conftest import AddMember, MakeUser, Tree
from dangvu.members.models import GapReason, PartyGap
from dangvu.organizations.roles import Role

D = dt.date


def test_a_secretary_records_a_period_and_sees_it_with_the_corrected_party_age(
    client: Client, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member = add_member(tree.cell_a1, admission_decision_date=D(2010, 5, 10),
                        readmission_date=D(2016, 1, 1))  # fmt: skip
    client.force_login(make_user("bithu", Role.SECRETARY, tree.grassroots_a))
    url = f"/app/members/{member.pk}/do/gap_add/"
    before = client.get(f"/app/members/{member.pk}/").content.decode()

    client.post(url, {"start_date": "01/01/2015", "end_date": "01/01/2016",
                      "reason": GapReason.EXPELLED, "detail": "Kết nạp lại"})  # fmt: skip
    page = client.get(f"/app/members/{member.pk}/?as_of=2026-11-26").content.decode()

    assert "data-readmission-gap-missing" in before
    assert "data-readmission-gap-missing" not in page
    assert PartyGap.objects.get().end_date == D(2016, 1, 1)
    assert "01/01/2015–01/01/2016: Bị khai trừ (Kết nạp lại)" in page
    assert "Ngày vào Đảng lần thứ hai" in page
    assert 'data-party-age="186"' in page  # 16 years 6 months, less 12 out
    assert "Tuổi đảng đến ngày 26/11/2026: 15 năm 6 tháng" in page


def test_a_bad_period_is_refused_in_vietnamese(
    client: Client, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member = add_member(tree.cell_a1)
    client.force_login(make_user("bithu", Role.SECRETARY, tree.grassroots_a))

    response = client.post(f"/app/members/{member.pk}/do/gap_add/", follow=True,
                           data={"start_date": "01/01/2016", "end_date": "01/01/2015",
                                 "reason": GapReason.REMOVED})  # fmt: skip

    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert not PartyGap.objects.exists()


def test_a_secretary_of_another_organization_cannot_record_or_delete_a_period(
    client: Client, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member = add_member(tree.cell_a1)
    gap = PartyGap.objects.create(member=member, start_date=D(2015, 1, 1),
                                  end_date=D(2016, 1, 1), reason=GapReason.REMOVED)  # fmt: skip
    client.force_login(make_user("bithu_b", Role.SECRETARY, tree.grassroots_b))

    added = client.post(f"/app/members/{member.pk}/do/gap_add/",
                        {"start_date": "01/01/2018", "end_date": "01/01/2019",
                         "reason": GapReason.REMOVED})  # fmt: skip
    removed = client.post(f"/app/members/{member.pk}/do/gap_remove/", {"gap": gap.pk})

    assert (added.status_code, removed.status_code) == (404, 404)
    assert list(PartyGap.objects.values_list("pk", flat=True)) == [gap.pk]


def test_deleting_names_the_period_by_its_member(
    client: Client, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member = add_member(tree.cell_a1)
    other = add_member(tree.cell_a1, full_name="Lê Thị Khác", gender="F")
    gap = PartyGap.objects.create(member=other, start_date=D(2015, 1, 1),
                                  end_date=D(2016, 1, 1), reason=GapReason.REMOVED)  # fmt: skip
    client.force_login(make_user("bithu", Role.SECRETARY, tree.grassroots_a))

    wrong = client.post(f"/app/members/{member.pk}/do/gap_remove/", {"gap": gap.pk}, follow=True)
    huge = client.post(f"/app/members/{member.pk}/do/gap_remove/", {"gap": str(2**70)})
    right = client.post(f"/app/members/{other.pk}/do/gap_remove/", {"gap": gap.pk})

    assert "Không có thời gian này trong hồ sơ đảng viên." in wrong.content.decode()
    assert huge.status_code == 302
    assert right.status_code == 302 and not PartyGap.objects.exists()
