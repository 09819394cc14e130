"""Undoing a committed organization import, exactly, unless something happened since."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record, audit_rows
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.common.text import fold
from dangvu.imports.models import ImportBatch, OrgImportChange
from dangvu.imports.organizations.write import org_periods
from dangvu.imports.problems import UndoRefused
from dangvu.imports.states import Step, batch_allows, batch_move
from dangvu.organizations.access import User, require
from dangvu.organizations.models import (
    AdmissionAuthority,
    Membership,
    OrgEvent,
    OrgUnit,
    OrgVersion,
)
from dangvu.organizations.roles import Action, Resource


@transaction.atomic
def undo_organization_import(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Put the tree back as it was before BATCH: remove the organizations it created and
    the authorisations to admit it recorded, and restore the periods it changed, if nothing
    has happened to them since.

    Recorded forward: the structure events the import wrote stay, marked as undone by the
    undo's audit entry, which has a row per organization. The history an organization page
    reads still shows that the change was entered, struck out rather than silently
    rewritten; a new event kind would instead leave two events (a change and its
    cancellation) that every reader of the history would have to pair up."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.kind != ImportBatch.Kind.ORG_IMPORT or not batch_allows(batch, Step.UNDO):
        raise UndoRefused(_("Lần nhập này chưa được ghi hoặc đã hoàn tác."))
    changes = list(batch.org_changes.order_by("id"))
    ids = {change.org_id for change in changes}
    for org in OrgUnit.objects.filter(pk__in=ids):
        require(actor, Resource.ORG, Action.CHANGE, org=org)
    list(OrgVersion.objects.select_for_update().filter(org_id__in=ids).order_by("id"))
    _refuse_if_changed_since(changes)
    created = {c.org_id for c in changes if c.action == OrgImportChange.Action.CREATED}
    entry = _record(actor, batch, changes, created)
    AdmissionAuthority.objects.filter(pk__in=_authority_ids(changes)).delete()
    restored = _periods_changed(changes)
    OrgVersion.objects.filter(org_id__in={change.org_id for change in restored}).delete()
    OrgVersion.objects.bulk_create(
        OrgVersion(**_restored(period)) for change in restored for period in change.versions_before
    )
    OrgEvent.objects.filter(id__in=[e for change in changes for e in change.event_ids]).update(
        undone_by=entry
    )
    try:
        OrgUnit.objects.filter(pk__in=created).delete()
    except ProtectedError as error:
        code = next(iter(c.code for c in changes if c.org_id in created))
        message = _(
            "Không thể hoàn tác: đã có dữ liệu khác gắn với tổ chức %(code)s mà lần nhập này "
            "tạo ra."
        )
        raise UndoRefused(message % {"code": code}) from error
    batch_move(batch, Step.UNDO)
    return batch


def _record(
    actor: User, batch: ImportBatch, changes: list[OrgImportChange], created: set[int]
) -> AuditEntry:
    """The undo's entry, seen by those who saw the import, with a row per organization
    naming the changes undone."""
    imported = batch.audit_batch
    entry = audit_record(
        actor=actor,
        action=Event.IMPORT_UNDONE,
        obj=batch,
        about=batch.file_name,
        org=imported.org if imported else None,
        data={"file": batch.file_name, "what": "organizations", "deleted": len(created),
              "restored": len(changes) - len(created)},
    )  # fmt: skip
    kinds = dict(
        OrgEvent.objects.filter(id__in=[e for c in changes for e in c.event_ids]).values_list(
            "id", "kind"
        )
    )
    audit_rows(
        entry,
        (
            {
                "action": Event.ORG_UNDONE,
                "object_type": OrgUnit._meta.label_lower,
                "object_id": change.org_id,
                "object_repr": _named(change),
                "org_id": change.org_id,
                "data": {
                    "events": [kinds[e] for e in change.event_ids if e in kinds],
                    "authorities": len(change.authority_ids),
                },
            }
            for change in changes
        ),
    )
    return entry


def _named(change: OrgImportChange) -> str:
    """The organization as the import left it: its last name, and its code."""
    periods = change.versions_after or change.versions_before
    return f"{periods[-1]['name']} ({change.code})" if periods else change.code


def _authority_ids(changes: list[OrgImportChange]) -> list[int]:
    return [pk for change in changes for pk in change.authority_ids]


def _periods_changed(changes: list[OrgImportChange]) -> list[OrgImportChange]:
    """The changes of an organization's periods (not only of its authorisations)."""
    return [change for change in changes if change.versions_before != change.versions_after]


def _refuse_if_changed_since(changes: list[OrgImportChange]) -> None:
    by_id = {change.org_id: change for change in changes}
    withdrawn = (
        AdmissionAuthority.objects.filter(pk__in=_authority_ids(changes), valid_to__isnull=False)
        .order_by("id")
        .first()
    )
    if withdrawn is not None:
        raise UndoRefused(
            _("Không thể hoàn tác: ủy quyền kết nạp của tổ chức %(code)s đã bị thu hồi sau lần "
              "nhập này.") % {"code": by_id[withdrawn.org_id].code}
        )  # fmt: skip
    changes = _periods_changed(changes)
    ids = {change.org_id for change in changes}
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
        .filter(undone_by__isnull=True)
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
