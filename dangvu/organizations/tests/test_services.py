import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import AddMember, Tree
from dangvu.common.models import AuditEntry
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import Membership, OrgEvent, OrgKind, OrgUnit, OrgVersion, Sector
from dangvu.organizations.services import (
    OrgChangeError,
    SplitPart,
    org_create,
    org_dissolve,
    org_merge,
    org_move,
    org_rename,
    org_split,
)

D = dt.date


def _version(org: OrgUnit, on: D) -> OrgVersion:
    return OrgVersion.objects.as_of(on).get(org=org)


def test_rename_keeps_the_old_name_before_the_effective_date(tree: Tree) -> None:
    org_rename(
        actor=OPERATOR,
        org=tree.grassroots_a,
        new_name="Đảng bộ Sở Tài chính mới",
        effective_date=D(2025, 3, 1),
    )

    assert _version(tree.grassroots_a, D(2025, 2, 28)).name == "Đảng bộ Sở Tài chính"
    assert _version(tree.grassroots_a, D(2025, 3, 1)).name == "Đảng bộ Sở Tài chính mới"
    event = OrgEvent.objects.get(org=tree.grassroots_a, kind=OrgEvent.Kind.RENAMED)
    assert event.data == {
        "old_name": "Đảng bộ Sở Tài chính",
        "new_name": "Đảng bộ Sở Tài chính mới",
    }
    assert AuditEntry.objects.filter(action="organizations.org.renamed").count() == 1


def test_move_carries_the_whole_subtree_and_history_answers_both_dates(tree: Tree) -> None:
    new_committee = org_create(
        actor=OPERATOR,
        code="DBUB",
        name="Đảng bộ UBND tỉnh",
        kind=OrgKind.UPPER_COMMITTEE,
        sector=Sector.ADMINISTRATIVE,
        parent=None,
        established_date=D(2025, 2, 1),
    )

    org_move(
        actor=OPERATOR,
        org=tree.grassroots_a,
        new_parent=new_committee,
        effective_date=D(2025, 2, 1),
    )

    before = OrgVersion.objects.as_of(D(2025, 1, 31)).in_subtree(
        _version(tree.committee, D(2025, 1, 31)).path
    )
    after = OrgVersion.objects.as_of(D(2025, 2, 1)).in_subtree(
        _version(new_committee, D(2025, 2, 1)).path
    )
    assert {v.org.code for v in before} == {"DBK", "CSA", "CSA-1", "CSA-2", "CSB"}
    assert {v.org.code for v in after} == {"DBUB", "CSA", "CSA-1", "CSA-2"}
    assert _version(tree.cell_a1, D(2025, 2, 1)).depth == 2


def test_a_subtree_as_of_a_date_is_one_query(tree: Tree) -> None:
    root_path = _version(tree.committee, D(2024, 1, 1)).path

    with CaptureQueriesContext(connection) as queries:
        codes = [v.org_id for v in OrgVersion.objects.as_of(D(2024, 1, 1)).in_subtree(root_path)]

    assert len(codes) == 5
    assert len(queries) == 1


def test_moving_an_organization_into_its_own_subtree_is_refused(tree: Tree) -> None:
    with pytest.raises(OrgChangeError, match="không thể trực thuộc"):
        org_move(
            actor=OPERATOR,
            org=tree.grassroots_a,
            new_parent=tree.cell_a1,
            effective_date=D(2024, 1, 1),
        )

    assert _version(tree.grassroots_a, D(2024, 1, 1)).parent_id == tree.committee.pk


def test_a_cell_cannot_be_placed_directly_under_the_upper_committee(tree: Tree) -> None:
    with pytest.raises(OrgChangeError, match="không thể trực thuộc"):
        org_create(
            actor=OPERATOR,
            code="X1",
            name="Chi bộ lạc",
            kind=OrgKind.CELL,
            sector=Sector.OTHER,
            parent=tree.committee,
            established_date=D(2024, 1, 1),
        )
    assert not OrgUnit.objects.filter(code="X1").exists()


def test_changes_cannot_be_backdated_before_the_latest_change(tree: Tree) -> None:
    org_rename(
        actor=OPERATOR, org=tree.grassroots_b, new_name="Chi bộ B mới", effective_date=D(2024, 1, 1)
    )

    with pytest.raises(OrgChangeError, match="không thể ghi thay đổi về trước"):
        org_rename(
            actor=OPERATOR,
            org=tree.grassroots_b,
            new_name="Chi bộ B cũ",
            effective_date=D(2023, 1, 1),
        )


def test_dissolve_refuses_while_members_remain_then_ends_the_organization(
    tree: Tree, add_member: AddMember
) -> None:
    member = add_member(tree.grassroots_b)

    with pytest.raises(OrgChangeError, match="còn đảng viên"):
        org_dissolve(actor=OPERATOR, org=tree.grassroots_b, effective_date=D(2024, 1, 1))
    Membership.objects.filter(member=member).update(valid_to=D(2023, 6, 1))
    org_dissolve(actor=OPERATOR, org=tree.grassroots_b, effective_date=D(2024, 1, 1))

    tree.grassroots_b.refresh_from_db()
    assert tree.grassroots_b.dissolved_date == D(2024, 1, 1)
    assert not OrgVersion.objects.as_of(D(2024, 1, 1)).filter(org=tree.grassroots_b).exists()
    assert OrgVersion.objects.as_of(D(2023, 12, 31)).filter(org=tree.grassroots_b).exists()


def test_merge_hands_cells_and_members_over_and_ends_the_sources(
    tree: Tree, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a2)

    org_merge(
        actor=OPERATOR, sources=[tree.cell_a2], into=tree.cell_a1, effective_date=D(2025, 3, 1)
    )

    assert Membership.objects.as_of(D(2025, 3, 1)).get(member=member).org == tree.cell_a1
    assert Membership.objects.as_of(D(2025, 2, 28)).get(member=member).org == tree.cell_a2
    tree.cell_a2.refresh_from_db()
    assert tree.cell_a2.dissolved_date == D(2025, 3, 1)
    assert OrgEvent.objects.filter(kind=OrgEvent.Kind.MERGED).count() == 2


def test_split_requires_every_member_to_be_assigned(tree: Tree, add_member: AddMember) -> None:
    first = add_member(tree.grassroots_b, full_name="Lê Thị Hoa", gender="F")
    second = add_member(tree.grassroots_b, full_name="Phạm Văn Hùng")
    parts = [
        SplitPart(
            code="CSB1", name="Chi bộ B1", kind=OrgKind.GRASSROOTS_CELL, member_ids=[first.pk]
        ),
        SplitPart(code="CSB2", name="Chi bộ B2", kind=OrgKind.GRASSROOTS_CELL, member_ids=[]),
    ]

    with pytest.raises(OrgChangeError, match="phải được giao"):
        org_split(actor=OPERATOR, org=tree.grassroots_b, parts=parts, effective_date=D(2025, 1, 1))
    assert not OrgUnit.objects.filter(code__in=["CSB1", "CSB2"]).exists()

    parts[1].member_ids = [second.pk]
    created = org_split(
        actor=OPERATOR, org=tree.grassroots_b, parts=parts, effective_date=D(2025, 1, 1)
    )

    assert [org.code for org in created] == ["CSB1", "CSB2"]
    assert Membership.objects.as_of(D(2025, 1, 1)).get(member=second).org.code == "CSB2"
    assert _version(created[0], D(2025, 1, 1)).parent_id == tree.committee.pk


def test_a_grown_chi_bo_co_so_becomes_a_dang_bo_co_so_with_a_first_cell(
    tree: Tree, add_member: AddMember
) -> None:
    from dangvu.organizations.services import org_reclassify

    member = add_member(tree.grassroots_b)
    with pytest.raises(OrgChangeError, match="cần lập một chi bộ trực thuộc"):
        org_reclassify(
            actor=OPERATOR,
            org=tree.grassroots_b,
            new_kind=OrgKind.GRASSROOTS_COMMITTEE,
            effective_date=D(2025, 1, 1),
        )

    org_reclassify(
        actor=OPERATOR,
        org=tree.grassroots_b,
        new_kind=OrgKind.GRASSROOTS_COMMITTEE,
        effective_date=D(2025, 1, 1),
        first_cell=("CSB-1", "Chi bộ Văn phòng"),
    )

    assert _version(tree.grassroots_b, D(2025, 1, 1)).kind == OrgKind.GRASSROOTS_COMMITTEE
    assert _version(tree.grassroots_b, D(2024, 12, 31)).kind == OrgKind.GRASSROOTS_CELL
    assert Membership.objects.as_of(D(2025, 1, 1)).get(member=member).org.code == "CSB-1"
    assert Membership.objects.as_of(D(2024, 12, 31)).get(member=member).org == tree.grassroots_b


def test_a_dang_bo_with_cells_cannot_become_a_chi_bo(tree: Tree) -> None:
    from dangvu.organizations.services import org_reclassify

    with pytest.raises(OrgChangeError, match="còn tổ chức trực thuộc"):
        org_reclassify(
            actor=OPERATOR,
            org=tree.grassroots_a,
            new_kind=OrgKind.GRASSROOTS_CELL,
            effective_date=D(2025, 1, 1),
        )


def test_a_name_with_bidirectional_controls_is_refused(tree: Tree) -> None:
    before = OrgVersion.objects.count()

    with pytest.raises(OrgChangeError, match=r"Tên mới chứa ký tự ẩn .*\(U\+202E\)"):
        org_rename(actor=OPERATOR, org=tree.cell_a1, new_name="Chi bộ \u202eVăn phòng",
                   effective_date=D(2025, 1, 1))  # fmt: skip
    with pytest.raises(OrgChangeError, match=r"Tên chứa ký tự ẩn .*\(U\+2066\)"):
        org_create(actor=OPERATOR, code="CSA-3", name="Chi bộ \u2066Mới", kind=OrgKind.CELL,
                   sector=Sector.ADMINISTRATIVE, parent=tree.grassroots_a,
                   established_date=D(2025, 1, 1))  # fmt: skip
    assert OrgVersion.objects.count() == before
