"""The member page offers the step of a recognition that its route awaits after the cell's
resolution (13-KNĐ): the đảng ủy bộ phận's review (14-KNĐ), the đảng ủy cơ sở's resolution
(15-KNĐ), or the decision, naming an authorised đảng ủy that decides itself."""

import datetime as dt

from django.contrib.messages import get_messages
from django.test import Client

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.members.models import Member
from dangvu.members.services import member_recognition_propose
from dangvu.members.tests.test_services_admission_route import _sub_cell
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.authorities import admission_authority_grant
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Role

D = dt.date
ACTIONS = ("do/recognition_review/", "do/recognition_grassroots/", "do/recognize/")


def _proposed(cell: OrgUnit, add_member: AddMember) -> Member:
    member = add_member(cell, full_name="Võ Thị Dự", admission_date=D(2025, 3, 3),
                        official_date=None, joined_on=D(2025, 3, 3))  # fmt: skip
    return member_recognition_propose(actor=OPERATOR, member=member, on=D(2026, 3, 10))


def _board(tree: Tree, make_user: MakeUser) -> Client:
    client = Client()
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    return client


def _offered(client: Client, member: Member) -> list[str]:
    page = client.get(f"/app/members/{member.pk}/").content.decode()
    return [action for action in ACTIONS if action in page]


def test_a_cell_of_a_dang_bo_bo_phan_is_offered_each_step_in_turn(
    tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member, client = _proposed(_sub_cell(tree), add_member), _board(tree, make_user)
    url = f"/app/members/{member.pk}/do/"

    offered = [_offered(client, member)]
    client.post(f"{url}recognition_review/", {"on": "13/03/2026"})
    offered.append(_offered(client, member))
    client.post(f"{url}recognition_grassroots/", {"on": "17/03/2026"})
    offered.append(_offered(client, member))
    page = client.get(f"/app/members/{member.pk}/").content.decode()

    assert offered == [[ACTIONS[0]], [ACTIONS[1]], [ACTIONS[2]]]
    assert "Đảng ủy bộ phận thẩm định ngày 13/03/2026." in page
    assert "Đảng ủy cơ sở đề nghị công nhận ngày 17/03/2026." in page


def test_a_step_out_of_order_is_refused_with_its_reason(
    tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member, client = _proposed(tree.cell_a1, add_member), _board(tree, make_user)

    response = client.post(f"/app/members/{member.pk}/do/recognize/", {"on": "24/03/2026"})

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Chi bộ trực thuộc đảng bộ cơ sở: cần nghị quyết của đảng ủy cơ sở đề nghị công nhận "
        "chính thức (15-KNĐ) trước quyết định công nhận đảng viên chính thức (Quy định "
        "294-QĐ/TW; HD 06-HD/TW)."
    ]
    member.refresh_from_db()
    assert member.official_date is None


def test_an_authorised_dang_uy_is_offered_the_decision_and_named(
    tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    admission_authority_grant(actor=OPERATOR, org=tree.grassroots_a, on=D(2025, 1, 2),
                              decision="15-QĐ/ĐUK", today=TODAY)  # fmt: skip
    member, client = _proposed(tree.cell_a1, add_member), _board(tree, make_user)

    page = client.get(f"/app/members/{member.pk}/").content.decode()

    assert _offered(client, member) == [ACTIONS[2]]
    assert (
        "Đảng bộ Sở Tài chính: đảng ủy được ủy quyền kết nạp đảng viên tự quyết định công nhận "
        "chính thức." in page
    )
