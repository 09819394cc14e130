import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from conftest import TODAY, AddMember, MakeUser, Tree, member_values
from dangvu.common.audit import (
    UnknownEvent,
    audit_deferred,
    audit_record,
    audit_rows,
    audit_rows_select,
)
from dangvu.common.events import Event
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
    assert "— → Sở Tài chính" in page

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
        audit_record(actor=OPERATOR, action=Event.UPDATED, obj=member)


def test_a_code_the_event_enum_does_not_name_is_refused_and_nothing_is_written(
    member: Member,
) -> None:
    entries = AuditEntry.objects.count()

    with pytest.raises(UnknownEvent, match=r"members\.member\.renamed"), transaction.atomic():
        unknown: Any = "members.member.renamed"
        audit_record(actor=OPERATOR, action=unknown, obj=member)
    with pytest.raises(UnknownEvent, match=r"members\.member\.renamed"), transaction.atomic():
        batch = audit_record(actor=OPERATOR, action=Event.BULK_REGISTERED, obj=None, about="x")
        audit_rows(batch, [{"action": "members.member.renamed", "object_type": "members.member",
                            "object_id": member.pk, "object_repr": str(member)}])  # fmt: skip

    assert AuditEntry.objects.count() == entries


def test_deferred_entries_are_written_as_the_block_ends_as_one_insert_each_would_write_them(
    member: Member, tree: Tree
) -> None:
    def record() -> None:
        audit_record(actor=OPERATOR, action=Event.UPDATED, obj=member, org=tree.cell_a1,
                     changes={"phone": ["", "0912"]}, data={"on": TODAY}, reason="sửa")  # fmt: skip
        audit_record(actor=OPERATOR, action=Event.EXITED, obj=None, about="danh sách")

    def written(after: int) -> list[tuple[Any, ...]]:
        entries = AuditEntry.objects.filter(pk__gt=after).order_by("pk")
        columns = ("action", "object_type", "object_id", "object_repr", "org_id", "changes",
                   "data", "reason", "batch_id")  # fmt: skip
        return list(entries.values_list(*columns))

    start = AuditEntry.objects.order_by("pk").last()
    first = start.pk if start else 0
    with transaction.atomic():
        record()
    with transaction.atomic(), audit_deferred():
        record()
        assert len(written(first)) == 2  # not yet

    one_each = written(first)[:2]
    assert written(first)[2:] == one_each


def test_nothing_deferred_is_written_when_the_block_raises_nor_rows_of_a_batch(
    member: Member,
) -> None:
    entries = AuditEntry.objects.count()

    with pytest.raises(ValueError), transaction.atomic(), audit_deferred():
        audit_record(actor=OPERATOR, action=Event.UPDATED, obj=member)
        raise ValueError
    with (
        pytest.raises(RuntimeError, match="audit_deferred"),
        transaction.atomic(),
        audit_deferred(),
    ):
        batch = audit_record(actor=OPERATOR, action=Event.BULK_REGISTERED, obj=None, about="x")
        audit_rows(batch, [])

    assert AuditEntry.objects.count() == entries


def test_rows_selected_by_the_database_with_an_unknown_code_are_refused_all_together(
    member: Member,
) -> None:
    entries = AuditEntry.objects.count()
    query = (
        "SELECT %s, object_type, object_id, object_repr, org_id, changes, data "
        "FROM common_auditentry WHERE object_type = 'members.member' AND object_id = %s"
    )

    with pytest.raises(UnknownEvent, match=r"members\.member\.renamed"), transaction.atomic():
        batch = audit_record(actor=OPERATOR, action=Event.BULK_REGISTERED, obj=None, about="x")
        audit_rows_select(batch, query, ["members.member.renamed", member.pk])

    assert AuditEntry.objects.count() == entries


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
