import datetime as dt
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.common.dates import Fact
from dangvu.common.forms import (
    BootstrapFormMixin,
    DateField,
    PrivateFileInput,
    VersionField,
    check_period,
    use_date_policy,
)
from dangvu.common.ids import as_id
from dangvu.common.models import AdministrativeUnit
from dangvu.common.uploads import CappedImageField
from dangvu.members.admission_list import DATE_FIELDS, AdmissionFilter
from dangvu.members.deadlines import KINDS
from dangvu.members.models import AdmissionCase, Gender, Member, Status
from dangvu.members.rules import AGE_BANDS
from dangvu.members.selectors import MemberFilter
from dangvu.members.services import EDITABLE_FIELDS, StaleEdit
from dangvu.organizations.forms import OrgField, ScopedFormMixin


class MemberFilterForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    """The list's filters; made with the list's date, so an organization gone since can be
    picked for a list of its time."""

    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    org = OrgField(purpose="view", label=_("Tổ chức"), required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            (Status.OFFICIAL, Status.OFFICIAL.label),
            (Status.PROBATIONARY, Status.PROBATIONARY.label),
        ],
    )
    gender = forms.ChoiceField(
        label=_("Giới tính"), required=False, choices=[("", _("Tất cả")), *Gender.choices]
    )
    age_band = forms.ChoiceField(
        label=_("Độ tuổi"),
        required=False,
        choices=[("", _("Tất cả")), *[(code, code) for code, _lo, _hi in AGE_BANDS]],
    )

    def filters(self, as_of: dt.date) -> MemberFilter:
        """The list's filter, for the page and its exports alike."""
        data = self.cleaned_data
        return MemberFilter(
            as_of=as_of,
            org=data["org"],
            status=data["status"],
            gender=data["gender"],
            age_band=data["age_band"],
            query=data["q"],
        )


class AdmissionFilterForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    """The admission list's filters: the step, the organization, and the dates of a step."""

    state = forms.ChoiceField(
        label=_("Bước"), required=False, choices=[("", _("Tất cả")), *AdmissionCase.State.choices]
    )
    org = OrgField(purpose="view", label=_("Tổ chức (cả cấp dưới)"), required=False)
    date_field = forms.ChoiceField(
        label=_("Theo ngày"), required=False, choices=list(DATE_FIELDS.items())
    )
    start = DateField(Fact.EVENT, label=_("Từ ngày"), required=False)
    end = DateField(Fact.EVENT, label=_("Đến ngày"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_period(self, cleaned)
        return cleaned

    def filters(self) -> AdmissionFilter:
        data = self.cleaned_data
        return AdmissionFilter(
            state=data["state"],
            org=data["org"],
            date_field=data["date_field"] or "application_date",
            start=data["start"],
            end=data["end"],
        )


class DueFilterForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    """The due list's filters: the kind of task and the organization."""

    kind = forms.ChoiceField(label=_("Việc"), required=False)
    org = OrgField(purpose="view", label=_("Tổ chức (cả cấp dưới)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The kinds the modules above registered at start-up, after this class was made.
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Tất cả")), *((code, label) for code, label in KINDS.items())]


class UnitChoiceField(forms.ModelChoiceField[AdministrativeUnit]):
    def label_from_instance(self, obj: AdministrativeUnit) -> str:
        if obj.level == AdministrativeUnit.Level.PROVINCE:
            return f"{obj.name} ({obj.get_scheme_display()})"
        return str(obj)


def _province(form: forms.ModelForm[Any], prefix: str) -> AdministrativeUnit | None:
    """The province whose wards FORM offers: the one posted (the province field itself
    refuses one that is not an id), else the record's."""
    if form.is_bound and (raw := form.data.get(f"{prefix}_province")):
        pk = as_id(raw)
        return AdministrativeUnit.objects.filter(pk=pk).first() if pk else None
    return getattr(form.instance, f"{prefix}_province", None)


def place_fields(form: forms.ModelForm[Any], prefixes: tuple[str, ...]) -> None:
    """FORM's PREFIX_province and PREFIX_ward pickers: the provinces, and the wards of the
    province picked (reloaded by htmx when it changes), never every ward of the country."""
    provinces = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE)
    for prefix in prefixes:
        form.fields[f"{prefix}_province"] = UnitChoiceField(
            provinces.order_by("-scheme", "name"),
            required=False,
            label=form.fields[f"{prefix}_province"].label,
        )
        province = _province(form, prefix)
        form.fields[f"{prefix}_ward"] = UnitChoiceField(
            AdministrativeUnit.objects.filter(parent=province).order_by("name")
            if province
            else AdministrativeUnit.objects.none(),
            required=False,
            label=form.fields[f"{prefix}_ward"].label,
        )
        form.fields[f"{prefix}_province"].widget.attrs.update(
            {
                "hx-get": reverse("members:wards"),
                "hx-target": f"#id_{prefix}_ward",
                "hx-trigger": "change",
                "hx-vals": f'{{"field": "{prefix}_province"}}',
            }
        )


class MemberForm(BootstrapFormMixin, forms.ModelForm[Member]):
    """The editable part of the record. Validation beyond field types is the service's."""

    version = VersionField()
    reason = forms.CharField(label=_("Lý do sửa"), required=False, max_length=500)

    class Meta:
        model = Member
        fields = EDITABLE_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        place_fields(self, ("hometown", "birthplace"))
        photo = self.instance.pk and reverse("members:photo", args=[self.instance.pk])
        field = self.fields["photo"]
        self.fields["photo"] = CappedImageField(
            label=field.label,
            required=False,
            limit="PHOTO_MAX_UPLOAD_MB",
            widget=PrivateFileInput(link=photo or "", attrs=field.widget.attrs),
        )
        use_date_policy(
            self,
            {
                "birth_date": Fact.BIRTH,
                "admission_decision_date": Fact.EVENT,
                "readmission_date": Fact.EVENT,
            },
        )

    def merge(self, refused: StaleEdit) -> None:
        """After REFUSED, a stale save: show the current record in every field this editor
        did not change, keep their input in the others, and mark those the other editor
        changed too. The next save is then made at the current version, and writes only
        what this editor changed."""
        current = MemberForm(instance=refused.current)
        data: dict[str, Any] = dict(self.data.items())
        for name in EDITABLE_FIELDS:
            if name not in refused.mine and name != "photo":  # a file is never re-posted
                value = current[name].value()
                data[name] = "" if value is None else value
        data["version"] = str(refused.current.version)
        self.data = data
        self.add_error(None, refused)
        for name in sorted(refused.conflicts):
            self.add_error(name, _("Người khác cũng đã sửa trường này; nếu lưu, giá trị của "
                                   "bạn sẽ thay giá trị của họ."))  # fmt: skip

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}

    def _post_clean(self) -> None:
        # The service validates and saves; ModelForm's own instance validation would run
        # the model's checks twice and against a half-applied instance.
        pass
