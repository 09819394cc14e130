"""The dues pages' forms: the ledger's month and organization, and the cell's collection
of a month (one amount per member who has not paid it yet, one payment date)."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.common.dates import Fact
from dangvu.common.forms import BootstrapFormMixin, DateField, MonthField
from dangvu.dues.obligations import next_month
from dangvu.dues.rules import Category, Region, ReliefGround, ReliefKind
from dangvu.dues.selectors import MemberLine
from dangvu.organizations.forms import OrgField, ScopedFormMixin


class LedgerForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    """The ledger's month and organization; the organization is picked among those the user
    sees at the end of that month (one gone since can still be picked for its months)."""

    month = MonthField(Fact.AS_OF, label=_("Tháng"), required=False)
    org = OrgField(purpose="view", label=_("Tổ chức (cả cấp dưới)"), required=False)

    def clean_month(self) -> dt.date | None:
        month = self.cleaned_data["month"]
        if month is not None:
            field = self.fields["org"]
            assert isinstance(field, OrgField)
            field.on = min(next_month(month) - dt.timedelta(days=1), field.on or month)
        return month


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


class BasisForm(BootstrapFormMixin, forms.Form):
    """A member's dues basis from a month on."""

    month = MonthField(Fact.EVENT, label=_("Từ tháng"))
    category = forms.ChoiceField(label=_("Đối tượng"), choices=Category.choices)
    income = forms.IntegerField(
        label=_("Căn cứ tính (đồng)"), required=False, min_value=1, max_value=10**12
    )
    region = forms.TypedChoiceField(
        label=_("Vùng lương tối thiểu"),
        choices=[("", "—"), *Region.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    past_retirement_age = forms.BooleanField(label=_("Đã đến tuổi nghỉ hưu"), required=False)


class ReliefForm(BootstrapFormMixin, forms.Form):
    """A decision exempting a member from dues, or reducing them, for months."""

    kind = forms.ChoiceField(label=_("Hình thức"), choices=ReliefKind.choices)
    ground = forms.ChoiceField(label=_("Căn cứ"), choices=ReliefGround.choices)
    percent = forms.IntegerField(label=_("Mức giảm (%)"), required=False, min_value=1,
                                 max_value=99)  # fmt: skip
    first_month = MonthField(Fact.EVENT, label=_("Từ tháng"))
    last_month = MonthField(Fact.PLANNED_END, label=_("Đến hết tháng"), required=False)
    decision = forms.CharField(label=_("Số quyết định"), max_length=120)
    decided_on = DateField(Fact.EVENT, label=_("Ngày quyết định"))


class PaymentForm(forms.Form):
    """Which of the member's payments a correction is about."""

    payment = forms.IntegerField(min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)


class PaymentCorrectForm(BootstrapFormMixin, PaymentForm):
    """A recorded payment's amount and date, put right."""

    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1, max_value=10**12)
    paid_on = DateField(Fact.EVENT, label=_("Ngày nộp"))


class PaymentRemoveForm(BootstrapFormMixin, PaymentForm):
    """A payment recorded by mistake, and why it goes."""

    reason = forms.CharField(label=_("Lý do xóa"), max_length=255)
