"""Undoing a committed member import, if nothing has changed its records since."""

from typing import Any, cast

from django.db import transaction
from django.db.models import Model, QuerySet

from dangvu.common.audit import audit_record, restored_value
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.imports.models import ImportBatch
from dangvu.imports.problems import (
    UndoRefused,
)
from dangvu.members.models import Member
from dangvu.members.services.registry import member_derive
from dangvu.organizations.access import (
    User,
    require,
)
from dangvu.organizations.models import Membership, OrgUnit
from dangvu.organizations.roles import Action, Resource


@transaction.atomic
def undo_import(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Put every record back as it was before BATCH, if nothing has changed them since.
    What the import did is read from its audit batch: a row per member created or updated."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state != ImportBatch.State.COMMITTED or batch.audit_batch is None:
        raise UndoRefused("Lần nhập này chưa được ghi hoặc đã hoàn tác.")
    rows = batch.audit_batch.rows.all()
    for org in OrgUnit.objects.filter(pk__in=rows.values("org_id")):
        require(actor, Resource.MEMBER, Action.CHANGE, org=org)
    created = rows.filter(action=Event.REGISTERED).values("object_id")
    updated = {r.object_id: r for r in rows.filter(action=Event.UPDATED)}
    members = Member.objects.select_for_update().filter(pk__in=rows.values("object_id"))
    later = (
        AuditEntry.objects.filter(object_type=Member._meta.label_lower,
                                  object_id__in=rows.values("object_id"))
        .exclude(batch=batch.audit_batch).filter(occurred_at__gte=batch.audit_batch.occurred_at)
        .order_by("pk").first()
    )  # fmt: skip
    missing = rows.count() - members.count()
    if later or missing:
        name = later.object_repr if later else f"{missing} hồ sơ"
        raise UndoRefused(f"Không thể hoàn tác: hồ sơ {name} đã thay đổi sau lần nhập này.")
    _delete_members(created)
    restored = list(members.filter(pk__in=updated))
    for member in restored:
        for name, (before, _after) in updated[member.pk].changes.items():
            setattr(member, name, restored_value(Member._meta.get_field(name), before))
        member_derive(member)
        member.version += 1
    fields = {name for row in updated.values() for name in row.changes}
    Member.objects.bulk_update(restored, [*fields, "search_text", "sort_key", "version"], 1000)
    batch.state = ImportBatch.State.UNDONE
    batch.save(update_fields=["state"])
    audit_record(
        actor=actor,
        action=Event.IMPORT_UNDONE,
        obj=batch,
        org=batch.org,
        data={"deleted": created.count(), "restored": len(restored)},
    )
    return batch


def _delete_members(ids: QuerySet[Any]) -> None:
    """Delete the members with these IDS and their cell periods, in two statements: the
    ORM's cascade would load each of 100,000 members first. Refused if anything else
    refers to them (the services audit every change, so undo has checked that already;
    this keeps a foreign key from failing at commit time instead)."""
    for relation in Member._meta.related_objects:
        model = cast(type[Model], relation.related_model)
        rows = model._default_manager.filter(**{f"{relation.field.name}__in": ids})
        if model is not Membership and rows.exists():
            raise UndoRefused(
                "Không thể hoàn tác: hồ sơ do lần nhập này tạo đã được dùng ở nơi khác."
            )
    Membership.objects.filter(member__in=ids).delete()
    Member.objects.filter(pk__in=ids)._raw_delete(using="default")
