"""Forms of the lifecycle pages: one small form per action. Choices and limits that are
rule numbers come from the rule set in force on the form's day (today unless given)."""

import datetime as dt
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from dangvu.common import clock
from dangvu.common.dates import Fact
from dangvu.common.forms import (
    BootstrapFormMixin,
    DateActionForm,
    DateField,
    MonthField,
    PickerInput,
    VersionField,
    use_date_policy,
)
from dangvu.common.rulesets import rules_for
from dangvu.members.forms import place_fields
from dangvu.members.models import (
    AdmissionCase,
    ExitReason,
    GapReason,
    Member,
    RemovalReason,
    Transfer,
)
from dangvu.members.pickers import member_for, member_label
from dangvu.members.rulesets import BADGES, LIFECYCLE
from dangvu.members.services.admission import STEP_FIELDS
from dangvu.organizations.forms import OrgField, ScopedField, ScopedFormMixin


class MemberField(ScopedField, forms.CharField):
    """A member the user may see, picked by name from the suggestions (or typed by the
    number the picker shows). One outside the user's reach answers like an unknown one."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", PickerInput(reverse_lazy("members:pick"), "view"))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):  # a stored reference, shown as the picker writes it
            member = Member.objects.filter(pk=value).first()
            return member_label(member) if member else ""
        return value

    def clean(self, value: Any) -> Member | None:
        text = super().clean(value).strip()
        if not text:
            return None
        assert self.user is not None and self.on is not None, "made without ScopedFormMixin"
        member = member_for(user=self.user, value=text, on=self.on)
        if member is None:
            message = _("Không tìm thấy đảng viên “%(value)s” trong phạm vi của bạn.")
            raise forms.ValidationError(message, params={"value": text})
        return member


class AdmissionCaseForm(ScopedFormMixin, BootstrapFormMixin, forms.ModelForm[AdmissionCase]):
    version = VersionField(required=False)
    introducer_1 = MemberField(label=_("Người giới thiệu 1"), required=False)
    introducer_2 = MemberField(label=_("Người giới thiệu 2"), required=False)

    class Meta:
        model = AdmissionCase
        fields = STEP_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        steps = {name: Fact.EVENT for name in STEP_FIELDS if name.endswith("_date")}
        use_date_policy(self, steps | {"birth_date": Fact.BIRTH})
        place_fields(self, ("hometown",))

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in STEP_FIELDS}

    def shown(self) -> list[tuple[str, str]]:
        """Each step as the page shows it read-only: dates dd/mm/yyyy, introducers by name
        and birth date, choices by their label, never an id, a code or an ISO date."""
        rows = []
        for field in self.visible_fields():
            value = getattr(self.instance, field.name, None)
            display = getattr(self.instance, f"get_{field.name}_display", None)
            if display is not None and value not in (None, ""):
                text = str(display())
            elif isinstance(value, dt.date):
                text = f"{value:%d/%m/%Y}"
            else:
                text = "—" if value in (None, "") else str(value)
            rows.append((str(field.label), text))
        return rows

    def _post_clean(self) -> None:
        """Validation beyond field types is the service's (see MemberForm)."""


class NewAdmissionForm(AdmissionCaseForm):
    cell = OrgField(purpose="cell", label=_("Chi bộ"))


class DecisionForm(DateActionForm):
    """The decision's number comes from the committee's register, never typed."""

    extension_days = forms.IntegerField(label=_("Gia hạn (ngày làm việc)"), min_value=0,
                                        initial=0, required=False)  # fmt: skip

    def __init__(self, *args: Any, on: dt.date | None = None, **kwargs: Any) -> None:
        """ON is the cell's resolution: its rules cap the extension (the service checks
        it again)."""
        super().__init__(*args, **kwargs)
        limit = rules_for(LIFECYCLE, on or clock.today()).decision_extension_days
        field = self.fields["extension_days"]
        assert isinstance(field, forms.IntegerField)
        field.max_value = limit
        field.validators.append(MaxValueValidator(limit))
        field.widget.attrs["max"] = limit


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=255)


class TransferForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[(k, label) for k, label in Transfer.Kind.choices if k != Transfer.Kind.INCOMING],
    )
    on = DateField(Fact.EVENT, label=_("Ngày quyết định"))
    to_cell = OrgField(purpose="cell", label=_("Chi bộ nơi đến (trong đảng bộ)"), required=False)
    other_party = forms.CharField(label=_("Nơi đến (ngoài đảng bộ, hoặc nơi công tác, học tập)"),
                                  max_length=255, required=False)  # fmt: skip
    expected_return = DateField(
        Fact.PLANNED_END, label=_("Ngày dự kiến trở về (sinh hoạt tạm thời)"), required=False
    )


class LetterForm(DateActionForm):
    dues_paid_until = MonthField(Fact.EVENT, label=_("Đã đóng đảng phí đến hết tháng"))
    enclosures = forms.CharField(label=_("Hồ sơ kèm theo"), max_length=255, required=False,
                                 initial=_("Hồ sơ đảng viên"))  # fmt: skip


class ExemptForm(BootstrapFormMixin, forms.Form):
    valid_from = DateField(Fact.EVENT, label=_("Từ ngày"))
    valid_to = DateField(Fact.PLANNED_END, label=_("Đến ngày"), required=False)
    reason = forms.CharField(label=_("Lý do"), max_length=255)


class PartyGapForm(BootstrapFormMixin, forms.Form):
    """A period out of the Party; its end is the day the member was back (not counted)."""

    start_date = DateField(Fact.EVENT, label=_("Từ ngày"))
    end_date = DateField(Fact.EVENT, label=_("Đến ngày (ngày trở lại)"))
    reason = forms.ChoiceField(label=_("Lý do"), choices=GapReason.choices)
    detail = forms.CharField(label=_("Căn cứ, ghi chú"), max_length=255, required=False)


class PartyGapRemoveForm(BootstrapFormMixin, forms.Form):
    gap = forms.IntegerField(min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)


_EXITS = [ExitReason.DIED, ExitReason.REMOVED, ExitReason.NOT_RECOGNIZED]


class ExitForm(BootstrapFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Hình thức"), choices=[(e, e.label) for e in _EXITS])
    detail = forms.ChoiceField(label=_("Căn cứ xóa tên"), required=False)
    on = DateField(Fact.EVENT, label=_("Ngày"))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(
        self, *args: Any, on: dt.date | None = None, probationary: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        rules = rules_for(LIFECYCLE, on or clock.today())
        if not probationary:  # the service refuses it too (Điều lệ Điều 5)
            reason = self.fields["reason"]
            assert isinstance(reason, forms.ChoiceField)
            reason.choices = [(e, e.label) for e in _EXITS if e != ExitReason.NOT_RECOGNIZED]
        field = self.fields["detail"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—")] + [
            (code, rules.removal_ground(code)) for code in RemovalReason.values
        ]


class BadgeForm(BootstrapFormMixin, forms.Form):
    milestone = forms.TypedChoiceField(label=_("Mốc tuổi đảng"), coerce=int)
    awarded_on = DateField(Fact.EVENT, label=_("Ngày trao"))
    decision = forms.CharField(label=_("Quyết định"), max_length=120, required=False)
    seriously_ill = forms.BooleanField(label=_("Xét tặng sớm: bệnh hiểm nghèo"), required=False)
    reason = forms.CharField(label=_("Căn cứ, lý do (xét tặng sớm, truy tặng sớm)"),
                             max_length=255, required=False)  # fmt: skip

    def __init__(self, *args: Any, on: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rules = rules_for(BADGES, on or clock.today())
        field = self.fields["milestone"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(m, rules.milestone_label(m)) for m in rules.milestones]
