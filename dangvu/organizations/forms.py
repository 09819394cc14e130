"""Forms of the organization page's structure changes: one small form per service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.members.lifecycle_forms import DateActionForm, OrgCodeField
from dangvu.organizations.models import OrgKind, Sector


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
