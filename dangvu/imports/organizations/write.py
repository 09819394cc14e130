"""Writing an organization list through the tree's services: the check's rehearsal (always
rolled back), the commit (all or nothing, one audited batch) and the web page's steps."""

import datetime as dt
import functools
import operator
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.imports.columns import ORG_FIELDS
from dangvu.imports.files import uploaded_file
from dangvu.imports.limits import check_deadline
from dangvu.imports.models import ImportBatch, OrgImportChange
from dangvu.imports.organizations.plan import (
    AUTHORISE,
    CREATE,
    MOVE,
    RECLASSIFY,
    RENAME,
    OrgRow,
    prepare_rows,
)
from dangvu.imports.problems import (
    CheckResult,
    ImportRefused,
    Problem,
    Problems,
    checked_fields,
    problem_fields,
)
from dangvu.imports.reading import UnreadableFile
from dangvu.imports.states import Step, batch_move, batch_require
from dangvu.imports.working import started
from dangvu.organizations.access import OutOfScope, User
from dangvu.organizations.authorities import admission_authority_grant
from dangvu.organizations.models import AdmissionAuthority, OrgEvent, OrgUnit, OrgVersion
from dangvu.organizations.services import org_create, org_move, org_reclassify, org_rename

# The column a refusal of each service is shown in.
_OPERATION_COLUMN = {CREATE: "parent", RENAME: "name", MOVE: "parent", RECLASSIFY: "kind",
                     AUTHORISE: "authority_decision"}  # fmt: skip
# The authorisation service's fields, as the file's columns.
_AUTHORITY_COLUMN = {"on": "authority_date", "decision": "authority_decision"}


def check_organizations(
    *, path: Path, user: User, today: dt.date, mapping: dict[int, str] | None = None
) -> CheckResult:
    """Read PATH and check every row, rehearsing the changes without keeping them. Raises
    UnreadableFile when the file cannot be read."""
    result, planned = prepare_rows(path=path, user=user, today=today, mapping=mapping)
    if planned:
        with transaction.atomic():
            result.problems.extend(_apply(planned, actor=user, today=today))
            transaction.set_rollback(True)
    result.problems.sort(key=lambda problem: problem.row)
    return result


def _apply(rows: list[OrgRow], *, actor: User, today: dt.date) -> list[Problem]:
    """Make the rows' changes through the services, each row in a savepoint so a refused
    row is reported and the others still tried. Returns the refusals."""
    codes = {org_row.code for org_row in rows} | {r.parent_code for r in rows if r.parent_code}
    units = {org.code: org for org in OrgUnit.objects.filter(code__in=codes)}
    failed: set[str] = set()
    problems = []
    for org_row in rows:
        check_deadline()
        if org_row.parent_code and org_row.parent_code not in units:
            failed.add(org_row.code)  # its parent's row has a problem, already reported
            continue
        operation = ""
        try:
            with transaction.atomic():
                for operation in org_row.operations:
                    _perform(operation, org_row, units, actor, today)
        except ValidationError as error:
            failed.add(org_row.code)
            problems.append(_refusal(org_row, operation, error))
        except OutOfScope as error:
            failed.add(org_row.code)
            problems.append(org_row.problem(_OPERATION_COLUMN[operation], str(error)))
    return problems


def _perform(
    operation: str, org_row: OrgRow, units: dict[str, OrgUnit], actor: User, today: dt.date
) -> None:
    values = org_row.values
    parent = units.get(org_row.parent_code) if org_row.parent_code else None
    on = values.get("effective_date") or today
    decision = str(values.get("decision") or "")
    if operation == CREATE:
        units[org_row.code] = org_create(
            actor=actor,
            code=org_row.code,
            name=values["name"],
            kind=values["kind"],
            sector=values.get("sector") or (parent.sector if parent else ""),
            parent=parent,
            established_date=values["established_date"],
            decision=decision,
        )
    elif operation == RENAME:
        org_rename(
            actor=actor,
            org=units[org_row.code],
            new_name=values["name"],
            effective_date=on,
            decision=decision,
        )
    elif operation == AUTHORISE:
        admission_authority_grant(
            actor=actor,
            org=units[org_row.code],
            on=values["authority_date"],
            decision=values["authority_decision"],
            today=today,
        )
    elif operation == MOVE:
        assert parent is not None  # a top-level organization never moves (kind rule)
        org_move(
            actor=actor,
            org=units[org_row.code],
            new_parent=parent,
            effective_date=on,
            decision=decision,
        )
    else:
        org_reclassify(
            actor=actor,
            org=units[org_row.code],
            new_kind=values["kind"],
            effective_date=on,
            decision=decision,
        )


def _refusal(org_row: OrgRow, operation: str, error: ValidationError) -> Problem:
    renamed = {"new_name": "name"} | (_AUTHORITY_COLUMN if operation == AUTHORISE else {})
    fields = [renamed.get(key, key) for key in getattr(error, "error_dict", {})]
    name = next((key for key in fields if key in ORG_FIELDS), _OPERATION_COLUMN[operation])
    if name == "parent" and not org_row.parent_code:
        name = "kind"
    message = " ".join(error.messages)
    if operation == RECLASSIFY:
        message += " " + _("Hãy dùng chức năng thay đổi tổ chức trên trang tổ chức.")
    return org_row.problem(name, message)


def org_periods(org_ids: set[int]) -> dict[int, list[dict[str, Any]]]:
    """Every period of these organizations, as JSON, by organization."""
    periods: dict[int, list[dict[str, Any]]] = {}
    fields = (
        "id",
        "org_id",
        "valid_from",
        "valid_to",
        "name",
        "kind",
        "parent_id",
        "path",
        "depth",
    )
    for row in OrgVersion.objects.filter(org_id__in=org_ids).order_by("valid_from").values(*fields):
        row["valid_from"] = row["valid_from"].isoformat()
        row["valid_to"] = row["valid_to"].isoformat() if row["valid_to"] else None
        periods.setdefault(row["org_id"], []).append(row)
    return periods


def _affected(rows: list[OrgRow]) -> set[int]:
    """Existing organizations whose periods the rows may change: the changed ones, and
    everything under the ones that move."""
    units = dict(
        OrgUnit.objects.filter(code__in=[r.code for r in rows]).values_list("code", "pk").order_by()
    )
    ids = {units[r.code] for r in rows if r.code in units}
    moving = [units[r.code] for r in rows if MOVE in r.operations]
    if moving:
        under = functools.reduce(operator.or_, (Q(path__contains=f"/{pk}/") for pk in moving))
        ids |= set(OrgVersion.objects.filter(under).values_list("org_id", flat=True))
    return ids


def _common_org(rows: list[OrgRow]) -> OrgUnit | None:
    """The deepest existing organization holding every row's organization, its parent and
    any new parent, before the import: the batch shows in the audit log of those who see
    that subtree. None when a row is at the top of the tree."""
    by_code = {org_row.code: org_row for org_row in rows}
    codes = set(by_code) | {org_row.parent_code for org_row in rows}
    paths = dict(
        OrgVersion.objects.filter(valid_to__isnull=True, org__code__in=codes)
        .values_list("org__code", "path")
        .order_by()
    )
    anchors = []
    for code in [*by_code, *(r.parent_code for r in rows if MOVE in r.operations)]:
        seen: set[str] = set()
        while code not in paths and code in by_code and code not in seen:
            seen.add(code)
            code = by_code[code].parent_code
        if code not in paths:
            return None
        anchors.append(paths[code].strip("/").split("/"))
    common = []
    for ids in zip(*anchors, strict=False):
        if len(set(ids)) > 1:
            break
        common.append(ids[0])
    return OrgUnit.objects.get(pk=int(common[-1])) if common else None


@transaction.atomic
def commit_organizations(
    *,
    actor: User,
    path: Path,
    user: User,
    today: dt.date,
    mapping: dict[int, str] | None = None,
    batch: ImportBatch | None = None,
) -> ImportBatch:
    """Check PATH again and write it all, or nothing if any row has a problem; one audited
    batch whose rows are the services' own entries. BATCH is the upload's record when the
    import comes from the web page; the CLI gets a new one."""
    if batch is not None:
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        batch_require(batch, Step.RECORD_CHECK, Step.COMMIT)
    result, planned = prepare_rows(path=path, user=user, today=today, mapping=mapping)
    if result.problems:
        raise ImportRefused(result)
    if batch is None:
        batch = ImportBatch.objects.create(
            created_by_id=getattr(actor, "pk", None),
            kind=ImportBatch.Kind.ORG_IMPORT,
            file_name=result.file_name,
            state=ImportBatch.State.UPLOADED,
        )
    batch_move(batch, Step.RECORD_CHECK, **checked_fields(result), checked_on=today)
    batch_move(batch, Step.COMMIT, committed_at=clock.now())
    entry = audit_record(
        actor=actor,
        action=Event.IMPORT_COMMITTED,
        obj=batch,
        about=batch.file_name,
        org=_common_org(planned),
        data={
            "file": batch.file_name,
            "what": "organizations",
            "created": result.to_create,
            "updated": result.to_update,
            "skipped": result.skipped,
            "codes": [org_row.code for org_row in planned],
        },
    )
    affected = _affected(planned)
    before = org_periods(affected)
    events_before = set(OrgEvent.objects.filter(org_id__in=affected).values_list("id", flat=True))
    last_authority = AdmissionAuthority.objects.aggregate(last=Max("id"))["last"] or 0
    problems = _apply(planned, actor=actor, today=today)
    if problems:
        result.problems = Problems(problems)
        raise ImportRefused(result)
    touched = affected | set(
        OrgUnit.objects.filter(code__in=[r.code for r in planned]).values_list("pk", flat=True)
    )
    AuditEntry.objects.filter(
        Q(action__startswith="organizations.org.") | Q(action=Event.ADMISSION_AUTHORITY_GRANTED),
        pk__gt=entry.pk,
        batch__isnull=True,
        object_type=OrgUnit._meta.label_lower,
        object_id__in=touched,
    ).update(batch=entry)
    authorities: dict[int, list[int]] = {}
    for org_id, pk in AdmissionAuthority.objects.filter(pk__gt=last_authority).values_list(
        "org_id", "id"
    ):
        authorities.setdefault(org_id, []).append(pk)
    _keep_changes(batch, before, org_periods(touched), events_before, authorities)
    ImportBatch.objects.filter(pk=batch.pk).update(audit_batch=entry)
    batch.audit_batch = entry
    return batch


def _keep_changes(
    batch: ImportBatch,
    before: dict[int, list[dict[str, Any]]],
    after: dict[int, list[dict[str, Any]]],
    events_before: set[int],
    authorities: dict[int, list[int]],
) -> None:
    codes = dict(OrgUnit.objects.filter(pk__in=after).values_list("pk", "code").order_by())
    events: dict[int, list[int]] = {}
    for org_id, event_id in (
        OrgEvent.objects.filter(org_id__in=after)
        .exclude(id__in=events_before)
        .values_list("org_id", "id")
    ):
        events.setdefault(org_id, []).append(event_id)
    changes = []
    for org_id, periods in after.items():
        old = before.get(org_id, [])
        if old == periods and org_id not in authorities:
            continue
        if not old:
            action = OrgImportChange.Action.CREATED
        elif {p["path"] for p in old} != {p["path"] for p in periods}:
            action = OrgImportChange.Action.MOVED
        else:
            action = OrgImportChange.Action.CHANGED
        changes.append(
            OrgImportChange(
                batch=batch,
                org_id=org_id,
                code=codes[org_id],
                action=action,
                versions_before=old,
                versions_after=periods,
                event_ids=sorted(events.get(org_id, [])),
                authority_ids=authorities.get(org_id, []),
            )
        )
    OrgImportChange.objects.bulk_create(changes)


def org_batch_check(batch_id: int, *, user: User, today: dt.date) -> None:
    """Check an uploaded organization list and keep the results on its batch (a background
    task for the web page)."""
    batch = ImportBatch.objects.get(pk=batch_id, kind=ImportBatch.Kind.ORG_IMPORT)
    batch_move(batch, Step.CHECK, **started())
    with uploaded_file(batch) as path:
        try:
            result = check_organizations(
                path=path, user=user, today=today, mapping=_mapping_of(batch)
            )
        except UnreadableFile as error:
            result = CheckResult(batch.file_name, "", 0, {}, [])
            result.problems.append(Problem(0, "", "", "", str(error)))
    batch_move(
        batch, Step.RECORD_CHECK, **checked_fields(result), headers=result.headers, checked_on=today
    )


def org_batch_commit(batch_id: int, *, user: User, today: dt.date) -> None:
    """Write a checked upload (a background task for the web page). If the data no longer
    passes, nothing is written and the batch goes back to CHECKED with its problems."""
    batch = ImportBatch.objects.get(pk=batch_id, kind=ImportBatch.Kind.ORG_IMPORT)
    with uploaded_file(batch) as path:
        try:
            commit_organizations(
                actor=user, path=path, user=user, today=today, mapping=_mapping_of(batch),
                batch=batch,
            )  # fmt: skip
        except (ImportRefused, UnreadableFile) as refused:
            problems = (
                refused.result.problems
                if isinstance(refused, ImportRefused)
                else Problems([Problem(0, "", "", "", str(refused))])
            )
            batch_move(batch, Step.RECORD_CHECK, working_since=None, **problem_fields(problems))


def _mapping_of(batch: ImportBatch) -> dict[int, str] | None:
    """The columns as the user mapped them on the batch's page; None to suggest them."""
    return {int(k): v for k, v in batch.mapping.items()} or None
