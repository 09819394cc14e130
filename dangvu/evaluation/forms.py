"""The form that opens a round from the web: the committees offered are those the user
may open one for today (few: the upper committees of their scope)."""

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.common.dates import Fact
from dangvu.common.forms import BootstrapFormMixin, DateField
from dangvu.organizations.models import OrgUnit, OrgVersion


class RoundOpenForm(BootstrapFormMixin, forms.Form):
    committee = forms.TypedChoiceField(label=_("Cấp ủy"), coerce=int)
    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=2000, max_value=9999)
    as_of = DateField(
        Fact.AS_OF,
        label=_("Danh sách tính đến ngày"),
        required=False,
        help_text=_("Để trống: ngày cuối năm, hoặc hôm nay khi năm chưa hết."),
    )

    def __init__(
        self, *args: Any, committees: list[OrgVersion], today: dt.date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["committee"]
        field.choices = [(v.org_id, f"{v.name} ({v.org.code})") for v in committees]  # type: ignore[attr-defined]
        self.fields["year"].initial = today.year
        self.committees = {v.org_id: v.org for v in committees}

    def clean_committee(self) -> OrgUnit:
        return self.committees[self.cleaned_data["committee"]]
