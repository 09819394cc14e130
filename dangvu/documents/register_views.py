"""The Office's pages: who signs for each committee and period, and the register of
outgoing documents (sổ văn bản đi). Thin: `signers` and `register` read and write."""

from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.common import clock
from dangvu.common.dates import Fact
from dangvu.common.forms import BootstrapFormMixin, DateField, VersionField, add_service_error
from dangvu.documents.register import register_visible_to, subject_page
from dangvu.documents.signers import (
    MAX_LENGTHS,
    Signature,
    signer_create,
    signer_get_for_user,
    signer_update,
    signers_visible_to,
)
from dangvu.organizations.access import User, org_filter
from dangvu.organizations.decorators import requires
from dangvu.organizations.models import OrgKind, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource

DOCUMENTS = Resource.DOCUMENTS


class SignerForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("Họ và tên người ký"), max_length=MAX_LENGTHS["name"])
    position = forms.CharField(label=gettext_lazy("Chức vụ"), max_length=MAX_LENGTHS["position"],
                               help_text=gettext_lazy("Ví dụ: Bí thư, Phó Bí thư"))  # fmt: skip
    authority = forms.CharField(
        label=gettext_lazy("Thẩm quyền ký"), max_length=MAX_LENGTHS["authority"],
        help_text=gettext_lazy("Ví dụ: T/M Ban Thường vụ, T/M Đảng ủy, T/M Chi bộ"),
    )  # fmt: skip
    symbol = forms.CharField(label=gettext_lazy("Ký hiệu cơ quan ban hành"),
                             max_length=MAX_LENGTHS["symbol"],
                             help_text=gettext_lazy("Ví dụ: ĐUK"))  # fmt: skip
    valid_from = DateField(Fact.EVENT, label=gettext_lazy("Từ ngày"))
    valid_to = DateField(Fact.PLANNED_END, label=gettext_lazy("Đến trước ngày"), required=False)

    def signature(self) -> Signature:
        data = self.cleaned_data
        return Signature(data["name"], data["position"], data["authority"], data["symbol"])


class NewSignerForm(SignerForm):
    committee = forms.TypedChoiceField(label=gettext_lazy("Cấp ủy"), coerce=int)
    field_order = ["committee"]

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = clock.today()
        versions = (
            OrgVersion.objects.as_of(today)
            .filter(org_filter(user, today, resource=DOCUMENTS, action=Action.CHANGE))
            .filter(kind=OrgKind.UPPER_COMMITTEE)
            .order_by("name", "org_id")
        )
        self.committees = [(v.org_id, v.name) for v in versions]
        field = self.fields["committee"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = self.committees


class EditSignerForm(SignerForm):
    version = VersionField()


def _write(request: HttpRequest, form: SignerForm, write: Any) -> bool:
    """Call WRITE with the form's values; show a refusal on the form."""
    data = form.cleaned_data
    try:
        write(actor=request.user, signature=form.signature(), valid_from=data["valid_from"],
              valid_to=data["valid_to"], today=clock.today())  # fmt: skip
    except ValidationError as refused:
        add_service_error(form, refused)
        return False
    messages.success(request, _("Đã ghi người ký."))
    return True


@requires(DOCUMENTS, Action.VIEW)
def signers(request: HttpRequest) -> HttpResponse:
    """The signers of the committees the user sees; the Office records a new one for the
    committees it may change (the form offers only those)."""
    form = NewSignerForm(request.POST or None, user=request.user)
    may_change = bool(form.committees)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            committee = OrgUnit.objects.get(pk=form.cleaned_data["committee"])
            if _write(request, form, partial(signer_create, committee=committee)):
                return redirect("documents:signers")
    context = {"signers": signers_visible_to(request.user), "form": form, "may_change": may_change}
    return render(request, "documents/signers.html", context)


@requires(DOCUMENTS, Action.CHANGE)
def signer(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a signer's record, or end its period when another takes over."""
    found = signer_get_for_user(request.user, pk)
    initial = {name: getattr(found, name) for name in SignerForm.base_fields} | {
        "version": found.version
    }
    form = EditSignerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        write = partial(signer_update, signer=found, version=form.cleaned_data["version"])
        if _write(request, form, write):
            return redirect("documents:signers")
    return render(request, "documents/signer.html", {"signer": found, "form": form})


def _year(request: HttpRequest) -> int:
    """The year asked for (?year=2025), or this year for a missing or impossible one: the
    register starts with the records, and numbers are never allocated ahead of a year."""
    this_year = clock.today().year
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isascii() and raw.isdigit() and len(raw) == 4 else this_year
    return year if 2000 <= year <= this_year else this_year


@requires(DOCUMENTS, Action.VIEW)
def register(request: HttpRequest) -> HttpResponse:
    """Sổ văn bản đi of a year (this year by default), for the committees the user sees."""
    year = _year(request)
    entries = [(entry, subject_page(entry)) for entry in register_visible_to(request.user, year)]
    return render(request, "documents/register.html", {"year": year, "entries": entries})
