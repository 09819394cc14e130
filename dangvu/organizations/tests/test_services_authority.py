"""Ủy quyền kết nạp đảng viên: the upper committee authorises a đảng ủy cơ sở by a dated
decision and may withdraw it; only those who act for the committee above may record either
(a đảng ủy cơ sở never authorises itself); the answer holds for any date."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import TODAY, MakeUser, Tree
from dangvu.common.models import AuditEntry
from dangvu.organizations.access import OPERATOR, OutOfScope
from dangvu.organizations.authorities import (
    admission_authorised,
    admission_authority_grant,
    admission_authority_withdraw,
)
from dangvu.organizations.models import AdmissionAuthority
from dangvu.organizations.roles import Role
from dangvu.organizations.services import OrgChangeError
from dangvu.organizations.tree_memo import tree_memo

D = dt.date


@pytest.mark.parametrize(
    ("role", "held_over"),
    [
        (Role.SECRETARY, "grassroots_a"),  # the đảng ủy's own secretary
        (Role.ORGANIZATION_BOARD, "grassroots_a"),  # staff held over the đảng bộ cơ sở only
        (Role.SECRETARY, "committee"),  # a role that changes no organization
    ],
)
def test_only_the_committee_above_may_authorise_a_dang_uy_co_so(
    tree: Tree, make_user: MakeUser, role: str, held_over: str
) -> None:
    user = make_user("nguoidung", role, getattr(tree, held_over))

    with pytest.raises(OutOfScope):
        admission_authority_grant(actor=user, org=tree.grassroots_a, on=D(2025, 1, 2),
                                  decision="15-QĐ/ĐUK", today=TODAY)  # fmt: skip

    assert not AdmissionAuthority.objects.exists()


def test_the_organization_board_above_authorises_and_withdraws_with_audit(
    tree: Tree, make_user: MakeUser
) -> None:
    board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)

    admission_authority_grant(actor=board, org=tree.grassroots_a, on=D(2024, 1, 2),
                              decision="15-QĐ/ĐUK", today=TODAY)  # fmt: skip
    admission_authority_withdraw(actor=board, org=tree.grassroots_a, on=D(2025, 5, 2),
                                 decision="40-QĐ/ĐUK", today=TODAY)  # fmt: skip

    answers = [admission_authorised(tree.grassroots_a, day)
               for day in (D(2024, 1, 1), D(2024, 1, 2), D(2025, 5, 1), D(2025, 5, 2))]  # fmt: skip
    assert answers == [False, True, True, False]
    assert list(
        AuditEntry.objects.filter(action__startswith="organizations.admission_authority")
        .order_by("id").values_list("action", "data__decision")
    ) == [("organizations.admission_authority.granted", "15-QĐ/ĐUK"),
          ("organizations.admission_authority.withdrawn", "40-QĐ/ĐUK")]  # fmt: skip


@pytest.mark.parametrize(
    ("org", "on", "message"),
    [
        ("cell_a1", D(2025, 1, 2), "Chỉ đảng ủy cơ sở"),  # a chi bộ trực thuộc
        ("grassroots_b", D(2025, 1, 2), "Chỉ đảng ủy cơ sở"),  # a chi bộ cơ sở
        ("grassroots_a", D(2010, 1, 2), "Chỉ đảng ủy cơ sở"),  # before it was founded
        ("grassroots_a", TODAY + dt.timedelta(days=1), "đến hôm nay"),
    ],
)
def test_only_a_dang_bo_co_so_of_that_day_is_authorised(
    tree: Tree, org: str, on: dt.date, message: str
) -> None:
    with pytest.raises(OrgChangeError, match=message):
        admission_authority_grant(actor=OPERATOR, org=getattr(tree, org), on=on,
                                  decision="15-QĐ/ĐUK", today=TODAY)  # fmt: skip


def test_an_authorisation_is_given_once_and_withdrawn_after_it_began(tree: Tree) -> None:
    def grant(on: dt.date) -> None:
        admission_authority_grant(actor=OPERATOR, org=tree.grassroots_a, on=on,
                                  decision="15-QĐ/ĐUK", today=TODAY)  # fmt: skip

    with pytest.raises(OrgChangeError, match="không có ủy quyền kết nạp đang hiệu lực"):
        admission_authority_withdraw(actor=OPERATOR, org=tree.grassroots_a, on=D(2025, 1, 2),
                                     decision="40-QĐ/ĐUK", today=TODAY)  # fmt: skip
    grant(D(2024, 1, 2))
    with pytest.raises(OrgChangeError, match="Đã có ủy quyền theo quyết định 15-QĐ/ĐUK"):
        grant(D(2025, 1, 2))
    with pytest.raises(OrgChangeError, match="Ngày thu hồi phải sau ngày ủy quyền"):
        admission_authority_withdraw(actor=OPERATOR, org=tree.grassroots_a, on=D(2024, 1, 2),
                                     decision="40-QĐ/ĐUK", today=TODAY)  # fmt: skip
    with pytest.raises(OrgChangeError, match="Ghi số quyết định"):
        admission_authority_withdraw(actor=OPERATOR, org=tree.grassroots_a, on=D(2025, 1, 2),
                                     decision=" ", today=TODAY)  # fmt: skip


def test_inside_the_tree_memo_the_authorisations_are_read_once_and_a_withdrawal_is_seen(
    tree: Tree,
) -> None:
    days = [D(2025, 1, 1), D(2025, 1, 2), D(2025, 6, 1)]
    admission_authority_grant(actor=OPERATOR, org=tree.grassroots_a, on=D(2025, 1, 2),
                              decision="15-QĐ/ĐUK", today=TODAY)  # fmt: skip
    orgs = [tree.grassroots_a, tree.grassroots_b]
    read = [admission_authorised(org, day) for org in orgs for day in days]

    with tree_memo():
        with CaptureQueriesContext(connection) as queries:
            remembered = [admission_authorised(org.pk, day) for org in orgs for day in days]
        admission_authority_withdraw(actor=OPERATOR, org=tree.grassroots_a, on=D(2025, 3, 1),
                                     decision="20-QĐ/ĐUK", today=TODAY)  # fmt: skip
        withdrawn = admission_authorised(tree.grassroots_a, D(2025, 6, 1))

    assert remembered == read == [False, True, True, False, False, False]
    assert len(queries) == 1
    assert withdrawn is False
