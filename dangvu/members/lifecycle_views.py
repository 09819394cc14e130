"""Pages of the member lifecycle: admission cases, actions on a member, deadlines, badges."""

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.common import clock
from dangvu.common.dates import Fact
from dangvu.common.files import written_file_response
from dangvu.common.forms import add_service_error
from dangvu.common.http import as_of_from, date_parameter
from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.common.spreadsheets import EXPORT_TYPES
from dangvu.members import lifecycle_forms as lf
from dangvu.members import services
from dangvu.members.admission_list import (
    AdmissionFilter,
    admission_list_export,
    admission_places,
)
from dangvu.members.admission_list import admission_list as admission_list_query
from dangvu.members.badge_list import badge_list, badge_list_export
from dangvu.members.deadlines import DueItem, due_list
from dangvu.members.due_export import due_list_export
from dangvu.members.forms import AdmissionFilterForm, DueFilterForm
from dangvu.members.rulesets import BADGES
from dangvu.members.selectors import (
    admission_case_get_for_user,
    member_get_for_user,
    member_lifecycle,
)
from dangvu.organizations.decorators import requires
from dangvu.organizations.forms import OrgFilterForm, bound_form
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.pickers import org_label
from dangvu.organizations.roles import Action, Resource

VIEW, CHANGE = Action.VIEW, Action.CHANGE
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@requires(Resource.MEMBER, VIEW)
def admission_list(request: HttpRequest) -> HttpResponse:
    """The cases in the user's scope, filtered, 50 a page, each with its cell and TCCSĐ."""
    today = clock.today()
    form = AdmissionFilterForm(request.GET, user=request.user)
    filters = form.filters() if form.is_valid() else AdmissionFilter()
    cases = admission_list_query(user=request.user, filters=filters, today=today)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    context = {"page": page, "form": form, "places": admission_places(list(page), today)}
    return render(request, "members/admission_list.html", context)


@requires(Resource.MEMBER, VIEW)
def admission_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The list as filtered on screen, as XLSX or CSV; the export is logged."""
    if fmt not in EXPORT_TYPES:
        raise Http404
    today = clock.today()
    form = AdmissionFilterForm(request.GET, user=request.user)
    if not form.is_valid():
        raise Http404
    filters = form.filters()
    code = f"{slugify(filters.org.code)}-" if filters.org is not None else ""
    return written_file_response(
        lambda path: admission_list_export(
            user=request.user, filters=filters, today=today, path=path
        ),
        filename=f"ho-so-ket-nap-{code}{today:%Y%m%d}.{fmt}",
        content_type=EXPORT_TYPES[fmt],
    )


@requires(Resource.MEMBER, CHANGE)
def admission_new(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    form = lf.NewAdmissionForm(request.POST or None, user=request.user)
    if form.is_valid():
        try:
            case = services.admission_open(actor=request.user, cell=form.cleaned_data["cell"],
                                           values=form.values(), today=today)  # fmt: skip
        except services.MemberChangeError as error:
            add_service_error(form, error)
        else:
            return redirect("members:admission_detail", case.pk)
    return render(request, "members/admission_new.html", {"form": form})


@requires(Resource.MEMBER, VIEW)
def admission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = clock.today()
    case = admission_case_get_for_user(user=request.user, pk=pk, today=today)
    context = {
        "case": case,
        "cell_name": org_label(case.cell, today),
        # The step after the cell's resolution its form offers: the đảng ủy bộ phận's
        # review, the đảng ủy cơ sở's resolution, or the decision.
        "pending_step": services.admission_pending_step(case),
        "route": services.admission_route(case) if case.cell_resolution_date else None,
        "steps": lf.AdmissionCaseForm(
            instance=case, initial={"version": case.version}, user=request.user
        ),
        "date_form": lf.DateActionForm(),
        "decision_form": _decision_form(None, case),
        "reason_form": lf.ReasonForm(),
    }
    return render(request, "members/admission_detail.html", context)


def _admission_update(request: HttpRequest, case: Any, today: Any) -> Any:
    form = lf.AdmissionCaseForm(request.POST, instance=case, user=request.user)
    if not form.is_valid():
        raise services.MemberChangeError(form.errors.as_data())
    return services.admission_update(actor=request.user, case=case,
                                     version=form.cleaned_data["version"] or 0,
                                     values=form.values(), today=today)  # fmt: skip


def _decision_form(data: Any, case: Any) -> forms.Form:
    """The decision's form, its extension capped by the rules of the cell's resolution."""
    return lf.DecisionForm(data, on=case.cell_resolution_date)


FormFactory = Callable[[Any, Any], forms.Form]  # (POST data, case) → bound form
ADMISSION_ACTIONS: dict[str, tuple[FormFactory | None, Callable[..., Any]]] = {
    "update": (None, _admission_update),
    "propose": (lambda data, case: lf.DateActionForm(data), lambda r, c, d, t:
        services.admission_propose(actor=r.user, case=c, on=d["on"])),
    "review": (lambda data, case: lf.DateActionForm(data), lambda r, c, d, t:
        services.admission_sub_committee_review(actor=r.user, case=c, on=d["on"])),
    "grassroots": (lambda data, case: lf.DateActionForm(data), lambda r, c, d, t:
        services.admission_grassroots_resolve(actor=r.user, case=c, on=d["on"])),
    "decide": (_decision_form, lambda r, c, d, t: services.admission_decide(
        actor=r.user, case=c, on=d["on"], extension_days=d["extension_days"] or 0)),
    "ceremony": (lambda data, case: lf.DateActionForm(data), lambda r, c, d, t:
        services.admission_ceremony(actor=r.user, case=c, on=d["on"], today=t)),
    "close": (lambda data, case: lf.ReasonForm(data), lambda r, c, d, t:
        services.admission_close(actor=r.user, case=c, reason=d["reason"], today=t)),
}  # fmt: skip


@require_POST
@requires(Resource.MEMBER, CHANGE)
def admission_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ADMISSION_ACTIONS:
        raise Http404
    today = clock.today()
    case = admission_case_get_for_user(user=request.user, pk=pk, today=today, action=CHANGE)
    make_form, perform = ADMISSION_ACTIONS[action]
    try:
        if make_form is None:
            perform(request, case, today)
        else:
            form = make_form(request.POST, case)
            if not form.is_valid():
                raise services.MemberChangeError(form.errors.as_data())
            perform(request, case, form.cleaned_data, today)
    except services.MemberChangeError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã cập nhật hồ sơ kết nạp."))
    return redirect("members:admission_detail", case.pk)


def _transfer(request: HttpRequest, member: Any, data: dict[str, Any], today: Any) -> Any:
    return services.transfer_start(
        actor=request.user, member=member, kind=data["kind"], decided_on=data["on"],
        to_cell=data["to_cell"], other_party=data["other_party"],
        expected_return=data["expected_return"],
    )  # fmt: skip


def _open_transfer(member: Any) -> Any:
    transfer = member_lifecycle(member, on=clock.today()).open_transfer
    if transfer is None:
        raise services.MemberChangeError(_("Đảng viên không có việc chuyển sinh hoạt đang mở."))
    return transfer


def _gap(member: Any, pk: int) -> Any:
    gap = member.party_gaps.filter(pk=pk).first()
    if gap is None:
        raise services.MemberChangeError(_("Không có thời gian này trong hồ sơ đảng viên."))
    return gap


MEMBER_ACTIONS: dict[str, tuple[type[forms.Form], Callable[..., Any]]] = {
    "recognition_propose": (lf.DateActionForm, lambda r, m, d, t:
        services.member_recognition_propose(actor=r.user, member=m, on=d["on"])),
    "recognition_review": (lf.DateActionForm, lambda r, m, d, t:
        services.member_recognition_review(actor=r.user, member=m, on=d["on"])),
    "recognition_grassroots": (lf.DateActionForm, lambda r, m, d, t:
        services.member_recognition_grassroots(actor=r.user, member=m, on=d["on"])),
    "recognize": (lf.DateActionForm, lambda r, m, d, t: services.member_recognize(
        actor=r.user, member=m, decided_on=d["on"], today=t)),
    "transfer": (lf.TransferForm, _transfer),
    "letter": (lf.LetterForm, lambda r, m, d, t: services.transfer_issue_letter(
        actor=r.user, transfer=_open_transfer(m), on=d["on"], today=t,
        dues_paid_until=d["dues_paid_until"], enclosures=d["enclosures"])),
    "arrive": (lf.DateActionForm, lambda r, m, d, t: services.transfer_arrive(
        actor=r.user, transfer=_open_transfer(m), on=d["on"])),
    "return": (lf.DateActionForm, lambda r, m, d, t: services.transfer_return(
        actor=r.user, transfer=_open_transfer(m), on=d["on"])),
    "cancel": (lf.ReasonForm, lambda r, m, d, t: services.transfer_cancel(
        actor=r.user, transfer=_open_transfer(m), reason=d["reason"])),
    "exempt": (lf.ExemptForm, lambda r, m, d, t: services.member_exempt(
        actor=r.user, member=m, valid_from=d["valid_from"], valid_to=d["valid_to"],
        reason=d["reason"])),
    "exit": (lf.ExitForm, lambda r, m, d, t: services.member_exit(
        actor=r.user, member=m, reason=d["reason"], on=d["on"], today=t,
        detail=d["detail"], note=d["note"])),
    "badge": (lf.BadgeForm, lambda r, m, d, t: services.badge_award(
        actor=r.user, member=m, milestone=d["milestone"], awarded_on=d["awarded_on"],
        decision=d["decision"], seriously_ill=d["seriously_ill"], reason=d["reason"])),
    "gap_add": (lf.PartyGapForm, lambda r, m, d, t: services.party_gap_add(
        actor=r.user, member=m, start_date=d["start_date"], end_date=d["end_date"],
        reason=d["reason"], detail=d["detail"], today=t)),
    "gap_remove": (lf.PartyGapRemoveForm, lambda r, m, d, t: services.party_gap_remove(
        actor=r.user, gap=_gap(m, d["gap"]), today=t)),
}  # fmt: skip


@require_POST
@requires(Resource.MEMBER, CHANGE)
def member_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in MEMBER_ACTIONS:
        raise Http404
    today = clock.today()
    member = member_get_for_user(user=request.user, pk=pk, as_of=today, action=CHANGE)
    form_class, perform = MEMBER_ACTIONS[action]
    form = bound_form(form_class, request)
    try:
        if not form.is_valid():
            raise services.MemberChangeError(form.errors.as_data())
        perform(request, member, form.cleaned_data, today)
    except services.MemberChangeError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã ghi nhận."))
    return redirect("members:detail", member.pk)


def _due_list(request: HttpRequest) -> tuple[DueFilterForm, list[DueItem], OrgUnit | None]:
    """The due list's form, its lines as filtered, and the organization picked."""
    form = DueFilterForm(request.GET, user=request.user)
    kind, org = (
        (form.cleaned_data["kind"], form.cleaned_data["org"]) if form.is_valid() else ("", None)
    )
    return form, due_list(user=request.user, today=clock.today(), kind=kind, org=org), org


@requires(Resource.MEMBER, VIEW)
def deadlines(request: HttpRequest) -> HttpResponse:
    """The due list, by kind and organization, each line with its cell and TCCSĐ."""
    form, items, _org = _due_list(request)
    return render(request, "members/deadlines.html", {"items": items, "form": form})


@requires(Resource.MEMBER, VIEW)
def deadlines_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The due list as filtered on screen, as XLSX or CSV; the export is logged."""
    if fmt not in EXPORT_TYPES:
        raise Http404
    form, items, org = _due_list(request)
    if form.errors:
        raise Http404
    today = clock.today()
    return written_file_response(
        lambda path: due_list_export(user=request.user, items=items, today=today, org=org,
                                     path=path),
        filename=f"viec-den-han-{today:%Y%m%d}.{fmt}",
        content_type=EXPORT_TYPES[fmt],
    )  # fmt: skip


@requires(Resource.MEMBER, VIEW)
def badges_due(request: HttpRequest) -> HttpResponse:
    form = OrgFilterForm(request.GET, user=request.user)
    org = form.cleaned_data["org"] if form.is_valid() else None
    context: dict[str, Any] = {"rows": [], "form": form, "org": org}
    try:
        context.update(_badge_occasion(request))
        context["rows"] = badge_list(user=request.user, occasion=context["occasion"], org=org)
    except NoRuleSet as missing:
        context.update(occasion=as_of_from(request), missing=str(missing))
    return render(request, "members/badges_due.html", context)


def _badge_occasion(request: HttpRequest) -> dict[str, Any]:
    """The occasion asked for, or the next one from the page's date; NoRuleSet before the
    first badge rules."""
    chosen = date_parameter(request, "occasion", Fact.OCCASION, _("Đợt trao"))
    day = chosen or as_of_from(request)
    rules = rules_for(BADGES, day)
    return {"occasion": rules.next_occasion(day), "occasions": rules.occasions_text()}


@requires(Resource.MEMBER, VIEW)
def badges_export(request: HttpRequest) -> HttpResponse:
    """The proposal list of the occasion on the page, under the organization picked, as
    XLSX; the export is logged."""
    form = OrgFilterForm(request.GET, user=request.user)
    if not form.is_valid():
        raise Http404
    org = form.cleaned_data["org"]
    try:
        occasion = _badge_occasion(request)["occasion"]
    except NoRuleSet:
        raise Http404 from None
    rows = badge_list(user=request.user, occasion=occasion, org=org)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "huy-hieu.xlsx"
        badge_list_export(user=request.user, rows=rows, occasion=occasion, org=org, path=path)
        response = HttpResponse(path.read_bytes(), content_type=EXPORT_TYPES["xlsx"])
    code = f"{slugify(org.code)}-" if org is not None else ""
    name = f"de-nghi-huy-hieu-dang-{code}{occasion:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
