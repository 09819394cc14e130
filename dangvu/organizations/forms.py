"""Forms of the organization page's structure changes: one small form per service."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.common.forms import DateActionForm
from dangvu.organizations.models import OrgKind, OrgUnit, Sector


class OrgCodeField(forms.CharField):
    """An organization picked by its code (the code is on every organization page)."""

    def clean(self, value: Any) -> OrgUnit | None:
        code = super().clean(value).strip().upper()
        if not code:
            return None
        org = OrgUnit.objects.filter(code=code).first()
        if org is None:
            raise forms.ValidationError(_("Không có tổ chức mã %(code)s."), params={"code": code})
        return org


class DecisionForm(DateActionForm):
    decision = forms.CharField(label=_("Quyết định"), max_length=120, required=False)


class CreateChildForm(DecisionForm):
    code = forms.CharField(label=_("Mã"), max_length=32)
    name = forms.CharField(label=_("Tên"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=OrgKind.choices)
    sector = forms.ChoiceField(label=_("Loại hình"), choices=Sector.choices)


class RenameForm(DecisionForm):
    name = forms.CharField(label=_("Tên mới"), max_length=255)


class MoveForm(DecisionForm):
    parent = OrgCodeField(label=_("Mã tổ chức cấp trên mới"))


class MergeForm(DecisionForm):
    into = OrgCodeField(label=_("Sáp nhập vào (mã)"))


class ReclassifyForm(DecisionForm):
    kind = forms.ChoiceField(label=_("Loại mới"), choices=OrgKind.choices)
    first_cell_code = forms.CharField(label=_("Mã chi bộ trực thuộc đầu tiên"), required=False)
    first_cell_name = forms.CharField(label=_("Tên chi bộ trực thuộc đầu tiên"), required=False)


STRUCTURE_FORMS: dict[str, type[forms.Form]] = {
    "create": CreateChildForm,
    "rename": RenameForm,
    "move": MoveForm,
    "merge": MergeForm,
    "reclassify": ReclassifyForm,
    "dissolve": DecisionForm,
}
