import datetime as dt

import pytest
from django.test import Client

from conftest import TODAY, AddMember, MakeUser, Tree, member_values
from dangvu.common.audit import audit_record
from dangvu.common.models import AuditEntry
from dangvu.members.models import Member
from dangvu.members.services import (
    MemberChangeError,
    RegistryRow,
    member_revert_change,
    member_update,
    members_register_bulk,
)
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role


@pytest.fixture
def admin_client(client: Client, make_user: MakeUser) -> Client:
    client.force_login(make_user("admin", Role.ADMIN))
    return client


@pytest.fixture
def member(tree: Tree, add_member: AddMember) -> Member:
    return add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")


def test_an_edit_shows_its_diff_and_a_revert_restores_it_audited(
    admin_client: Client, member: Member, tree: Tree
) -> None:
    member_update(
        actor=OPERATOR,
        member=member,
        version=1,
        today=TODAY,
        values={"workplace": "Sở Tài chính", "hometown_province": None},
    )
    entry = AuditEntry.objects.get(action="members.member.updated")
    page = admin_client.get(f"/app/members/{member.pk}/").content.decode()
    assert "∅ → Sở Tài chính" in page

    response = admin_client.post(f"/app/audit/{entry.pk}/revert/")

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.workplace == ""
    revert = AuditEntry.objects.get(action="members.member.reverted")
    assert revert.changes == {"workplace": ["Sở Tài chính", ""]}
    assert revert.data["reverts"] == entry.pk
    assert revert.actor is not None and revert.actor.username == "admin"
    assert "Hoàn tác" in admin_client.get(f"/app/members/{member.pk}/").content.decode()


def test_a_related_field_is_recorded_with_its_label_and_reverted_by_id(
    member: Member,
) -> None:
    from dangvu.common.models import AdministrativeUnit

    province = AdministrativeUnit.objects.get(scheme="2008", level="PROVINCE", code="38")
    member_update(
        actor=OPERATOR,
        member=member,
        version=1,
        today=TODAY,
        values={"hometown_province": province},
    )
    entry = AuditEntry.objects.get(action="members.member.updated")
    assert entry.changes["hometown_province"] == [None, {"id": province.pk, "label": str(province)}]

    member_revert_change(actor=OPERATOR, entry=entry, today=TODAY)

    member.refresh_from_db()
    assert member.hometown_province is None


def test_a_revert_is_refused_when_the_field_changed_again(member: Member) -> None:
    member_update(actor=OPERATOR, member=member, version=1, values={"phone": "0911"}, today=TODAY)
    first = AuditEntry.objects.get(action="members.member.updated")
    member_update(actor=OPERATOR, member=member, version=2, values={"phone": "0922"}, today=TODAY)

    with pytest.raises(MemberChangeError, match="đã được sửa tiếp sau"):
        member_revert_change(actor=OPERATOR, entry=first, today=TODAY)
    member.refresh_from_db()
    assert member.phone == "0922"


def test_audit_entries_are_only_written_inside_the_services_transaction(
    member: Member, transactional_db: None
) -> None:
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        audit_record(actor=OPERATOR, action="test.outside", obj=member)


def test_a_bulk_registration_is_one_batch_with_a_row_per_member(tree: Tree) -> None:
    rows = [
        RegistryRow(
            values=member_values(full_name=name),
            periods=[(tree.cell_a2.pk, dt.date(2016, 1, 1), None, "REGISTERED")],
        )
        for name in ("Phan Văn Một", "Phan Văn Hai", "Phan Văn Ba")
    ]

    ids = members_register_bulk(actor=OPERATOR, rows=rows, today=TODAY, label="nhập thử")

    batch = AuditEntry.objects.get(action="members.member.bulk_registered")
    assert batch.data == {"label": "nhập thử", "count": 3}
    assert sorted(batch.rows.values_list("object_id", flat=True)) == sorted(ids)
    assert set(batch.rows.values_list("org_id", flat=True)) == {tree.cell_a2.pk}


def test_one_bad_row_refuses_the_whole_batch_with_its_row_number(tree: Tree) -> None:
    rows = [
        RegistryRow(
            values=member_values(full_name="Phan Văn Một"),
            periods=[(tree.cell_a2.pk, dt.date(2016, 1, 1), None, "REGISTERED")],
        ),
        RegistryRow(
            values=member_values(full_name="Phan Văn Hai", national_id="123"),
            periods=[(tree.cell_a2.pk, dt.date(2016, 1, 1), None, "REGISTERED")],
        ),
    ]

    with pytest.raises(
        MemberChangeError, match=r"Dòng 2 \(Phan Văn Hai\): Số CCCD phải gồm đúng 12 chữ số"
    ):
        members_register_bulk(actor=OPERATOR, rows=rows, today=TODAY, label="nhập thử")
    assert not Member.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="members.").exists()
