"""The report page's choice: a year and one of the organizations the user may report on;
the download adds its format."""

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.common import clock
from dangvu.common.forms import BootstrapFormMixin, VersionField
from dangvu.common.ids import ID_MAX
from dangvu.organizations.access import User
from dangvu.reports.models import Narrative
from dangvu.reports.narratives import MAX_COMMENT, MAX_TEXT
from dangvu.reports.selectors import report_orgs
from dangvu.reports.services import FORMATS

FIRST_YEAR = 1930  # the Party's founding: no figure before it


def _counted_on(year: str, today: dt.date) -> dt.date:
    """The day the organizations are listed on: 31/12 of YEAR, today for this year (or
    for a year that is not one)."""
    if not year.isdigit() or not FIRST_YEAR <= int(year) <= today.year:
        return today
    return min(dt.date(int(year), 12, 31), today)


class AnnualForm(BootstrapFormMixin, forms.Form):
    org = forms.ChoiceField(label=_("Tổ chức"))

    def __init__(self, data: Any, *, user: User) -> None:
        today = clock.today()
        year = str(data.get("year") or today.year - 1)
        self.versions = report_orgs(user=user, on=_counted_on(year, today))
        choices = [(v.org.code, f"{v.org.code} – {v.name}") for v in self.versions]
        defaults = {"year": year, "org": choices[0][0] if choices else ""}
        super().__init__({**defaults, **{key: data[key] for key in data if data[key]}})
        self.fields["year"] = forms.IntegerField(
            label=_("Năm"), min_value=FIRST_YEAR, max_value=today.year
        )
        self.order_fields(["year", "org"])
        self.fields["org"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        by_code = {version.org.code: version.org for version in self.versions}
        if cleaned.get("org") in by_code:
            cleaned["committee"] = by_code[cleaned["org"]]
        return cleaned


class DownloadForm(AnnualForm):
    format = forms.ChoiceField(label=_("Định dạng"), choices=[(f, f) for f in FORMATS])


# The narrative sections' forms: the text (a new version), an older version to restore,
# the draft or final status, a comment.


class NarrativeForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 14}), max_length=MAX_TEXT
    )
    version = VersionField()


class RestoreForm(BootstrapFormMixin, forms.Form):
    number = forms.IntegerField(label=_("Phiên bản"), min_value=1, max_value=ID_MAX)
    version = VersionField()


class StatusForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=Narrative.Status.choices)
    version = VersionField()


class CommentForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Ý kiến"), widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_COMMENT
    )


NARRATIVE_FORMS: dict[str, type[forms.Form]] = {
    "save": NarrativeForm,
    "restore": RestoreForm,
    "status": StatusForm,
    "comment": CommentForm,
}
