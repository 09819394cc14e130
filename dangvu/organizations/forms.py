"""The scoped organization field every form uses, and the forms of the organization page's
structure changes, one small form per service."""

import datetime as dt
from typing import Any

from django import forms
from django.http import HttpRequest
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from dangvu.common import clock
from dangvu.common.dates import Fact
from dangvu.common.forms import BootstrapFormMixin, DateActionForm, DateField, PickerInput
from dangvu.organizations.access import User
from dangvu.organizations.models import OrgKind, OrgUnit, Sector
from dangvu.organizations.pickers import org_for_purpose


class ScopedField:
    """A field whose choices depend on who fills the form, and for which day:
    `ScopedFormMixin` gives it both."""

    user: User | None = None
    on: dt.date | None = None


class ScopedFormMixin:
    """Forms with scoped fields are made with the user, and the day the form is about when
    it is not today: FORM(data, user=request.user[, on=as_of])."""

    def __init__(self, *args: Any, user: User, on: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field, ScopedField):
                field.user, field.on = user, on or clock.today()


def bound_form(form_class: type[forms.Form], request: HttpRequest) -> forms.Form:
    """FORM_CLASS bound to the request's POST, with its user when it has scoped fields."""
    scoped: dict[str, Any] = {"user": request.user}
    return form_class(request.POST, **scoped if issubclass(form_class, ScopedFormMixin) else {})


class OrgField(ScopedField, forms.CharField):
    """An organization the user may use for PURPOSE (pickers.PURPOSES), typed by its code
    or picked from the suggestions. One outside the user's reach answers like an unknown
    code, so the form tells nothing of what lies outside."""

    def __init__(self, *, purpose: str, **kwargs: Any) -> None:
        kwargs.setdefault("widget", PickerInput(reverse_lazy("orgs:pick"), purpose))
        super().__init__(**kwargs)
        self.purpose = purpose

    def clean(self, value: Any) -> OrgUnit | None:
        code = super().clean(value).strip().upper()
        if not code:
            return None
        assert self.user is not None and self.on is not None, "made without ScopedFormMixin"
        org = org_for_purpose(user=self.user, purpose=self.purpose, code=code, on=self.on)
        if org is None:
            raise forms.ValidationError(
                _("Không có tổ chức mã %(code)s trong phạm vi của bạn."), params={"code": code}
            )
        return org


class OrgFilterForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
    """A list's organization filter: the organization picked, and those under it."""

    org = OrgField(purpose="view", label=_("Tổ chức (cả cấp dưới)"), required=False)


class DecisionForm(ScopedFormMixin, DateActionForm):
    on = DateField(Fact.STRUCTURE_CHANGE, label=_("Ngày hiệu lực"))
    decision = forms.CharField(label=_("Quyết định"), max_length=120, required=False)


class CreateChildForm(DecisionForm):
    code = forms.CharField(label=_("Mã"), max_length=32)
    name = forms.CharField(label=_("Tên"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=OrgKind.choices)
    sector = forms.ChoiceField(label=_("Loại hình"), choices=Sector.choices)


class RenameForm(DecisionForm):
    name = forms.CharField(label=_("Tên mới"), max_length=255)


class MoveForm(DecisionForm):
    parent = OrgField(purpose="org", label=_("Tổ chức cấp trên mới"))


class MergeForm(DecisionForm):
    into = OrgField(purpose="org", label=_("Sáp nhập vào"))


class ReclassifyForm(DecisionForm):
    kind = forms.ChoiceField(label=_("Loại mới"), choices=OrgKind.choices)
    first_cell_code = forms.CharField(label=_("Mã chi bộ trực thuộc đầu tiên"), required=False)
    first_cell_name = forms.CharField(label=_("Tên chi bộ trực thuộc đầu tiên"), required=False)


class AuthorityForm(DecisionForm):
    """The upper committee's decision authorising a đảng ủy cơ sở to admit, or withdrawing
    it: its number and date are required."""

    on = DateField(Fact.EVENT, label=_("Ngày quyết định"))
    decision = forms.CharField(label=_("Số quyết định của cấp ủy cấp trên"), max_length=120)


STRUCTURE_FORMS: dict[str, type[DecisionForm]] = {
    "create": CreateChildForm,
    "rename": RenameForm,
    "move": MoveForm,
    "merge": MergeForm,
    "reclassify": ReclassifyForm,
    "dissolve": DecisionForm,
    "authorise": AuthorityForm,
    "withdraw": AuthorityForm,
}
