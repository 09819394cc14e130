"""The forms of the pages web assembles itself: the audit trail's filters."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.common.dates import Fact
from dangvu.common.events import Event
from dangvu.common.forms import BootstrapFormMixin, DateField, check_period
from dangvu.organizations.forms import OrgField, ScopedFormMixin
from dangvu.web.selectors import AuditFilter


class AuditFilterForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    person = forms.CharField(label=_("Người thực hiện"), required=False, max_length=150)
    start = DateField(Fact.EVENT, label=_("Từ ngày"), required=False)
    end = DateField(Fact.EVENT, label=_("Đến ngày"), required=False)
    org = OrgField(purpose="view", label=_("Tổ chức (cả cấp dưới)"), required=False)
    action = forms.ChoiceField(
        label=_("Thao tác"), required=False, choices=[("", _("Tất cả")), *Event.choices]
    )
    object = forms.CharField(label=_("Đối tượng"), required=False, max_length=255)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        check_period(self, cleaned)
        return cleaned

    def filters(self) -> AuditFilter:
        data = self.cleaned_data
        return AuditFilter(
            person=data["person"].strip(),
            start=data["start"],
            end=data["end"],
            org=data["org"],
            action=data["action"],
            object=data["object"].strip(),
        )
