"""Writes of plans, tasks and meetings. Each service validates, checks every organization
it touches against the actor's PLANS right, saves and audits in one transaction.

A measured target takes no value: there is no service that writes one."""

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.dates import Fact, date_problem
from dangvu.common.events import Event
from dangvu.common.text import text_problems
from dangvu.documents.models import DocumentKind
from dangvu.documents.register import document_register
from dangvu.members.models import Member
from dangvu.organizations.access import User, require
from dangvu.organizations.models import CELL_KINDS, Membership, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource
from dangvu.plans.measures import MEASURES
from dangvu.plans.models import Attendance, Guest, Meeting, Plan, Progress, Target, Task
from dangvu.plans.rules import TaskStatus

CHANGE = Action.CHANGE
PLANS = Resource.PLANS
MAX_GOAL = Decimal("9999999")


class PlanError(ValidationError):
    """A plan, task or meeting that the rules refuse."""


def _texts(**values: tuple[str, str]) -> None:
    """Refuse typed text with hidden characters; VALUES: field → (value, label)."""
    if found := text_problems(**values):
        raise PlanError(found)


def _date(field: str, value: dt.date, fact: Fact, label: str, today: dt.date) -> None:
    if problem := date_problem(value, fact, label, today):
        raise PlanError({field: problem})


def _version(org: OrgUnit, on: dt.date, field: str) -> OrgVersion:
    version = OrgVersion.objects.as_of(on).filter(org=org).first()
    if version is None:
        raise PlanError(
            {field: _("Tổ chức %(code)s không hoạt động vào ngày %(date)s.")
             % {"code": org.code, "date": f"{on:%d/%m/%Y}"}}
        )  # fmt: skip
    return version


def _locked(obj: Task | Meeting, version: int | None) -> None:
    if version is not None and version != obj.version:
        raise PlanError(_("Bản ghi vừa được người khác sửa; hãy tải lại trang rồi ghi lại."))


# Plans and targets ------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *, actor: User, committee: OrgUnit, year: int, title: str, parent: Plan | None = None
) -> Plan:
    """The plan of COMMITTEE for YEAR; PARENT, the plan of a committee above it that year."""
    require(actor, PLANS, CHANGE, org=committee, on=dt.date(year, 1, 1))
    _texts(title=(title, _("Tên kế hoạch")))
    if not title.strip():
        raise PlanError({"title": _("Nhập tên kế hoạch.")})
    if not 2000 <= year <= 2100:
        raise PlanError({"year": _("Năm phải từ 2000 đến 2100.")})
    if Plan.objects.filter(committee=committee, year=year).exists():
        raise PlanError({"year": _("Tổ chức này đã có kế hoạch năm %(year)s.") % {"year": year}})
    if parent is not None:
        own = _version(committee, dt.date(year, 12, 31), "committee")
        above = _version(parent.committee, dt.date(year, 12, 31), "parent")
        if parent.year != year or not own.path.startswith(above.path) or own.pk == above.pk:
            raise PlanError(
                {"parent": _("Kế hoạch cấp trên phải là kế hoạch cùng năm của một cấp ủy "
                             "cấp trên.")}
            )  # fmt: skip
    plan = Plan.objects.create(committee=committee, year=year, title=title.strip(), parent=parent)
    audit_record(actor=actor, action=Event.PLAN_CREATED, obj=plan, org=committee,
                 data={"year": year})  # fmt: skip
    return plan


def _goal(goal: Decimal) -> None:
    if not Decimal(0) < goal <= MAX_GOAL:
        raise PlanError({"goal": _("Mục tiêu phải lớn hơn 0 và không quá 9.999.999.")})


@transaction.atomic
def target_add(
    *, actor: User, plan: Plan, name: str, kind: str, goal: Decimal, measure: str = ""
) -> Target:
    """A key target of PLAN: MEASURED by one of the registered measures, or MANUAL."""
    require(actor, PLANS, CHANGE, org=plan.committee, on=dt.date(plan.year, 1, 1))
    _texts(name=(name, _("Tên chỉ tiêu")))
    if not name.strip():
        raise PlanError({"name": _("Nhập tên chỉ tiêu.")})
    if kind == Target.Kind.MEASURED and measure not in MEASURES:
        raise PlanError({"measure": _("Chọn một phép đo cho chỉ tiêu đo từ dữ liệu.")})
    if kind == Target.Kind.MANUAL:
        measure = ""
    if kind not in Target.Kind.values:
        raise PlanError({"kind": _("Cách tính không hợp lệ.")})
    _goal(goal)
    target = Target.objects.create(
        plan=plan, name=name.strip(), kind=kind, measure=measure, goal=goal,
        position=plan.targets.count() + 1,
    )  # fmt: skip
    audit_record(actor=actor, action=Event.TARGET_ADDED, obj=target, org=plan.committee,
                 data={"target_kind": kind, "measure": measure})  # fmt: skip
    return target


@transaction.atomic
def target_record(
    *,
    actor: User,
    target: Target,
    value: Decimal,
    on: dt.date,
    evidence_note: str,
    evidence_file: UploadedFile | None = None,
    today: dt.date,
) -> Target:
    """The value of a MANUAL target on ON, with the evidence that shows it."""
    plan = target.plan
    require(actor, PLANS, CHANGE, org=plan.committee, on=on)
    if target.kind != Target.Kind.MANUAL:
        raise PlanError(_("Chỉ tiêu đo từ dữ liệu không nhập kết quả bằng tay."))
    _texts(evidence_note=(evidence_note, _("Minh chứng")))
    _date("on", on, Fact.EVENT, _("Ngày ghi kết quả"), today)
    if not evidence_note.strip() and evidence_file is None:
        raise PlanError({"evidence_note": _("Chỉ tiêu nhập tay cần minh chứng: ghi chú hoặc tệp.")})
    if not Decimal(0) <= value <= MAX_GOAL:
        raise PlanError({"value": _("Kết quả phải từ 0 đến 9.999.999.")})
    target.value, target.value_on, target.evidence_note = value, on, evidence_note.strip()
    if evidence_file is not None:
        target.evidence_file = evidence_file
        target.evidence_name = (evidence_file.name or "")[:255]
    target.save()
    audit_record(actor=actor, action=Event.TARGET_RECORDED, obj=target, org=plan.committee,
                 data={"on": on.isoformat(), "value": str(value)})  # fmt: skip
    return target


# Tasks ------------------------------------------------------------------------------


def _owner(plan: Plan, owner_board: str, owner_org: OrgUnit | None) -> None:
    if bool(owner_board) == (owner_org is not None):
        raise PlanError({"owner_board": _("Chọn một ban chủ trì hoặc một tổ chức chủ trì.")})
    if owner_board and owner_board not in Task.Board.values:
        raise PlanError({"owner_board": _("Ban chủ trì không hợp lệ.")})
    if owner_org is not None:
        on = dt.date(plan.year, 12, 31)
        inside = _version(owner_org, on, "owner_org")
        top = _version(plan.committee, on, "owner_org")
        if not inside.path.startswith(top.path):
            raise PlanError(
                {"owner_org": _("Tổ chức chủ trì phải trực thuộc cấp ủy của kế hoạch.")}
            )


@transaction.atomic
def task_add(
    *,
    actor: User,
    plan: Plan,
    title: str,
    deadline: dt.date,
    owner_board: str = "",
    owner_org: OrgUnit | None = None,
    meeting: Meeting | None = None,
    today: dt.date,
) -> Task:
    """A key task of PLAN with its owner and deadline; MEETING, the conference that set it."""
    require(actor, PLANS, CHANGE, org=plan.committee, on=dt.date(plan.year, 1, 1))
    _texts(title=(title, _("Nhiệm vụ")))
    if not title.strip():
        raise PlanError({"title": _("Nhập nội dung nhiệm vụ.")})
    _date("deadline", deadline, Fact.PLANNED_END, _("Hạn hoàn thành"), today)
    _owner(plan, owner_board, owner_org)
    task = Task.objects.create(
        plan=plan, title=title.strip(), deadline=deadline, owner_board=owner_board,
        owner_org=owner_org, meeting=meeting, position=plan.tasks.count() + 1,
    )  # fmt: skip
    audit_record(actor=actor, action=Event.TASK_ADDED, obj=task, org=plan.committee,
                 data={"deadline": deadline.isoformat()})  # fmt: skip
    return task


@transaction.atomic
def task_progress(
    *,
    actor: User,
    task: Task,
    on: dt.date,
    percent: int,
    note: str,
    evidence_file: UploadedFile | None = None,
    today: dt.date,
) -> Progress:
    """How far TASK had come on ON, with what was done and its evidence."""
    require(actor, PLANS, CHANGE, org=task.plan.committee, on=on)
    _texts(note=(note, _("Nội dung")))
    _date("on", on, Fact.EVENT, _("Ngày"), today)
    if not 0 <= percent <= 100:
        raise PlanError({"percent": _("Tiến độ là phần trăm đã làm, từ 0 đến %(most)s.")
                          % {"most": 100}})  # fmt: skip
    if not note.strip():
        raise PlanError({"note": _("Ghi nội dung đã thực hiện.")})
    if task.result:
        raise PlanError(_("Nhiệm vụ đã kết thúc."))
    update = Progress(task=task, on=on, percent=percent, note=note.strip())
    if evidence_file is not None:
        update.evidence_file = evidence_file
        update.evidence_name = (evidence_file.name or "")[:255]
    update.save()
    audit_record(actor=actor, action=Event.TASK_PROGRESS, obj=task, org=task.plan.committee,
                 data={"on": on.isoformat(), "percent": percent})  # fmt: skip
    return update


@transaction.atomic
def task_close(
    *, actor: User, task: Task, result: str, on: dt.date, version: int | None = None,
    today: dt.date,
) -> Task:  # fmt: skip
    """TASK ends on ON with RESULT: done, exceeded or not done."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    require(actor, PLANS, CHANGE, org=task.plan.committee, on=on)
    _locked(task, version)
    _date("on", on, Fact.EVENT, _("Ngày kết thúc"), today)
    if result not in (TaskStatus.DONE, TaskStatus.EXCEEDED, TaskStatus.NOT_DONE):
        raise PlanError({"result": _("Chọn kết quả của nhiệm vụ.")})
    if task.result:
        raise PlanError(_("Nhiệm vụ đã kết thúc."))
    task.result, task.closed_on, task.version = result, on, task.version + 1
    task.save(update_fields=["result", "closed_on", "version"])
    audit_record(actor=actor, action=Event.TASK_CLOSED, obj=task, org=task.plan.committee,
                 data={"on": on.isoformat(), "task_result": result})  # fmt: skip
    return task


# Meetings ---------------------------------------------------------------------------


@transaction.atomic
def meeting_record(
    *,
    actor: User,
    org: OrgUnit,
    kind: str,
    held_on: dt.date,
    title: str,
    place: str = "",
    chair: str = "",
    secretary: str = "",
    agenda: str = "",
    guests: Sequence[tuple[str, ...]] = (),
    today: dt.date,
) -> Meeting:
    """A conference of ORG, or a meeting of the cell ORG, with its invited GUESTS (name,
    title as printed, and for a delegate the code of the organization under ORG they
    represent)."""
    require(actor, PLANS, CHANGE, org=org, on=held_on)
    _texts(title=(title, _("Tên hội nghị")), place=(place, _("Địa điểm")),
           chair=(chair, _("Chủ trì")), secretary=(secretary, _("Thư ký")),
           agenda=(agenda, _("Chương trình")))  # fmt: skip
    _date("held_on", held_on, Fact.SCHEDULED, _("Ngày họp"), today)
    if kind not in Meeting.Kind.values:
        raise PlanError({"kind": _("Loại hội nghị không hợp lệ.")})
    if not title.strip():
        raise PlanError({"title": _("Nhập tên hội nghị.")})
    version = _version(org, held_on, "org")
    cell_kind = kind in (Meeting.Kind.CELL_MONTHLY, Meeting.Kind.CELL_THEMATIC)
    if cell_kind and version.kind not in CELL_KINDS:
        raise PlanError({"kind": _("Sinh hoạt chi bộ chỉ ghi cho một chi bộ.")})
    invited = [_invited(version, held_on, number, *guest)
               for number, guest in enumerate(guests, start=1)]  # fmt: skip
    meeting = Meeting.objects.create(
        org=org, kind=kind, held_on=held_on, title=title.strip(), place=place.strip(),
        chair=chair.strip(), secretary=secretary.strip(), agenda=agenda.strip(),
    )  # fmt: skip
    Guest.objects.bulk_create(
        Guest(meeting=meeting, name=name, title=guest_title, org=delegate_of, position=i)
        for i, (name, guest_title, delegate_of) in enumerate(invited, start=1)
    )
    audit_record(actor=actor, action=Event.MEETING_RECORDED, obj=meeting, org=org,
                 data={"on": held_on.isoformat(), "meeting_kind": kind})  # fmt: skip
    return meeting


def _invited(
    host: OrgVersion, on: dt.date, number: int, name: str, title: str, code: str = ""
) -> tuple[str, str, OrgUnit | None]:
    """Line NUMBER of the invited: a guest, or a delegate of the organization CODE, which
    must stand under the HOST on the meeting's date ON."""
    _texts(guests=(f"{name} {title} {code}", _("Khách mời")))
    if not name.strip() or not title.strip():
        raise PlanError(
            {"guests": _("Khách mời dòng %(row)s: ghi họ tên và chức vụ, cách nhau "
                         "bằng dấu |.") % {"row": number}}
        )  # fmt: skip
    if not code.strip():
        return name.strip(), title.strip(), None
    found = (
        OrgVersion.objects.as_of(on)
        .filter(org__code=code.strip().upper(), path__startswith=host.path)
        .exclude(org_id=host.org_id)
        .select_related("org")
        .first()
    )
    if found is None:
        raise PlanError(
            {"guests": _("Khách mời dòng %(row)s: không có tổ chức %(code)s trực thuộc vào "
                         "ngày họp.") % {"row": number, "code": code.strip()}}
        )  # fmt: skip
    return name.strip(), title.strip(), found.org


def _held(meeting: Meeting, today: dt.date) -> None:
    """Attendance and conclusions are recorded once the meeting has been held."""
    if meeting.held_on > today:
        raise PlanError(
            _("Hội nghị họp ngày %(date)s: ghi điểm danh, kết luận từ ngày đó.")
            % {"date": f"{meeting.held_on:%d/%m/%Y}"}
        )


def meeting_members(meeting: Meeting) -> list[Member]:
    """The members of the meeting's cell on its date, by name."""
    rows = Membership.objects.as_of(meeting.held_on).filter(org=meeting.org)
    return list(Member.objects.filter(pk__in=rows.values("member_id")).order_by("full_name", "pk"))


def _check_statuses(statuses: Mapping[int, tuple[str, str]]) -> None:
    for status, reason in statuses.values():
        _texts(attendance=(reason, _("Lý do vắng")))
        if status not in Attendance.Status.values:
            raise PlanError({"attendance": _("Tình hình dự họp không hợp lệ.")})
        if status == Attendance.Status.EXCUSED and not reason.strip():
            raise PlanError({"attendance": _("Vắng có lý do: ghi lý do.")})


def _attendance_recorded(
    actor: User, meeting: Meeting, statuses: Mapping[int, tuple[str, str]]
) -> Meeting:
    """The meeting's next version and the audit entry of an attendance just written."""
    meeting.version += 1
    meeting.save(update_fields=["version"])
    present = sum(1 for status, _r in statuses.values() if status == Attendance.Status.PRESENT)
    audit_record(actor=actor, action=Event.MEETING_ATTENDANCE, obj=meeting, org=meeting.org,
                 data={"present": present})  # fmt: skip
    return meeting


@transaction.atomic
def meeting_attendance(
    *,
    actor: User,
    meeting: Meeting,
    statuses: Mapping[int, tuple[str, str]],
    version: int | None = None,
    today: dt.date,
) -> Meeting:
    """Who of the cell attended MEETING: STATUSES by member id, (status, reason). Every
    member of the cell on the meeting's date is marked; nobody else."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require(actor, PLANS, CHANGE, org=meeting.org, on=meeting.held_on)
    _locked(meeting, version)
    _held(meeting, today)
    members = {m.pk for m in meeting_members(meeting)}
    if set(statuses) != members:
        raise PlanError(
            {"attendance": _("Điểm danh đủ và chỉ những đảng viên sinh hoạt ở chi bộ vào "
                             "ngày họp.")}
        )  # fmt: skip
    _check_statuses(statuses)
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, member_id=member_id, status=status,
                   reason=reason.strip() if status != Attendance.Status.PRESENT else "")
        for member_id, (status, reason) in sorted(statuses.items())
    )  # fmt: skip
    return _attendance_recorded(actor, meeting, statuses)


@transaction.atomic
def meeting_guests_mark(
    *,
    actor: User,
    meeting: Meeting,
    statuses: Mapping[int, tuple[str, str]],
    version: int | None = None,
    today: dt.date,
) -> Meeting:
    """Whether each invited guest and delegate of MEETING came: STATUSES by guest id,
    (status, reason); every one of them is marked."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require(actor, PLANS, CHANGE, org=meeting.org, on=meeting.held_on)
    _locked(meeting, version)
    _held(meeting, today)
    guests = {guest.pk: guest for guest in meeting.guests.all()}
    if set(statuses) != set(guests):
        raise PlanError({"attendance": _("Điểm danh đủ và chỉ những người được mời.")})
    _check_statuses(statuses)
    for pk, (status, reason) in statuses.items():
        guest = guests[pk]
        guest.status = status
        guest.reason = reason.strip() if status != Attendance.Status.PRESENT else ""
    Guest.objects.bulk_update(guests.values(), ["status", "reason"])
    return _attendance_recorded(actor, meeting, statuses)


@transaction.atomic
def meeting_invite(
    *, actor: User, meeting: Meeting, issued_on: dt.date, version: int | None = None,
    today: dt.date,
) -> Meeting:  # fmt: skip
    """Issue MEETING's invitation (giấy mời) on ISSUED_ON: its number is the next "GM" of
    the meeting's organization's register (HD 36-HD/VPTW: numbered by the issuer, per
    kind), taken once."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require(actor, PLANS, CHANGE, org=meeting.org, on=meeting.held_on)
    _locked(meeting, version)
    _date("issued_on", issued_on, Fact.EVENT, _("Ngày giấy mời"), today)
    if meeting.invitation_number:
        raise PlanError(_("Giấy mời đã có số %(number)s.") % {"number": meeting.invitation_number})
    if issued_on > meeting.held_on:
        raise PlanError({"issued_on": _("Giấy mời phát hành chậm nhất vào ngày họp.")})
    if not meeting.guests.exists():
        raise PlanError(_("Hội nghị chưa có khách mời, đại biểu nào để mời."))
    entry = document_register(
        actor=actor, committee=meeting.org, kind=DocumentKind.INVITATION, issued_on=issued_on,
        summary=meeting.title, subject=meeting,
    )  # fmt: skip
    meeting.invitation_number, meeting.invitation_on = entry.number, issued_on
    meeting.version += 1
    meeting.save(update_fields=["invitation_number", "invitation_on", "version"])
    return meeting


@transaction.atomic
def meeting_conclude(
    *,
    actor: User,
    meeting: Meeting,
    conclusions: str,
    tasks: Sequence[str] = (),
    plan: Plan | None = None,
    deadline: dt.date | None = None,
    owner_board: str = "",
    owner_org: OrgUnit | None = None,
    version: int | None = None,
    today: dt.date,
) -> list[Task]:
    """MEETING's conclusions; each of TASKS (lines of them) becomes a task of PLAN with
    DEADLINE and owner, in the same step."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require(actor, PLANS, CHANGE, org=meeting.org, on=meeting.held_on)
    _locked(meeting, version)
    _held(meeting, today)
    _texts(conclusions=(conclusions, _("Kết luận")))
    titles = [line.strip() for line in tasks if line.strip()]
    if titles and (plan is None or deadline is None):
        raise PlanError({"plan": _("Chọn kế hoạch và hạn hoàn thành cho các nhiệm vụ.")})
    meeting.conclusions, meeting.version = conclusions.strip(), meeting.version + 1
    meeting.save(update_fields=["conclusions", "version"])
    audit_record(actor=actor, action=Event.MEETING_CONCLUDED, obj=meeting, org=meeting.org,
                 data={"tasks": len(titles)})  # fmt: skip
    assert plan is not None or not titles
    return [
        task_add(actor=actor, plan=plan, title=title, deadline=deadline, owner_board=owner_board,
                 owner_org=owner_org, meeting=meeting, today=today)
        for title in titles
        if plan is not None and deadline is not None
    ]  # fmt: skip
