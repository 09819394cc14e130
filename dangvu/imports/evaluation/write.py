"""Writing a ratings file: all its rows through `ratings_save` in one call, so every rule of
the year and every scope check of the step applies, and the write is audited; nothing is
written unless the whole file is clean. A dry run makes the same call in a transaction that
is always rolled back, so the check and the write cannot disagree."""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.evaluation.checking import group_of
from dangvu.evaluation.facts import STEP_FIELDS, step_of
from dangvu.evaluation.models import Round, Stage
from dangvu.evaluation.rules import EXCELLENT
from dangvu.evaluation.services import RatingChange, RatingsRefused, ratings_save
from dangvu.imports.evaluation.check import RatingRow, read_ratings
from dangvu.imports.problems import CheckResult, ImportRefused, Problem
from dangvu.organizations.access import OutOfScope, User


@dataclass(frozen=True)
class RatingsImported:
    """What an import wrote (or, dry, would write): the file's RESULT and how many ratings
    CHANGED to each level."""

    result: CheckResult
    changed: Counter[str]


class _Rehearsal(Exception):
    """Raised to roll a dry run back."""


def ratings_import(
    *, actor: User, path: Path, round_: Round, dry_run: bool = False
) -> RatingsImported:
    """Write the ratings of the file PATH at ROUND_'s current step as ACTOR, or only check
    them (DRY_RUN). Raises ImportRefused with every problem located, and nothing written."""
    result, rows = read_ratings(path=path, user=actor, round_=round_)
    if result.problems:
        raise ImportRefused(result)
    changes = [_change(row) for row in rows]
    changed = _changed(rows, round_)
    try:
        with transaction.atomic():
            ratings_save(actor=actor, round_=round_, changes=changes, source=path.name)
            if dry_run:
                raise _Rehearsal
    except _Rehearsal:
        pass
    except RatingsRefused as refused:
        result.problems.extend(_violations(refused, rows, result.header_row))
        raise ImportRefused(result) from None
    except OutOfScope as refused:  # read_ratings refuses these row by row first
        result.problems.append(Problem(result.header_row, "", "", "", str(refused)))
        raise ImportRefused(result) from None
    result.to_update = sum(changed.values())
    result.skipped = result.rows_total - result.to_update
    return RatingsImported(result, changed)


def _reason(row: RatingRow) -> str:
    """The override's reason the row keeps: its own, or the recorded one if the file has no
    reason column."""
    assert row.rating is not None
    return row.rating.override_reason if row.reason is None else row.reason


def _change(row: RatingRow) -> RatingChange:
    assert row.rating is not None
    return RatingChange(
        rating_id=row.rating.pk, level=row.level, score=row.score, override_reason=_reason(row)
    )


def _changed(rows: list[RatingRow], round_: Round) -> Counter[str]:
    """How many of ROWS change their rating at the round's step, by the level they give."""
    level_field, score_field = STEP_FIELDS[Stage(step_of(round_.stage))]
    changed: Counter[str] = Counter()
    for row in rows:
        rating = row.rating
        assert rating is not None
        before = (getattr(rating, level_field), getattr(rating, score_field))
        if before != (row.level, row.score) or rating.override_reason != _reason(row).strip():
            changed[row.level] += 1
    return changed


def _violations(refused: RatingsRefused, rows: list[RatingRow], header_row: int) -> list[Problem]:
    """The rules' refusals at the rows they concern: a subject's at its row (the score's
    column for a missing score, the level's otherwise), a quota's at the rows of its group
    rated HTXSNV without an override's reason."""
    by_rating = {row.rating.pk: row for row in rows if row.rating is not None}
    problems = []
    for violation in refused.violations:
        row = by_rating.get(violation.key) if isinstance(violation.key, int) else None
        if row is not None:
            column = "score" if violation.rule == "score" else "level"
            problems.append(row.problem(column, violation.message))
            continue
        excellent = [
            row
            for row in rows
            if row.rating is not None
            and group_of(row.rating) == violation.group
            and row.level == EXCELLENT
            and not _reason(row).strip()
        ]
        if not excellent:
            problems.append(Problem(header_row, "", "", "", violation.message))
            continue
        message = _("%(reason)s; các dòng xếp loại hoàn thành xuất sắc nhiệm vụ: %(rows)s.") % {
            "reason": violation.message,
            "rows": ", ".join(str(row.row) for row in excellent),
        }
        problems.append(excellent[0].problem("level", message))
    return problems
