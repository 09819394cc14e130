"""The reconciliation as background work: the worker compares the uploaded file with the
registry and keeps the report on the batch for its page (UPLOADED → CHECKING → CHECKED),
and applies the differences the user chose (CHECKED → COMMITTING → CHECKED, with the report
made again). Like an import, each step runs in the worker within its time and memory limits
(`tasks.py`); a file that cannot be read fails the batch with its one Vietnamese line."""

import datetime as dt
from typing import Any

from dangvu.imports.files import uploaded_file
from dangvu.imports.models import ImportBatch
from dangvu.imports.reconcile import Reconciliation, apply_differences, reconcile
from dangvu.imports.states import Step, batch_move
from dangvu.imports.unreadable import UnreadableFile
from dangvu.imports.working import started
from dangvu.organizations.access import User

# The page lists at most this many of the members found only in the registry (an office's
# whole roll, when it reconciles a cell's export); it counts them all.
LISTED_ONLY_IN_REGISTRY = 500


def reconcile_check(batch_id: int, *, user: User, today: dt.date) -> None:
    """Compare the batch's file with the members USER may see TODAY; keep the report."""
    batch = ImportBatch.objects.get(pk=batch_id)
    batch_move(batch, Step.CHECK, **started())
    _record(batch, user=user, today=today)


def reconcile_apply(batch_id: int, *, user: User, today: dt.date, chosen: list[str] | None) -> None:
    """Apply the CHOSEN differences ("member id:field"; None for all), then report again."""
    batch = ImportBatch.objects.get(pk=batch_id)
    wanted = None if chosen is None else {
        (int(member), name) for member, _sep, name in (c.partition(":") for c in chosen)
    }  # fmt: skip
    with uploaded_file(batch) as path:
        applied = apply_differences(actor=user, path=path, user=user, today=today, chosen=wanted)
    _record(batch, user=user, today=today, applied=applied)


def _record(batch: ImportBatch, *, user: User, today: dt.date, applied: int | None = None) -> None:
    try:
        with uploaded_file(batch) as path:
            report = report_json(reconcile(path=path, user=user, today=today))
    except UnreadableFile as error:
        batch_move(batch, Step.FAIL, failure=str(error)[:500], working_since=None)
        return
    if applied is not None:
        report["applied"] = applied
    batch_move(batch, Step.RECORD_CHECK, report=report, checked_on=today, working_since=None)


def report_json(result: Reconciliation) -> dict[str, Any]:
    """The report as the page shows it, in JSON: values as written (dates dd/mm/yyyy), the
    pairs that differ, and the people on one side only (the registry's, the first ones)."""
    registry_only = result.only_in_registry
    return {
        "pairs": [
            {
                "member_id": pair.member_id, "name": pair.name, "row": pair.row,
                "matched_by": pair.matched_by, "changeable": pair.changeable,
                "differences": [
                    {"field": d.field, "ours": _shown(d.ours), "theirs": _shown(d.theirs),
                     "applicable": d.applicable}
                    for d in pair.differences
                ],
            }
            for pair in result.pairs
            if pair.differences
        ],
        "only_in_file": [[row, name, _shown(birth)] for row, name, birth in result.only_in_file],
        "only_in_registry": [list(one) for one in registry_only[:LISTED_ONLY_IN_REGISTRY]],
        "only_in_registry_total": len(registry_only),
        "problems": [str(problem) for problem in result.problems],
        "problems_more": result.problems.more,
    }  # fmt: skip


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)
