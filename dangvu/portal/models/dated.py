"""The date of an article, an album or a video, held to the product's one date policy."""

from typing import Any

from django.core.exceptions import ValidationError

from dangvu.common.clock import today
from dangvu.common.dates import Fact, date_problem


class DatedPage:
    """A page with a `date` field: an album or a video shows what happened (an EVENT); an
    article may be dated ahead for its scheduled publishing (SCHEDULED)."""

    date_fact = Fact.EVENT
    date: Any
    _meta: Any

    def clean(self) -> None:
        super().clean()  # type: ignore[misc]
        if self.date is None:
            return  # the field's own error says it is missing
        label = str(self._meta.get_field("date").verbose_name)
        problem = date_problem(self.date, self.date_fact, label, today())
        if problem:
            raise ValidationError({"date": problem})
