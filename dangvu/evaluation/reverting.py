"""Hoàn tác a save of ratings: the whole save (its batch entry) or one rating of it (a row
of the batch). The round must still be at the step of that save and nobody must have
changed those fields since; the revert is a save of its own, checked by the year's rules
and audited with the entry it undoes."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import restored_value, stored_value
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.evaluation.facts import FACT_FIELDS, STEP_FIELDS
from dangvu.evaluation.models import Rating, Round, Stage
from dangvu.evaluation.services import EvaluationError, RatingChange, ratings_save
from dangvu.organizations.access import User


def _restored(rating: Rating, changes: Mapping[str, list[Any]]) -> dict[str, Any]:
    """RATING's fields as they were before CHANGES, if each still holds what they wrote."""
    values = {}
    for name, (before, after) in changes.items():
        field = Rating._meta.get_field(name)
        if stored_value(getattr(rating, name)) != after:
            raise EvaluationError(
                _("%(who)s: “%(field)s” đã được sửa tiếp sau lần này; không thể hoàn tác.")
                % {"who": rating.label, "field": getattr(field, "verbose_name", name)}
            )
        values[name] = restored_value(field, before)
    return values


def _change(rating: Rating, step: str, values: Mapping[str, Any]) -> RatingChange:
    """The save that gives RATING the VALUES at STEP and keeps the rest as it is."""

    def value(name: str) -> Any:
        return values[name] if name in values else getattr(rating, name)

    level_field, score_field = STEP_FIELDS[Stage(step)]
    return RatingChange(
        rating_id=rating.pk,
        level=value(level_field),
        score=value(score_field),
        override_reason=value("override_reason"),
        facts={name: value(name) for name in FACT_FIELDS},
    )


@transaction.atomic
def ratings_revert(*, actor: User, entry: AuditEntry, today: dt.date) -> Round:
    """Put back what ENTRY (a save of ratings, or one rating of it) changed."""
    entry = AuditEntry.objects.select_for_update().get(pk=entry.pk, action=Event.EVALUATION_RATED)
    batch = entry.batch or entry
    rows = list(batch.rows.all()) if entry.batch_id is None else [entry]
    round_ = Round.objects.get(pk=batch.object_id)
    step = batch.data.get("stage")
    if round_.stage != step:
        raise EvaluationError(_("Đợt đánh giá đã sang bước khác; không hoàn tác được lần ghi này."))
    ratings = Rating.objects.in_bulk([row.object_id for row in rows])
    changes = [
        _change(ratings[row.object_id], step, _restored(ratings[row.object_id], row.changes))
        for row in rows
    ]
    ratings_save(actor=actor, round_=round_, changes=changes, reverts=entry.pk)
    return round_
