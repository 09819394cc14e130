"""The web page's background steps of a member import: check an upload, commit it."""

import datetime as dt

from dangvu.imports.files import uploaded_file
from dangvu.imports.members.check import check_members
from dangvu.imports.members.commit import commit_members
from dangvu.imports.models import ImportBatch
from dangvu.imports.problems import (
    CheckResult,
    ImportRefused,
    Problem,
    Problems,
    checked_fields,
    problem_fields,
)
from dangvu.imports.reading import UnreadableFile
from dangvu.imports.states import Step, batch_move
from dangvu.imports.working import alive, started
from dangvu.organizations.access import User


def batch_check(batch_id: int, *, user: User, today: dt.date) -> None:
    """Check an uploaded file (the dry run) and keep its results on the batch, reporting
    progress as it goes. Runs as a background task for the web page."""
    batch = ImportBatch.objects.get(pk=batch_id)
    batch_move(batch, Step.CHECK, rows_done=0, **started())
    mapping = {int(k): v for k, v in batch.mapping.items()} or None
    with uploaded_file(batch) as path:
        try:
            check_members(
                path=path,
                user=user,
                today=today,
                org=batch.org,
                mapping=mapping,
                progress=lambda done, total: alive(batch_id, rows_done=done, rows_total=total),
                batch=batch,
            )
        except UnreadableFile as error:
            result = CheckResult(batch.file_name, "", 0, {}, [])
            result.problems.append(Problem(0, "", "", "", str(error)))
            batch_move(batch, Step.RECORD_CHECK, **checked_fields(result))


def batch_commit(batch_id: int, *, user: User, today: dt.date) -> None:
    """Write a checked upload (a background task for the web page). If the data no longer
    passes, nothing is written and the batch goes back to CHECKED with its problems."""
    batch = ImportBatch.objects.get(pk=batch_id)
    mapping = {int(k): v for k, v in batch.mapping.items()}
    with uploaded_file(batch) as path:
        try:
            commit_members(
                actor=user,
                path=path,
                user=user,
                today=today,
                org=batch.org,
                mapping=mapping,
                batch=batch,
            )
        except (ImportRefused, UnreadableFile) as refused:
            problems = (
                refused.result.problems
                if isinstance(refused, ImportRefused)
                else Problems([Problem(0, "", "", "", str(refused))])
            )
            batch_move(batch, Step.RECORD_CHECK, working_since=None, **problem_fields(problems))
