"""Writes of the import pages that are not the import itself: keeping an upload, mapping
its columns again. Each checks the user's reach and is audited in its transaction, like
the commit and the undo (`members/`, `organizations/`)."""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from dangvu.common import clock
from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.imports.models import ImportBatch
from dangvu.imports.states import Step, batch_move
from dangvu.imports.working import started
from dangvu.organizations.access import OutOfScope, User, may, require
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Action, Resource


def _require_reach(actor: User, kind: str, org: OrgUnit | None) -> None:
    """ACTOR may change the members of ORG (the organizations, for their import); without
    ORG, somewhere: each row's reach is checked by the check and again by the commit."""
    resource = Resource.ORG if kind == ImportBatch.Kind.ORG_IMPORT else Resource.MEMBER
    if org is not None:
        require(actor, resource, Action.CHANGE, org=org)
    elif not may(actor, resource, Action.CHANGE):
        raise OutOfScope


@transaction.atomic
def batch_upload(
    *, actor: User, file: UploadedFile, kind: str, org: OrgUnit | None = None
) -> ImportBatch:
    """Keep an uploaded spreadsheet as a new batch of KIND, to be checked (for the members
    of ORG, if given)."""
    _require_reach(actor, kind, org)
    batch = ImportBatch(
        created_by_id=getattr(actor, "pk", None),
        org=org,
        file_name=file.name or "",
        kind=kind,
        state=ImportBatch.State.UPLOADED,
        working_since=clock.now(),  # waiting for its check (`working.fail_stale`)
    )
    batch.file.save(file.name, file, save=True)
    audit_record(
        actor=actor,
        action=Event.IMPORT_UPLOADED,
        obj=batch,
        about=batch.file_name,
        org=org,
        data={"file": batch.file_name, "kind": kind, "size": file.size},
    )
    return batch


@transaction.atomic
def batch_remap(
    *,
    actor: User,
    batch: ImportBatch,
    mapping: dict[str, str],
    row_kinds: list[list[Any]] | None = None,
) -> ImportBatch:
    """Map the batch's columns as the user chose (column number → field), and read its rows
    as the user corrected them (ROW_KINDS, [[sheet index, row, kind], …]; None keeps the
    corrections made before), to be checked again. Only a checked batch not yet
    committed, or one whose work failed, may be remapped."""
    _require_reach(actor, batch.kind, batch.org)
    before = dict(batch.mapping)
    kinds_before = list(batch.row_kinds)
    kinds = kinds_before if row_kinds is None else row_kinds
    batch_move(batch, Step.REMAP, mapping=mapping, row_kinds=kinds, **started())
    changes: dict[str, list[Any]] = {"mapping": [before, mapping]}
    if kinds != kinds_before:
        changes["row_kinds"] = [kinds_before, kinds]
    audit_record(
        actor=actor,
        action=Event.IMPORT_REMAPPED,
        obj=batch,
        about=batch.file_name,
        org=batch.org,
        changes=changes,
    )
    return batch
