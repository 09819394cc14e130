"""The member import's commit: the staged rows of today's check, written all at once after
checking again what can have changed, or nothing."""

import datetime as dt
from pathlib import Path

from django.db import IntegrityError, transaction

from dangvu.common import clock
from dangvu.common.audit import audit_record
from dangvu.common.bulk import refresh_statistics
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.common.text import fold_words
from dangvu.imports.members.check import (
    Progress,
    _cells,
    check_members,
)
from dangvu.imports.members.stage import (
    StagedRowsChanged,
    conflict_problems,
    member_stage,
    reach_problems,
    write_staged,
)
from dangvu.imports.models import ImportBatch, ImportMapping
from dangvu.imports.problems import (
    CheckResult,
    ImportRefused,
    Problem,
    located,
)
from dangvu.imports.states import Step, batch_move, batch_require
from dangvu.members.models import Member
from dangvu.organizations.access import (
    OutOfScope,
    User,
    require,
)
from dangvu.organizations.models import Membership, OrgUnit
from dangvu.organizations.roles import Action, Resource


@transaction.atomic
def commit_members(
    *,
    actor: User,
    path: Path,
    user: User,
    today: dt.date,
    org: OrgUnit | None = None,
    mapping: dict[int, str] | None = None,
    batch: ImportBatch | None = None,
    progress: Progress | None = None,
) -> ImportBatch:
    """Write the file all at once, or nothing if any row has a problem. BATCH is the
    upload's record when the import comes from the web page, usually checked already: its
    staged rows are written after checking again what can have changed since. Without a
    check of today with this mapping (the CLI), PATH is checked first."""
    if batch is None:
        batch = ImportBatch.objects.create(
            created_by_id=getattr(actor, "pk", None),
            org=org,
            file_name=path.name,
            state=ImportBatch.State.UPLOADED,
        )
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    batch_require(batch, Step.RECORD_CHECK, Step.COMMIT)
    if org is not None:
        try:
            require(actor, Resource.MEMBER, Action.CHANGE, org=org, on=today)
        except OutOfScope as refused:
            raise ImportRefused(_refused(batch, [(0, "", "", str(refused))])) from None
    stage = member_stage(batch.pk)
    wanted = {str(k): v for k, v in mapping.items()} if mapping else batch.mapping
    if not (
        batch.state in (ImportBatch.State.CHECKED, ImportBatch.State.COMMITTING)
        and batch.checked_on == today
        and not batch.problems
        and batch.mapping == wanted
        and stage.exists()
    ):
        result = check_members(
            path=path, user=user, today=today, org=org, mapping=mapping, progress=progress,
            batch=batch,
        )  # fmt: skip
        if result.problems:
            raise ImportRefused(result)
    cells = {pk: code for code, (pk, _start) in _cells(user, today, org).items()}
    problems = reach_problems(stage, cells)
    if problems:
        raise ImportRefused(_refused(batch, problems))
    entry = audit_record(
        actor=actor, action=Event.IMPORT_COMMITTED, obj=batch, about=batch.file_name, org=org,
        data={"file": batch.file_name, "created": batch.to_create, "updated": batch.to_update,
              "skipped": batch.skipped},
    )  # fmt: skip
    try:
        with transaction.atomic():
            write_staged(stage, entry, updates=batch.to_update)
    except (StagedRowsChanged, IntegrityError):
        message = "Hồ sơ vừa có người khác ghi đè trong lúc ghi; hãy kiểm tra lại."
        problems = conflict_problems(stage) or [(0, "", "", message)]
        raise ImportRefused(_refused(batch, problems)) from None
    stage.drop()
    refresh_statistics(Member, Membership, AuditEntry)
    batch_move(
        batch,
        Step.COMMIT,
        committed_at=clock.now(),
        problems=[],
        problems_total=0,
        working_since=None,
        rows_done=batch.rows_total,
        audit_batch=entry,
    )
    if org is not None:
        headers = {fold_words(batch.headers[int(i)]): name for i, name in batch.mapping.items()}
        ImportMapping.objects.update_or_create(org=org, defaults={"headers": headers})
    return batch


def _refused(batch: ImportBatch, problems: list[tuple[int, str, str, str]]) -> CheckResult:
    """The batch's check, with PROBLEMS found at commit time (row, field, value, message)."""
    mapping = {int(k): v for k, v in batch.mapping.items()}
    result = CheckResult(batch.file_name, batch.sheet, batch.header_row, mapping, batch.headers)
    where = located(mapping, batch.headers)
    for row, name, value, message in problems:
        column, header = where.get(name, ("", ""))
        result.problems.append(Problem(row, column, header, value, message))
    return result
