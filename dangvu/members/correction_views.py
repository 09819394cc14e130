"""The correction requests' pages: a member asks for their own record to be corrected; those
who may change the record see the requests in their reach and accept or reject each."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.forms import add_service_error
from dangvu.members.correction_forms import CorrectionForm, DecisionForm
from dangvu.members.correction_list import (
    correction_get_for_user,
    corrections_visible_to,
    own_member_id,
)
from dangvu.members.models import CorrectionRequest, Member
from dangvu.members.services import (
    MemberChangeError,
    correction_request_accept,
    correction_request_reject,
    correction_request_submit,
)
from dangvu.members.services.corrections import stored_text, value_shown
from dangvu.organizations.access import may, member_in_scope
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource


@requires(Resource.MEMBER, Action.VIEW)
def correction_list(request: HttpRequest) -> HttpResponse:
    """The requests about members in the user's reach, open ones first."""
    today = clock.today()
    found = corrections_visible_to(request.user, today)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(request, "members/corrections/list.html", {"page": page})


@requires(Resource.MEMBER, Action.VIEW)
def correction_new(request: HttpRequest) -> HttpResponse:
    """The member asks for a field of their own record to be corrected (404 to those whose
    account names no record)."""
    today = clock.today()
    member_id = own_member_id(request.user)
    if member_id is None:
        raise Http404
    member = Member.objects.get(pk=member_id)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction_request_submit(
                actor=request.user,
                member=member,
                field=form.cleaned_data["field"],
                proposed_value=form.cleaned_data["proposed_value"],
                reason=form.cleaned_data["reason"],
                today=today,
            )
        except MemberChangeError as refused:
            add_service_error(form, refused)
        else:
            messages.success(request, _("Đã gửi yêu cầu điều chỉnh hồ sơ."))
            return redirect("web:me")
    return render(request, "members/corrections/new.html", {"member": member, "form": form})


def _decide(request: HttpRequest, correction: CorrectionRequest, form: DecisionForm) -> bool:
    """The one service call of the decision form; False with its refusal on the form."""
    data, today = form.cleaned_data, clock.today()
    try:
        if data["decision"] == "accept":
            correction_request_accept(actor=request.user, request=correction, today=today,
                                      reason=data["decision_reason"])  # fmt: skip
        else:
            correction_request_reject(actor=request.user, request=correction, today=today,
                                      reason=data["decision_reason"])  # fmt: skip
    except MemberChangeError as refused:
        add_service_error(form, refused)
        return False
    return True


@requires(Resource.MEMBER, Action.VIEW)
def correction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A request with the record's value today; to those who may change the record, the
    form that accepts or rejects it."""
    today = clock.today()
    correction = correction_get_for_user(user=request.user, pk=pk, today=today)
    may_decide = (
        correction.status == CorrectionRequest.Status.PENDING
        and member_in_scope(request.user, Resource.MEMBER, Action.CHANGE, correction.member_id,
                            today)
    )  # fmt: skip
    form = DecisionForm()
    if request.method == "POST":
        if not may(request.user, Resource.MEMBER, Action.CHANGE):
            raise PermissionDenied
        correction = correction_get_for_user(
            user=request.user, pk=pk, today=today, action=Action.CHANGE
        )
        form = DecisionForm(request.POST)
        if form.is_valid() and _decide(request, correction, form):
            messages.success(request, _("Đã ghi ý kiến xem xét yêu cầu."))
            return redirect("members:correction_detail", pk=correction.pk)
    member = correction.member
    context = {
        "correction": correction,
        "record_value": value_shown(correction.field, stored_text(correction.field,
                                                             getattr(member, correction.field))),
        "asked_from": value_shown(correction.field, correction.current_value),
        "asked_to": value_shown(correction.field, correction.proposed_value),
        "may_decide": may_decide,
        "form": form,
    }  # fmt: skip
    return render(request, "members/corrections/detail.html", context)
