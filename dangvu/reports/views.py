"""The annual report page: the report's figures and tables for a year and an organization
within the reader's reach, and its downloads (DOCX, PDF, XLSX); the page of each section
staff write for it: its text, older versions, status and comments."""

import datetime as dt
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.common import clock
from dangvu.common.forms import form_write
from dangvu.common.http import InvalidParameter
from dangvu.organizations.access import org_in_scope
from dangvu.organizations.decorators import requires
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Action, Resource
from dangvu.reports import narratives
from dangvu.reports.charts import chart_for_web
from dangvu.reports.forms import (
    NARRATIVE_FORMS,
    AnnualForm,
    CommentForm,
    DownloadForm,
    NarrativeForm,
)
from dangvu.reports.models import Narrative
from dangvu.reports.selectors import narrative_for_user
from dangvu.reports.services import annual_report_file, annual_report_for

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@requires(Resource.ORG, Action.VIEW)
def annual(request: HttpRequest) -> HttpResponse:
    form = AnnualForm(request.GET, user=request.user)
    report = None
    if form.is_valid():
        d = form.cleaned_data
        report = annual_report_for(user=request.user, committee=d["committee"], year=d["year"],
                                   as_of=clock.today())  # fmt: skip
    may_write = report is not None and _may_write(request, form)
    charts = [] if report is None else [
        [chart_for_web(chart, f"part{n}-{i}") for i, chart in enumerate(part.charts, start=1)]
        for n, part in enumerate(report.parts, start=1)
    ]  # fmt: skip
    parts = list(zip(report.parts, charts, strict=True)) if report is not None else []
    context = {"form": form, "report": report, "parts": parts, "may_write": may_write}
    return render(request, "reports/annual.html", context)


def _may_write(request: HttpRequest, form: AnnualForm) -> bool:
    d = form.cleaned_data
    on = dt.date(d["year"], 12, 31)
    return org_in_scope(request.user, Resource.REPORTS, Action.CHANGE, d["committee"].pk, on)


@requires(Resource.ORG, Action.VIEW)
def annual_file(request: HttpRequest) -> HttpResponse:
    form = DownloadForm(request.GET, user=request.user)
    if not form.is_valid():
        raise InvalidParameter(" ".join(str(e) for errors in form.errors.values() for e in errors))
    d = form.cleaned_data
    today = clock.today()
    data = annual_report_file(user=request.user, committee=d["committee"], year=d["year"],
                              as_of=today, issued_on=today, fmt=d["format"])  # fmt: skip
    response = HttpResponse(data, content_type=CONTENT_TYPES[d["format"]])
    name = f"bao-cao-tong-ket-{d['year']}-{d['committee'].code}.{d['format']}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# The sections staff write ------------------------------------------------------------


def _narrative(request: HttpRequest, code: str, year: int, section: str) -> Narrative:
    """The section of the report the path names, when the user reads the report; 404
    otherwise, as for a missing one."""
    today = clock.today()
    committee = OrgUnit.objects.filter(code=code).first()
    if committee is None or not narratives.FIRST_YEAR <= year <= today.year:
        raise Http404
    return narrative_for_user(user=request.user, committee=committee, year=year,
                              section=section.upper(), today=today)  # fmt: skip


def _shown_number(request: HttpRequest) -> int | None:
    value = request.GET.get("v", "")
    return int(value) if value.isdecimal() and len(value) < 10 else None


def _section_page(request: HttpRequest, narrative: Narrative, **forms_: forms.Form) -> HttpResponse:
    saved = narrative.pk is not None
    versions = (
        list(narrative.versions.select_related("written_by").order_by("-number")) if saved else []
    )
    latest = versions[0] if versions else None
    number = _shown_number(request)
    shown = next((v for v in versions if v.number == number), latest)
    on = dt.date(narrative.year, 12, 31)
    context: dict[str, Any] = {
        "narrative": narrative,
        "code": narrative.committee.code,
        "slug": narrative.section.lower(),
        "versions": versions,
        "latest": latest,
        "shown": shown,
        "comments": narrative.comments.select_related("author").order_by("-written_at", "-id")
        if saved else [],
        "may_write": org_in_scope(request.user, Resource.REPORTS, Action.CHANGE,
                                  narrative.committee_id, on),
        "form": NarrativeForm(initial={"text": latest.text if latest else "",
                                       "version": narrative.version}),
        "comment_form": CommentForm(),
        "statuses": Narrative.Status.choices,
        **forms_,
    }  # fmt: skip
    return render(request, "reports/section.html", context)


@requires(Resource.ORG, Action.VIEW)
def section(request: HttpRequest, code: str, year: int, section: str) -> HttpResponse:
    """A section of the report: its text, its versions (an older one shown on request), its
    status and its comments; the committee's writers edit it here."""
    return _section_page(request, _narrative(request, code, year, section))


@require_POST
@requires(Resource.REPORTS, Action.CHANGE)
def section_action(request: HttpRequest, code: str, year: int, section: str,
                   action: str) -> HttpResponse:  # fmt: skip
    """Save the text, restore a version, mark the section draft or final, or comment."""
    found = _narrative(request, code, year, section)
    if action not in NARRATIVE_FORMS:
        raise Http404
    form = NARRATIVE_FORMS[action](request.POST)
    user, committee = request.user, found.committee
    calls = {
        "save": lambda d: narratives.narrative_save(
            actor=user, committee=committee, year=found.year, section=found.section,
            text=d["text"], version=d["version"]),
        "restore": lambda d: narratives.narrative_restore(
            actor=user, narrative=found, number=d["number"], version=d["version"]),
        "status": lambda d: narratives.narrative_mark(
            actor=user, narrative=found, status=d["status"], version=d["version"]),
        "comment": lambda d: narratives.narrative_comment(
            actor=user, committee=committee, year=found.year, section=found.section,
            text=d["text"]),
    }  # fmt: skip
    if action in ("restore", "status") and found.pk is None:
        form.is_valid()
        form.add_error(None, _("Phần này chưa có phiên bản nào."))
        done = None
    else:
        done = form_write(request, form, calls[action])
    if done is not None:
        return redirect(reverse("reports:section", args=[code, found.year, found.section.lower()]))
    key = {"save": "form", "comment": "comment_form"}.get(action, "action_form")
    return _section_page(request, found, **{key: form})
