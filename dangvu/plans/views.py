"""The pages of plans, tasks and meetings. Thin: forms in, services write, selectors read.
Everyone with the PLANS right reads the plans in their reach; the Office and secretaries
write them."""

from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.common import clock
from dangvu.common.files import private_file_response
from dangvu.common.forms import form_write
from dangvu.common.http import as_of_from
from dangvu.documents.pdf import PdfConversionError
from dangvu.documents.render import DocumentError
from dangvu.organizations.access import may
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource
from dangvu.plans import forms as pf
from dangvu.plans import selectors, services
from dangvu.plans.documents import DOCUMENTS, FORMATS, MeetingNotReady, meeting_print
from dangvu.plans.measures import measure_choices
from dangvu.plans.models import Meeting, Plan, Task
from dangvu.plans.papers import meeting_paper_add, meeting_paper_remove

PLANS = Resource.PLANS
VIEW, CHANGE = Action.VIEW, Action.CHANGE


def _may_change(request: HttpRequest) -> bool:
    return may(request.user, PLANS, CHANGE)


def _post(request: HttpRequest) -> Any:
    """The POST's data, or None for a GET; those who only read get 403."""
    if request.method != "POST":
        return None
    if not _may_change(request):
        raise PermissionDenied
    return request.POST


# Plans ------------------------------------------------------------------------------


@requires(PLANS, VIEW)
def plans(request: HttpRequest) -> HttpResponse:
    """The plans the user may read, newest year first, and a new plan."""
    data = _post(request)
    form = pf.PlanForm(data, user=request.user, initial={"year": clock.today().year})
    if data is not None:
        created = form_write(request, form, lambda d: services.plan_create(
            actor=request.user, committee=d["committee"], year=d["year"], title=d["title"],
            parent=selectors.parent_plan_for(d["committee"], d["year"]),
        ))  # fmt: skip
        if created is not None:
            return redirect(created)
    context = {"plans": selectors.plans_visible_to(request.user)[:500], "form": form,
               "may_change": _may_change(request)}  # fmt: skip
    return render(request, "plans/plans.html", context)


def _plan_page(request: HttpRequest, found: Plan, **forms_: forms.Form) -> HttpResponse:
    as_of = as_of_from(request)
    context = {
        "plan": found,
        "as_of": as_of,
        "targets": selectors.target_rows(found, as_of),
        "tasks": selectors.task_rows(found, as_of),
        "may_change": _may_change(request),
        "target_form": pf.TargetForm(measures=measure_choices()),
        "task_form": pf.TaskForm(user=request.user),
        **forms_,
    }
    return render(request, "plans/plan.html", context)


@requires(PLANS, VIEW)
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan's targets, measured as of the date asked (today by default), and its tasks."""
    return _plan_page(request, selectors.plan_get_for_user(request.user, pk))


@require_POST
@requires(PLANS, CHANGE)
def plan_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Add a target or a task to the plan."""
    found = selectors.plan_get_for_user(request.user, pk, CHANGE)
    today = clock.today()
    if action == "target":
        form: forms.Form = pf.TargetForm(request.POST, measures=measure_choices())
        done = form_write(request, form, lambda d: services.target_add(
            actor=request.user, plan=found, name=d["name"], kind=d["kind"],
            measure=d["measure"], goal=d["goal"],
        ))  # fmt: skip
        return redirect(found) if done else _plan_page(request, found, target_form=form)
    if action == "task":
        form = pf.TaskForm(request.POST, user=request.user)
        done = form_write(request, form, lambda d: services.task_add(
            actor=request.user, plan=found, title=d["title"], owner_board=d["owner_board"],
            owner_org=d["owner_org"], deadline=d["deadline"], today=today,
        ))  # fmt: skip
        return redirect(found) if done else _plan_page(request, found, task_form=form)
    raise Http404


@requires(PLANS, VIEW)
def target(request: HttpRequest, pk: int) -> HttpResponse:
    """A target: how it is measured, or a manual one's value and evidence."""
    found = selectors.target_get_for_user(request.user, pk)
    data = _post(request)
    form = pf.TargetRecordForm(data, request.FILES or None)
    if data is not None:
        selectors.target_get_for_user(request.user, pk, CHANGE)
        done = form_write(request, form, lambda d: services.target_record(
            actor=request.user, target=found, value=d["value"], on=d["on"],
            evidence_note=d["evidence_note"], evidence_file=d["evidence_file"],
            today=clock.today(),
        ))  # fmt: skip
        if done is not None:
            return redirect(found.plan)
    [row] = [r for r in selectors.target_rows(found.plan, as_of_from(request))
             if r.target.pk == found.pk]  # fmt: skip
    context = {"row": row, "form": form, "may_change": _may_change(request)}
    return render(request, "plans/target.html", context)


def _evidence(file: FieldFile, name: str) -> HttpResponseBase:
    if not file:
        raise Http404
    return private_file_response(file, filename=name or f"minh-chung{Path(file.name or '').suffix}")


@requires(PLANS, VIEW)
def target_evidence(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A manual target's evidence file, to those who read its plan."""
    found = selectors.target_get_for_user(request.user, pk)
    return _evidence(found.evidence_file, found.evidence_name)


# Tasks ------------------------------------------------------------------------------


def _task_page(request: HttpRequest, found: Task, **forms_: forms.Form) -> HttpResponse:
    as_of = clock.today()
    [row] = [r for r in selectors.task_rows(found.plan, as_of) if r.task.pk == found.pk]
    context = {
        "row": row,
        "task": found,
        "owner": selectors.owner_label(found),
        "updates": found.updates.order_by("-on", "-id"),
        "progress_form": pf.ProgressForm(),
        "close_form": pf.TaskCloseForm(initial={"version": found.version}),
        "may_change": _may_change(request),
        **forms_,
    }
    return render(request, "plans/task.html", context)


@requires(PLANS, VIEW)
def task(request: HttpRequest, pk: int) -> HttpResponse:
    return _task_page(request, selectors.task_get_for_user(request.user, pk))


@require_POST
@requires(PLANS, CHANGE)
def task_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Record the task's progress, or close it with its result."""
    found = selectors.task_get_for_user(request.user, pk, CHANGE)
    today = clock.today()
    if action == "progress":
        form: forms.Form = pf.ProgressForm(request.POST, request.FILES or None)
        done = form_write(request, form, lambda d: services.task_progress(
            actor=request.user, task=found, on=d["on"], percent=d["percent"], note=d["note"],
            evidence_file=d["evidence_file"], today=today,
        ))  # fmt: skip
        return redirect(found) if done else _task_page(request, found, progress_form=form)
    if action == "close":
        form = pf.TaskCloseForm(request.POST)
        done = form_write(request, form, lambda d: services.task_close(
            actor=request.user, task=found, result=d["result"], on=d["on"],
            version=d["version"], today=today,
        ))  # fmt: skip
        return redirect(found) if done else _task_page(request, found, close_form=form)
    raise Http404


@requires(PLANS, VIEW)
def progress_evidence(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A progress update's evidence file, to those who read the task's plan."""
    found = selectors.progress_get_for_user(request.user, pk)
    return _evidence(found.evidence_file, found.evidence_name)


# Meetings ---------------------------------------------------------------------------


@requires(PLANS, VIEW)
def meetings(request: HttpRequest) -> HttpResponse:
    """Conferences and cell meetings in the user's reach, newest first, and a new one."""
    data = _post(request)
    form = pf.MeetingForm(data, user=request.user)
    if data is not None:
        created = form_write(request, form, lambda d: services.meeting_record(
            actor=request.user, org=d["org"], kind=d["kind"], held_on=d["held_on"],
            title=d["title"], place=d["place"], chair=d["chair"], secretary=d["secretary"],
            agenda=d["agenda"], guests=d["guests"], today=clock.today(),
        ))  # fmt: skip
        if created is not None:
            return redirect(created)
    context = {"meetings": selectors.meetings_visible_to(request.user)[:500], "form": form,
               "may_change": _may_change(request)}  # fmt: skip
    return render(request, "plans/meetings.html", context)


def _attendance_form(found: Meeting, data: Any = None) -> pf.AttendanceForm:
    rows = {row.member_id: row for row in selectors.attendance_rows(found)}
    return pf.AttendanceForm(data, members=services.meeting_members(found), initial_rows=rows,
                             initial={"version": found.version})  # fmt: skip


def _conclude_form(request: HttpRequest, found: Meeting, data: Any = None) -> pf.ConcludeForm:
    plans_ = selectors.plans_for_conclusions(request.user, found)
    return pf.ConcludeForm(
        data,
        plans=[(p.pk, str(p)) for p in plans_],
        initial={"version": found.version, "conclusions": found.conclusions},
    )


def _guests_form(found: Meeting, data: Any = None) -> pf.GuestAttendanceForm:
    return pf.GuestAttendanceForm(data, guests=list(found.guests.order_by("position", "id")),
                                  initial={"version": found.version})  # fmt: skip


def _meeting_page(request: HttpRequest, found: Meeting, **forms_: forms.Form) -> HttpResponse:
    guests = list(found.guests.select_related("org").order_by("position", "id"))
    context = {
        "meeting": found,
        "guests": guests,
        "guests_form": _guests_form(found) if guests else None,
        "invite_form": pf.InviteForm(initial={"version": found.version}),
        "attendance": selectors.attendance_rows(found),
        "tasks": found.tasks.order_by("position", "id"),
        "may_change": _may_change(request),
        "attendance_form": _attendance_form(found) if found.is_cell_meeting else None,
        "conclude_form": _conclude_form(request, found),
        "papers": found.papers.filter(removed=False).order_by("added_at", "id"),
        "paper_form": pf.PaperForm(),
        **forms_,
    }
    return render(request, "plans/meeting.html", context)


@requires(PLANS, VIEW)
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, selectors.meeting_get_for_user(request.user, pk))


TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@requires(PLANS, VIEW)
def meeting_document(request: HttpRequest, pk: int, document: str, fmt: str) -> HttpResponse:
    """The meeting's invitation, attendance list or minutes, as DOCX or PDF; the print is
    audited. A document that lacks data sends the reader back with what is missing."""
    found = selectors.meeting_get_for_user(request.user, pk)
    if fmt not in FORMATS or document not in DOCUMENTS:
        raise Http404
    try:
        attendance = selectors.attendance_rows(found)
        data, name = meeting_print(actor=request.user, meeting=found, document=document,
                                   fmt=fmt, attendance=attendance)  # fmt: skip
    except MeetingNotReady as error:
        messages.error(request, str(error))
        return redirect(found)
    except (DocumentError, PdfConversionError):
        messages.error(request, _("Không tạo được văn bản; hãy thử lại hoặc báo quản trị hệ "
                                  "thống kiểm tra mẫu văn bản."))  # fmt: skip
        return redirect(found)
    response = HttpResponse(data, content_type=TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(PLANS, VIEW)
def meeting_paper(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A meeting's paper, to those who read the meeting."""
    found = selectors.paper_get_for_user(request.user, pk)
    return private_file_response(found.file, filename=found.file_name or "tai-lieu")


@require_POST
@requires(PLANS, CHANGE)
def meeting_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Record who attended, who of the invited came, issue the invitation's number, or
    record the conclusions and the tasks they give."""
    found = selectors.meeting_get_for_user(request.user, pk, CHANGE)
    form: forms.Form
    if action == "guests":
        form = guests = _guests_form(found, request.POST)
        done = form_write(request, form, lambda d: services.meeting_guests_mark(
            actor=request.user, meeting=found, statuses=guests.statuses(),
            version=d["version"], today=clock.today(),
        ))  # fmt: skip
        return redirect(found) if done else _meeting_page(request, found, guests_form=form)
    if action == "invite":
        form = pf.InviteForm(request.POST)
        done = form_write(request, form, lambda d: services.meeting_invite(
            actor=request.user, meeting=found, issued_on=d["issued_on"], version=d["version"],
            today=clock.today(),
        ))  # fmt: skip
        return redirect(found) if done else _meeting_page(request, found, invite_form=form)
    if action == "attendance" and found.is_cell_meeting:
        form = _attendance_form(found, request.POST)
        done = form_write(request, form, lambda d: services.meeting_attendance(
            actor=request.user, meeting=found, statuses=form.statuses(),  # type: ignore[attr-defined]
            version=d["version"], today=clock.today(),
        ))  # fmt: skip
        return redirect(found) if done else _meeting_page(request, found, attendance_form=form)
    if action == "paper":
        form = pf.PaperForm(request.POST, request.FILES or None)
        done = form_write(request, form, lambda d: meeting_paper_add(
            actor=request.user, meeting=found, title=d["title"], upload=d["file"],
        ))  # fmt: skip
        return redirect(found) if done else _meeting_page(request, found, paper_form=form)
    if action == "paper_remove":
        form = pf.PaperRemoveForm(request.POST)
        if not form.is_valid():
            raise Http404
        paper = selectors.paper_get_for_user(request.user, form.cleaned_data["paper"], CHANGE)
        if paper.meeting_id != found.pk:
            raise Http404
        form_write(request, form, lambda d: meeting_paper_remove(actor=request.user, paper=paper))
        return redirect(found)
    if action == "conclude":
        form = _conclude_form(request, found, request.POST)
        plans_ = selectors.plans_for_conclusions(request.user, found)
        done = form_write(request, form, lambda d: services.meeting_conclude(
            actor=request.user, meeting=found, conclusions=d["conclusions"], tasks=d["tasks"],
            plan=plans_.filter(pk=d["plan"]).first() if d["plan"] else None,
            deadline=d["deadline"], owner_board=d["owner_board"], version=d["version"],
            today=clock.today(),
        ))  # fmt: skip
        return (
            redirect(found)
            if done is not None
            else _meeting_page(request, found, conclude_form=form)
        )
    raise Http404
