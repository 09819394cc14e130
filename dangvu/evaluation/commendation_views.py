"""Pages of the commendations (khen thưởng) of a closed round: the committee's staff tick
those rated HTXSNV and decide, then print the decision and the certificates (giấy khen).
Thin: `commendations` reads, `commendations_decide` and `commendation_print` write."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.common import clock
from dangvu.common.dates import Fact
from dangvu.common.forms import BootstrapFormMixin, DateField, add_service_error
from dangvu.documents.pdf import PdfConversionError
from dangvu.documents.render import DocumentError
from dangvu.evaluation.commendation_documents import DOCUMENTS, FORMATS, commendation_print
from dangvu.evaluation.commendations import (
    commendation_candidates,
    commendation_decisions,
    commendation_get,
)
from dangvu.evaluation.models import Round
from dangvu.evaluation.selectors import round_get_for_user
from dangvu.evaluation.services import EvaluationError, commendations_decide
from dangvu.organizations.access import org_in_scope
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource

EVALUATION = Resource.EVALUATION
TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class DecideForm(BootstrapFormMixin, forms.Form):
    decision_date = DateField(Fact.EVENT, label=gettext_lazy("Ngày quyết định"))
    decision_number = forms.CharField(
        label=gettext_lazy("Số quyết định"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Để trống: lấy số tiếp theo trong sổ văn bản đi."),
    )
    ratings = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Khen thưởng"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["ratings"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = choices
        field.widget.attrs["class"] = "form-check-input"
        field.initial = [pk for pk, _label in choices]  # all HTXSNV proposed by default


def _committee_round(request: HttpRequest, pk: int, action: str) -> Round:
    """The round, once the user may ACTION at its committee: commendations are the
    committee's decision, read by its boards and made by its staff."""
    round_ = round_get_for_user(request.user, pk)
    if not org_in_scope(request.user, EVALUATION, action, round_.committee_id, round_.as_of):
        raise PermissionDenied
    return round_


@requires(EVALUATION, Action.VIEW)
def commendations(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's commendation decisions with their documents; the committee's staff
    decide on those rated HTXSNV, all proposed by default."""
    round_ = _committee_round(request, pk, Action.VIEW)
    may_decide = org_in_scope(request.user, EVALUATION, Action.CHANGE, round_.committee_id,
                              round_.as_of)  # fmt: skip
    if request.method == "POST" and not may_decide:
        raise PermissionDenied
    candidates = commendation_candidates(request.user, round_) if may_decide else []
    form = DecideForm(request.POST or None, choices=[(r.pk, r.label) for r in candidates])
    if request.method == "POST" and form.is_valid():
        try:
            commendations_decide(actor=request.user, round_=round_, today=clock.today(),
                                 rating_ids=form.cleaned_data["ratings"],
                                 decision_date=form.cleaned_data["decision_date"],
                                 decision_number=form.cleaned_data["decision_number"])  # fmt: skip
        except EvaluationError as refused:
            add_service_error(form, refused)
        else:
            messages.success(request, _("Đã quyết định khen thưởng."))
            return redirect("evaluation:commendations", pk=pk)
    context = {"round": round_, "candidates": candidates, "form": form,
               "may_decide": may_decide,
               "decisions": commendation_decisions(request.user, round_)}  # fmt: skip
    return render(request, "evaluation/commendations.html", context)


@requires(EVALUATION, Action.VIEW)
def commendation_document(
    request: HttpRequest, pk: int, commendation: int, document: str, fmt: str
) -> HttpResponse:
    """The decision, one certificate, or all certificates of the decision, as DOCX or PDF;
    the print is audited."""
    if document not in DOCUMENTS or fmt not in FORMATS:
        raise Http404
    round_ = round_get_for_user(request.user, pk)
    found = commendation_get(request.user, round_, commendation)
    try:
        data, name = commendation_print(actor=request.user, commendation=found,
                                        document=document, fmt=fmt)  # fmt: skip
    except (DocumentError, PdfConversionError):
        messages.error(request, _("Không tạo được văn bản; hãy thử lại hoặc báo quản trị hệ "
                                  "thống kiểm tra mẫu văn bản."))  # fmt: skip
        return redirect("evaluation:commendations", pk=pk)
    response = HttpResponse(data, content_type=TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
