"""The admission page offers the step after the cell's resolution that the route has: the
đảng ủy bộ phận's review (7-KNĐ) for a cell of a đảng bộ bộ phận, and the decision straight
away where the đảng ủy cơ sở is authorised to admit; the organization page records the
authorisation."""

import datetime as dt

from django.test import Client

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.members.services import admission_open, admission_propose
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.authorities import admission_authorised, admission_authority_grant
from dangvu.organizations.models import OrgKind, OrgUnit, Sector
from dangvu.organizations.roles import Role
from dangvu.organizations.services import org_create

D = dt.date


def _proposed(cell: OrgUnit, add_member: AddMember) -> int:
    introducers = [add_member(cell, full_name=n) for n in ("Lê Văn A", "Lê Văn B")]
    case = admission_open(actor=OPERATOR, cell=cell, today=TODAY, values={
        "full_name": "Hoàng Thị Mới", "gender": "F", "birth_date": D(2000, 4, 2),
        "awareness_class_date": D(2025, 1, 10), "application_date": D(2025, 3, 1),
        "biography_verified_date": D(2025, 5, 1), "introducer_1": introducers[0],
        "introducer_2": introducers[1], "introducers_months_together": 14,
        "mass_org_comments_date": D(2025, 5, 20)})  # fmt: skip
    return admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2)).pk


def _board(tree: Tree, make_user: MakeUser) -> Client:
    client = Client()
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    return client


def test_a_cell_of_a_dang_bo_bo_phan_is_offered_its_review_and_records_it(
    tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    sub = org_create(actor=OPERATOR, code="CSA-BP", name="Đảng bộ bộ phận Thanh tra",
                     kind=OrgKind.SUB_COMMITTEE, sector=Sector.ADMINISTRATIVE,
                     parent=tree.grassroots_a, established_date=D(2015, 1, 1))  # fmt: skip
    cell = org_create(actor=OPERATOR, code="CSA-BP-1", name="Chi bộ Thanh tra 1",
                      kind=OrgKind.CELL, sector=Sector.ADMINISTRATIVE, parent=sub,
                      established_date=D(2015, 1, 1))  # fmt: skip
    pk, client = _proposed(cell, add_member), _board(tree, make_user)

    before = client.get(f"/app/members/admissions/{pk}/").content.decode()
    client.post(f"/app/members/admissions/{pk}/do/review/", {"on": "10/06/2025"})
    after = client.get(f"/app/members/admissions/{pk}/").content.decode()

    assert "do/review/" in before and "do/grassroots/" not in before
    assert "Báo cáo thẩm định của đảng ủy bộ phận" in after
    assert "Đảng bộ bộ phận Thanh tra" in after
    assert "do/grassroots/" in after and "do/review/" not in after


def test_an_authorised_dang_uy_is_offered_the_decision_without_its_resolution(
    tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    admission_authority_grant(actor=OPERATOR, org=tree.grassroots_a, on=D(2025, 1, 2),
                              decision="15-QĐ/ĐUK", today=TODAY)  # fmt: skip
    pk, client = _proposed(tree.cell_a1, add_member), _board(tree, make_user)

    page = client.get(f"/app/members/admissions/{pk}/").content.decode()

    assert "do/decide/" in page and "do/grassroots/" not in page
    assert "Đảng bộ Sở Tài chính: đảng ủy được ủy quyền kết nạp đảng viên tự quyết định." in page


def test_the_organization_board_authorises_a_dang_uy_on_its_page(
    tree: Tree, make_user: MakeUser
) -> None:
    client = _board(tree, make_user)

    before = client.get("/app/orgs/CSA/").content.decode()
    client.post("/app/orgs/CSA/do/authorise/", {"on": "02/01/2025", "decision": "15-QĐ/ĐUK"})
    after = client.get("/app/orgs/CSA/").content.decode()

    assert "Chưa được ủy quyền" in before and "do/authorise/" in before
    assert admission_authorised(tree.grassroots_a, D(2025, 1, 2))
    assert "được ủy quyền kết nạp đảng viên từ 02/01/2025 (quyết định 15-QĐ/ĐUK)" in after
    assert "do/withdraw/" in after
    assert "do/authorise/" not in client.get("/app/orgs/CSA-1/").content.decode()
