"""The pages of inspection, supervision and discipline. Thin: forms in, services write,
selectors read. Case pages answer 404 to those who may not read cases
(`requires_or_404`), so they learn nothing of what exists."""

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dangvu.common import clock
from dangvu.common.forms import form_write
from dangvu.common.ids import as_id
from dangvu.discipline import forms as df
from dangvu.discipline import selectors, services
from dangvu.discipline.models import Check, Decision
from dangvu.organizations.access import may
from dangvu.organizations.decorators import requires, requires_or_404
from dangvu.organizations.roles import Action, Resource

CASES, DECISIONS = Resource.DISCIPLINE, Resource.DECISIONS
VIEW, CHANGE = Action.VIEW, Action.CHANGE


def _post(request: HttpRequest) -> Any:
    """The POST's data, or None for a GET; only the commission posts (others get 404)."""
    if request.method != "POST":
        return None
    if not _may_change(request):
        raise Http404
    return request.POST


def _may_change(request: HttpRequest) -> bool:
    return may(request.user, CASES, CHANGE)


# Decisions --------------------------------------------------------------------------


@requires(DECISIONS, VIEW)
def decisions(request: HttpRequest) -> HttpResponse:
    """Issued decisions the user may read, newest first."""
    found = selectors.decisions_visible_to(request.user)[:500]
    return render(request, "discipline/decisions.html", {"decisions": found})


@requires_or_404(CASES, CHANGE)
def decision_new(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    form = df.DecisionForm(request.POST or None, user=request.user)
    # The check the decision comes from (?check=ID, from the check's page).
    check_id = as_id(request.GET.get("check"))
    check = selectors.check_get_for_user(request.user, check_id) if check_id else None
    if request.method == "POST":
        decision = form_write(request, form, lambda d: services.decision_record(
            actor=request.user, body=d["body"], body_org=d["body_org"], form=d["form"],
            number=d["number"], decided_on=d["decided_on"], violated_on=d["violated_on"],
            reason=d["reason"], subject_org=d["subject_org"], subject_member=d["subject_member"],
            no_limit_ground=d["no_limit_ground"], subject_in_committee=d["subject_in_committee"],
            subject_upper_managed=d["subject_upper_managed"], from_check=check, today=today,
        ))  # fmt: skip
        if decision is not None:
            return redirect(decision)
    return render(request, "discipline/decision_new.html", {"form": form, "check": check})


def _decision_page(request: HttpRequest, found: Decision, **forms_: forms.Form) -> HttpResponse:
    context = {
        "decision": found,
        "cases": selectors.sees_cases(request.user, found),
        "appeals": selectors.appeals_of(found),
        "may_change": _may_change(request),
        "appeal_form": df.AppealForm(),
        "resolve_form": df.AppealResolveForm(),
        **forms_,
    }
    return render(request, "discipline/decision.html", context)


@requires(DECISIONS, VIEW)
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision; with its case and appeals for those who read cases, and the appeal
    forms for the commission."""
    return _decision_page(request, selectors.decision_get_for_user(request.user, pk))


@require_POST
@requires_or_404(CASES, CHANGE)
def decision_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """File an appeal against the decision, or record an appeal's outcome."""
    found = selectors.decision_get_for_user(request.user, pk)
    today = clock.today()
    if action == "appeal":
        form: forms.Form = df.AppealForm(request.POST)
        done = form_write(request, form, lambda d: services.appeal_file(
            actor=request.user, decision=found, filed_on=d["filed_on"], reason=d["reason"],
            today=today,
        ))  # fmt: skip
        return redirect(found) if done else _decision_page(request, found, appeal_form=form)
    if action == "resolve":
        form = df.AppealResolveForm(request.POST)
        done = form_write(request, form, lambda d: services.appeal_resolve(
            actor=request.user, appeal=_one(found.appeals, d["appeal"]), outcome=d["outcome"],
            new_form=d["new_form"], resolved_on=d["resolved_on"], resolution=d["resolution"],
            today=today,
        ))  # fmt: skip
        return redirect(found) if done else _decision_page(request, found, resolve_form=form)
    raise Http404


def _one(rows: Any, pk: int) -> Any:
    """The row PK among ROWS (an object's own appeals, recommendations), or 404."""
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# Programs and checks ----------------------------------------------------------------


@requires_or_404(CASES, VIEW)
def programs(request: HttpRequest) -> HttpResponse:
    data = _post(request)
    form = df.ProgramForm(data, user=request.user, initial={"year": clock.today().year})
    if data is not None:
        program = form_write(request, form, lambda d: services.program_create(
            actor=request.user, committee=d["committee"], holder=d["holder"], year=d["year"],
            title=d["title"],
        ))  # fmt: skip
        if program is not None:
            return redirect(program)
    context = {
        "programs": selectors.programs_visible_to(request.user),
        "complaints": selectors.complaints_visible_to(request.user)[:20],
        "form": form,
        "may_change": _may_change(request),
    }
    return render(request, "discipline/programs.html", context)


@requires_or_404(CASES, VIEW)
def program(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.program_get_for_user(request.user, pk)
    data = _post(request)
    form = df.CheckForm(data, user=request.user)
    if data is not None:
        check = form_write(request, form, lambda d: services.check_record(
            actor=request.user, program=found, activity=d["activity"], kind=d["kind"],
            starts_on=d["starts_on"], ends_on=d["ends_on"], subject_org=d["subject_org"],
            subject_member=d["subject_member"], team=d["team"], content=d["content"],
            today=clock.today(),
        ))  # fmt: skip
        if check is not None:
            return redirect(check)
    checks = selectors.checks_visible_to(request.user).filter(program=found)
    context = {"program": found, "checks": checks, "form": form,
               "may_change": _may_change(request)}  # fmt: skip
    return render(request, "discipline/program.html", context)


def _check_page(request: HttpRequest, found: Check, **forms_: forms.Form) -> HttpResponse:
    initial = {"findings": found.findings, "conclusion": found.conclusion,
               "concluded_on": found.concluded_on, "version": found.version}  # fmt: skip
    context = {
        "check": found,
        "recommendations": found.recommendations.order_by("due_on", "id"),
        "decisions": found.decisions.order_by("decided_on", "id"),
        "complaints": found.complaints.order_by("received_on", "id"),
        "conclude_form": df.ConcludeForm(initial=initial),
        "done_form": df.RecommendationDoneForm(),
        "may_change": _may_change(request),
        **forms_,
    }
    return render(request, "discipline/check.html", context)


@requires_or_404(CASES, VIEW)
def check(request: HttpRequest, pk: int) -> HttpResponse:
    return _check_page(request, selectors.check_get_for_user(request.user, pk))


@require_POST
@requires_or_404(CASES, CHANGE)
def check_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Conclude the check, or mark one of its recommendations done."""
    found = selectors.check_get_for_user(request.user, pk)
    today = clock.today()
    if action == "conclude":
        form: forms.Form = df.ConcludeForm(request.POST)

        def conclude(d: dict[str, Any]) -> Any:
            recommendations = [(d["recommendation"], d["recommendation_due"])]
            return services.check_conclude(
                actor=request.user, check=found, findings=d["findings"],
                conclusion=d["conclusion"], concluded_on=d["concluded_on"],
                version=d["version"], today=today,
                recommendations=recommendations if d["recommendation"] else [],
            )  # fmt: skip

        done = form_write(request, form, conclude)
        return redirect(found) if done else _check_page(request, found, conclude_form=form)
    if action == "done":
        form = df.RecommendationDoneForm(request.POST)
        done = form_write(request, form, lambda d: services.recommendation_done(
            actor=request.user, recommendation=_one(found.recommendations, d["item"]),
            done_on=d["done_on"], note=d["note"], today=today,
        ))  # fmt: skip
        return redirect(found) if done else _check_page(request, found, done_form=form)
    raise Http404


# Complaints and denunciations -------------------------------------------------------


@requires_or_404(CASES, VIEW)
def complaints(request: HttpRequest) -> HttpResponse:
    data = _post(request)
    form = df.ComplaintForm(data, user=request.user)
    if data is not None:
        complaint = form_write(request, form, lambda d: services.complaint_receive(
            actor=request.user, committee=d["committee"], kind=d["kind"],
            received_on=d["received_on"], summary=d["summary"], sender=d["sender"],
            handler=d["handler"], subject_org=d["subject_org"],
            subject_member=d["subject_member"], today=clock.today(),
        ))  # fmt: skip
        if complaint is not None:
            return redirect(complaint)
    context = {"complaints": selectors.complaints_visible_to(request.user)[:500], "form": form,
               "may_change": _may_change(request)}  # fmt: skip
    return render(request, "discipline/complaints.html", context)


@requires_or_404(CASES, VIEW)
def complaint(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.complaint_get_for_user(request.user, pk)
    data = _post(request)
    checks = selectors.checks_visible_to(request.user).filter(program__committee=found.committee)
    form = df.ComplaintResolveForm(data, checks=[(c.pk, f"{c} – {c.starts_on:%d/%m/%Y}")
                                                 for c in checks[:200]])  # fmt: skip
    if data is not None:
        resolved = form_write(request, form, lambda d: services.complaint_resolve(
            actor=request.user, complaint=found, outcome=d["outcome"], closed_on=d["closed_on"],
            opened_check=checks.filter(pk=d["opened_check"]).first() if d["opened_check"] else None,
            today=clock.today(),
        ))  # fmt: skip
        if resolved is not None:
            return redirect(found)
    context = {"complaint": found, "form": form, "may_change": _may_change(request),
               "sees_sender": selectors.sees_senders(request.user, found)}  # fmt: skip
    return render(request, "discipline/complaint.html", context)
