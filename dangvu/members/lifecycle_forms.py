"""Forms of the lifecycle pages: one small form per action."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.common.forms import DATE, BootstrapFormMixin, DateActionForm, date_field
from dangvu.members.badges import MILESTONES
from dangvu.members.models import AdmissionCase, ExitReason, RemovalReason, Transfer
from dangvu.members.services.admission import STEP_FIELDS
from dangvu.organizations.forms import OrgCodeField


class AdmissionCaseForm(BootstrapFormMixin, forms.ModelForm[AdmissionCase]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = AdmissionCase
        fields = STEP_FIELDS
        widgets = {name: DATE["widget"] for name in STEP_FIELDS if name.endswith("_date")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name.endswith("_date") and isinstance(field, forms.DateField):
                field.input_formats = DATE["input_formats"]
        # Introducers are picked by id from the member list; the page shows their names.
        for name in ("introducer_1", "introducer_2"):
            self.fields[name].widget = forms.NumberInput(
                attrs={"class": "form-control form-control-sm"}
            )

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in STEP_FIELDS}

    def _post_clean(self) -> None:
        """Validation beyond field types is the service's (see MemberForm)."""


class NewAdmissionForm(AdmissionCaseForm):
    cell = OrgCodeField(label=_("Mã chi bộ"))


class DecisionForm(DateActionForm):
    number = forms.CharField(label=_("Số quyết định"), max_length=40)
    extension_days = forms.IntegerField(label=_("Gia hạn (ngày làm việc)"), min_value=0,
                                        max_value=30, initial=0, required=False)  # fmt: skip


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=255)


class RecognizeForm(DateActionForm):
    decision = forms.CharField(label=_("Số quyết định"), max_length=120, required=False)


class TransferForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=[(k, label) for k, label in Transfer.Kind.choices if k != Transfer.Kind.INCOMING],
    )
    on = date_field(_("Ngày quyết định"))
    to_cell = OrgCodeField(label=_("Mã chi bộ nơi đến (trong đảng bộ)"), required=False)
    other_party = forms.CharField(label=_("Nơi đến (ngoài đảng bộ, hoặc nơi công tác, học tập)"),
                                  max_length=255, required=False)  # fmt: skip
    expected_return = date_field(_("Ngày dự kiến trở về (sinh hoạt tạm thời)"), required=False)


class LetterForm(DateActionForm):
    number = forms.CharField(label=_("Số giấy giới thiệu"), max_length=40, required=False)


class ExemptForm(BootstrapFormMixin, forms.Form):
    valid_from = date_field(_("Từ ngày"))
    valid_to = date_field(_("Đến ngày"), required=False)
    reason = forms.CharField(label=_("Lý do"), max_length=255)


class ExitForm(BootstrapFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Hình thức"), choices=[
        (ExitReason.DIED, ExitReason.DIED.label), (ExitReason.REMOVED, ExitReason.REMOVED.label),
        (ExitReason.NOT_RECOGNIZED, ExitReason.NOT_RECOGNIZED.label)])  # fmt: skip
    detail = forms.ChoiceField(label=_("Căn cứ xóa tên"), required=False,
                               choices=[("", "—"), *RemovalReason.choices])  # fmt: skip
    on = date_field(_("Ngày"))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class BadgeForm(BootstrapFormMixin, forms.Form):
    milestone = forms.TypedChoiceField(label=_("Mốc tuổi đảng"), coerce=int,
                                       choices=[(m, f"{m} năm") for m in MILESTONES])  # fmt: skip
    awarded_on = date_field(_("Ngày trao"))
    decision = forms.CharField(label=_("Quyết định"), max_length=120, required=False)
    early = forms.BooleanField(label=_("Trao sớm"), required=False)


class OccasionForm(forms.Form):
    occasion = date_field(_("Đợt trao"), required=False)
