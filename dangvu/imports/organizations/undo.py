"""Undoing a committed organization import, exactly, unless something happened since."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.text import fold
from dangvu.imports.models import ImportBatch, OrgImportChange
from dangvu.imports.organizations.write import org_periods
from dangvu.imports.problems import UndoRefused
from dangvu.organizations.access import User, require
from dangvu.organizations.models import Membership, OrgEvent, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource


@transaction.atomic
def undo_organization_import(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Put the tree back as it was before BATCH: remove the organizations it created and
    restore the periods it changed, if nothing has happened to them since."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.kind != ImportBatch.Kind.ORG_IMPORT or batch.state != ImportBatch.State.COMMITTED:
        raise UndoRefused(_("Lần nhập này chưa được ghi hoặc đã hoàn tác."))
    changes = list(batch.org_changes.order_by("id"))
    ids = {change.org_id for change in changes}
    for org in OrgUnit.objects.filter(pk__in=ids):
        require(actor, Resource.ORG, Action.CHANGE, org=org)
    list(OrgVersion.objects.select_for_update().filter(org_id__in=ids).order_by("id"))
    _refuse_if_changed_since(changes)
    created = {c.org_id for c in changes if c.action == OrgImportChange.Action.CREATED}
    OrgVersion.objects.filter(org_id__in=ids).delete()
    OrgVersion.objects.bulk_create(
        OrgVersion(**_restored(period)) for change in changes for period in change.versions_before
    )
    OrgEvent.objects.filter(id__in=[e for change in changes for e in change.event_ids]).delete()
    try:
        OrgUnit.objects.filter(pk__in=created).delete()
    except ProtectedError as error:
        code = next(iter(c.code for c in changes if c.org_id in created))
        message = _(
            "Không thể hoàn tác: đã có dữ liệu khác gắn với tổ chức %(code)s mà lần nhập này "
            "tạo ra."
        )
        raise UndoRefused(message % {"code": code}) from error
    batch.state = ImportBatch.State.UNDONE
    batch.save(update_fields=["state"])
    audit_record(
        actor=actor,
        action=Event.IMPORT_UNDONE,
        obj=batch,
        data={"what": "organizations", "deleted": len(created), "restored": len(ids - created)},
    )
    return batch


def _refuse_if_changed_since(changes: list[OrgImportChange]) -> None:
    ids = {change.org_id for change in changes}
    by_id = {change.org_id: change for change in changes}
    current = org_periods(ids)
    for change in changes:
        if current.get(change.org_id, []) != change.versions_after:
            raise UndoRefused(
                _("Không thể hoàn tác: tổ chức %(code)s đã thay đổi sau lần nhập này.")
                % {"code": change.code}
            )
    batch_events = [e for change in changes for e in change.event_ids]
    later = (
        OrgEvent.objects.filter(org_id__in=ids, id__gt=min(batch_events, default=0))
        .exclude(id__in=batch_events)
        .order_by("id")
        .first()
    )
    if later is not None:
        raise UndoRefused(
            _("Không thể hoàn tác: tổ chức %(code)s có thay đổi sau lần nhập này.")
            % {"code": by_id[later.org_id].code}
        )
    structural = [c.org_id for c in changes if c.action != OrgImportChange.Action.CHANGED]
    child = (
        OrgVersion.objects.filter(parent_id__in=structural)
        .exclude(org_id__in=ids)
        .select_related("org")
        .first()
    )
    if child is not None:
        raise UndoRefused(
            _("Không thể hoàn tác: %(child)s đã được đặt trực thuộc %(code)s sau lần nhập này.")
            % {"child": child.org.code, "code": by_id[child.parent_id or 0].code}
        )
    created = [c.org_id for c in changes if c.action == OrgImportChange.Action.CREATED]
    placed = Membership.objects.filter(org_id__in=created).order_by("id").first()
    if placed is not None:
        raise UndoRefused(
            _(
                "Không thể hoàn tác: đã có đảng viên sinh hoạt ở tổ chức %(code)s mà lần nhập "
                "này tạo ra."
            )
            % {"code": by_id[placed.org_id].code}
        )


def _restored(period: dict[str, Any]) -> dict[str, Any]:
    return period | {
        "valid_from": dt.date.fromisoformat(period["valid_from"]),
        "valid_to": dt.date.fromisoformat(period["valid_to"]) if period["valid_to"] else None,
        "search_text": fold(period["name"]),  # bulk_create skips OrgVersion.save
    }
