"""The dues pages' forms: the ledger's month and organization, and the cell's collection
of a month (one amount per member who has not paid it yet, one payment date)."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.common.dates import Fact
from dangvu.common.forms import DateField, MonthField
from dangvu.dues.selectors import MemberLine


class LedgerForm(forms.Form):
    month = MonthField(Fact.AS_OF, label=_("Tháng"), required=False)
    org = forms.CharField(label=_("Mã tổ chức"), max_length=32, required=False)


def amount_field(member_id: int) -> str:
    return f"amount_{member_id}"


class CollectionForm(forms.Form):
    """What the members of LINES who have not paid the month paid, on PAID_ON."""

    paid_on = DateField(Fact.EVENT, label=_("Ngày nộp"))

    def __init__(self, *args: Any, lines: Iterable[MemberLine], today: dt.date, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = today
        self.lines = [line for line in lines if not line.paid]
        for line in self.lines:
            self.fields[amount_field(line.member_id)] = forms.IntegerField(
                label=line.full_name,
                required=False,
                min_value=1,
                max_value=10**12,
                widget=forms.NumberInput(attrs={"placeholder": line.owed or ""}),
            )

    def amounts(self) -> dict[int, int]:
        """Member id → amount, for the members whose amount was filled in."""
        return {
            line.member_id: amount
            for line in self.lines
            if (amount := self.cleaned_data.get(amount_field(line.member_id)))
        }
