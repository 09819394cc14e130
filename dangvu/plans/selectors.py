"""Reads of plans, tasks and meetings, through the one scoping layer (the PLANS right):
each is read where its organization is in the reader's reach. A target's value and status
are computed here, as of the date asked, from its measure."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from dangvu.common import clock
from dangvu.common.rulesets import rules_for
from dangvu.organizations.access import User, member_in_scope, org_filter
from dangvu.organizations.models import Membership, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource
from dangvu.plans.measures import MEASURES
from dangvu.plans.models import Attendance, Meeting, MeetingPaper, Plan, Progress, Target, Task
from dangvu.plans.rules import TargetStatus, TaskStatus, target_status, task_status
from dangvu.plans.rulesets import PLANS


def plans_filter(user: User, field_name: str, action: str = Action.VIEW) -> Q:
    return org_filter(user, clock.today(), resource=Resource.PLANS, action=action,
                      field_name=field_name)  # fmt: skip


def plans_visible_to(user: User) -> QuerySet[Plan]:
    return (
        Plan.objects.filter(plans_filter(user, "committee_id"))
        .select_related("committee")
        .prefetch_related("committee__versions")  # the committee's name on each row
        .order_by("-year", "committee__code", "id")
    )


def plans_visible_on(user: User, on: dt.date) -> QuerySet[Plan]:
    """The plans of the committees USER reached on ON: a past year's report reads the plans
    of that year's committees, dissolved since."""
    scope = org_filter(user, on, resource=Resource.PLANS, field_name="committee_id")
    return Plan.objects.filter(scope).select_related("committee").order_by("-year", "id")


def plan_get_for_user(user: User, pk: int, action: str = Action.VIEW) -> Plan:
    found = Plan.objects.filter(plans_filter(user, "committee_id", action), pk=pk).first()
    if found is None:
        raise Http404
    return found


def task_get_for_user(user: User, pk: int, action: str = Action.VIEW) -> Task:
    found = (
        Task.objects.filter(plans_filter(user, "plan__committee_id", action), pk=pk)
        .select_related("plan", "owner_org", "meeting")
        .first()
    )
    if found is None:
        raise Http404
    return found


def target_get_for_user(user: User, pk: int, action: str = Action.VIEW) -> Target:
    found = (
        Target.objects.filter(plans_filter(user, "plan__committee_id", action), pk=pk)
        .select_related("plan")
        .first()
    )
    if found is None:
        raise Http404
    return found


def progress_get_for_user(user: User, pk: int) -> Progress:
    """A progress update of a task of a plan USER may read; 404 otherwise, as if missing."""
    found = (
        Progress.objects.filter(plans_filter(user, "task__plan__committee_id"), pk=pk)
        .select_related("task")
        .first()
    )
    if found is None:
        raise Http404
    return found


def paper_get_for_user(user: User, pk: int, action: str = Action.VIEW) -> MeetingPaper:
    """A paper, not taken away, of a meeting USER may read (or ACTION); 404 otherwise."""
    found = (
        MeetingPaper.objects.filter(plans_filter(user, "meeting__org_id", action), pk=pk,
                                    removed=False)
        .select_related("meeting")
        .first()
    )  # fmt: skip
    if found is None:
        raise Http404
    return found


def meetings_visible_to(user: User) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(plans_filter(user, "org_id"))
        .select_related("org")
        .prefetch_related("org__versions")  # the organization's name on each row
        .order_by("-held_on", "-id")
    )


def meeting_get_for_user(user: User, pk: int, action: str = Action.VIEW) -> Meeting:
    found = Meeting.objects.filter(plans_filter(user, "org_id", action), pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class TargetRow:
    target: Target
    actual: Decimal | None
    status: TargetStatus
    unit: str

    @property
    def progress(self) -> int:
        """The value as a share of the goal, for the bar (capped at 100)."""
        if self.actual is None or not self.target.goal:
            return 0
        return min(100, int(100 * self.actual / self.target.goal))

    @property
    def measure_label(self) -> str:
        found = MEASURES.get(self.target.measure)
        return str(found.label) if found else ""


def target_rows(plan: Plan, as_of: dt.date) -> list[TargetRow]:
    """PLAN's targets with their values and statuses on AS_OF: a measured one computed
    from the data, a manual one as recorded by then."""
    tolerance = rules_for(PLANS, dt.date(plan.year, 1, 1)).at_risk_tolerance
    rows = []
    for target in plan.targets.order_by("position", "id"):
        measure = MEASURES.get(target.measure) if target.kind == Target.Kind.MEASURED else None
        if measure is not None:
            actual = measure.compute(plan.committee, plan.year, as_of)
            cumulative, unit = measure.cumulative, str(measure.unit)
        else:
            recorded = target.value_on is not None and target.value_on <= as_of
            actual, cumulative, unit = (target.value if recorded else None), False, ""
        status = target_status(actual=actual, goal=target.goal, year=plan.year, as_of=as_of,
                               cumulative=cumulative, tolerance=tolerance)  # fmt: skip
        rows.append(TargetRow(target, actual, status, unit))
    return rows


@dataclass(frozen=True)
class TaskRow:
    task: Task
    status: TaskStatus
    percent: int


def task_rows(plan: Plan, as_of: dt.date) -> list[TaskRow]:
    """PLAN's tasks with their statuses on AS_OF and their latest progress by then."""
    rows = []
    for task in (
        plan.tasks.select_related("owner_org")
        .prefetch_related("updates", "owner_org__versions")
        .order_by("position", "id")
    ):
        updates = [u for u in task.updates.all() if u.on <= as_of]
        latest = max(updates, key=lambda u: (u.on, u.pk)).percent if updates else 0
        status = task_status(result=task.result, deadline=task.deadline, as_of=as_of,
                             closed_on=task.closed_on)  # fmt: skip
        percent = 100 if status in (TaskStatus.DONE, TaskStatus.EXCEEDED) else latest
        rows.append(TaskRow(task, status, percent))
    return rows


def owner_label(task: Task) -> str:
    return task.get_owner_board_display() if task.owner_board else str(task.owner_org)


def plan_as_json(plan: Plan, as_of: dt.date) -> dict[str, Any]:
    """What `dangvu plans show --json` prints."""
    return {
        "year": plan.year,
        "org": plan.committee.code,
        "as_of": as_of.isoformat(),
        "targets": [
            {
                "name": row.target.name,
                "kind": row.target.kind.lower(),
                "measure": row.target.measure or None,
                "target": float(row.target.goal),
                "actual": None if row.actual is None else float(row.actual),
                "status": row.status.value,
            }
            for row in target_rows(plan, as_of)
        ],
        "tasks": [
            {
                "title": row.task.title,
                "owner": owner_label(row.task),
                "deadline": row.task.deadline.isoformat(),
                "status": row.status.value,
            }
            for row in task_rows(plan, as_of)
        ],
    }


def attendance_rows(meeting: Meeting) -> list[Attendance]:
    return list(meeting.attendance.select_related("member").order_by("member__full_name", "pk"))


def unexcused_by_year(member_id: int) -> list[tuple[int, int, Meeting]]:
    """For each year the member missed a cell meeting without reason: the year, in how many
    months, and the last such meeting; what the Charter's removal ground (bỏ sinh hoạt ...
    tháng trong năm) counts."""
    rows = (
        Attendance.objects.filter(member_id=member_id, status=Attendance.Status.ABSENT)
        .select_related("meeting")
        .order_by("meeting__held_on", "pk")
    )
    years: dict[int, tuple[set[int], Meeting]] = {}
    for row in rows:
        held_on = row.meeting.held_on
        months = years.get(held_on.year, (set(), row.meeting))[0]
        months.add(held_on.month)
        years[held_on.year] = (months, row.meeting)
    return [(year, len(months), last) for year, (months, last) in sorted(years.items())]


def parent_plan_for(committee: OrgUnit, year: int) -> Plan | None:
    """The plan of YEAR of the nearest committee above COMMITTEE that has one."""
    version = OrgVersion.objects.as_of(dt.date(year, 12, 31)).filter(org=committee).first()
    if version is None:
        return None
    plans = {p.committee_id: p for p in Plan.objects.filter(year=year)}
    ancestors = (
        OrgVersion.objects.as_of(dt.date(year, 12, 31))
        .filter(org_id__in=list(plans))
        .values_list("org_id", "path")
    )
    found = [(len(path), org_id) for org_id, path in ancestors
             if version.path.startswith(path) and org_id != committee.pk]  # fmt: skip
    return plans[max(found)[1]] if found else None


def plans_for_conclusions(user: User, meeting: Meeting) -> QuerySet[Plan]:
    """The plans a meeting's conclusions may give tasks to: those of its organization, of
    its year and the next, that the user may change."""
    return Plan.objects.filter(
        plans_filter(user, "committee_id", Action.CHANGE),
        committee=meeting.org,
        year__in=[meeting.held_on.year, meeting.held_on.year + 1],
    ).order_by("year", "id")


@dataclass(frozen=True)
class PlanGlance:
    """A plan at a glance on the home page: its targets reached and at risk, its tasks done
    and overdue, as of a date."""

    plan: Plan
    targets: int
    reached: int
    at_risk: int
    tasks: int
    done: int
    overdue: int

    @property
    def reached_percent(self) -> int:
        return 100 * self.reached // self.targets if self.targets else 0

    @property
    def done_percent(self) -> int:
        return 100 * self.done // self.tasks if self.tasks else 0


GLANCE_LIMIT = 10


def plans_glance(*, user: User, as_of: dt.date) -> list[PlanGlance]:
    """The plans of AS_OF's year the user may read (the first ten, by committee), at a
    glance as of AS_OF."""
    found = []
    for plan in plans_visible_to(user).filter(year=as_of.year)[:GLANCE_LIMIT]:
        targets, tasks = target_rows(plan, as_of), task_rows(plan, as_of)
        reached = (TargetStatus.MET, TargetStatus.EXCEEDED)
        finished = (TaskStatus.DONE, TaskStatus.EXCEEDED)
        found.append(PlanGlance(
            plan=plan, targets=len(targets),
            reached=sum(1 for row in targets if row.status in reached),
            at_risk=sum(1 for row in targets if row.status == TargetStatus.AT_RISK),
            tasks=len(tasks), done=sum(1 for row in tasks if row.status in finished),
            overdue=sum(1 for row in tasks if row.status == TaskStatus.OVERDUE),
        ))  # fmt: skip
    return found


def member_meetings(
    *, user: User, member_id: int, today: dt.date
) -> list[tuple[Meeting, Attendance | None]]:
    """The meetings of the cells the member belonged to on each meeting's day, newest
    first, each with the member's attendance (None before the roll is called), for those
    who may see the member's record (the member themselves among them; none for others).
    Three queries whatever the number of meetings."""
    if not member_in_scope(user, Resource.MEMBER, Action.VIEW, member_id, today):
        return []
    periods = Membership.objects.filter(member_id=member_id).values_list(
        "org_id", "valid_from", "valid_to"
    )
    held = Q(pk__in=[])
    for org_id, start, end in periods:
        held |= Q(org_id=org_id, held_on__gte=start) & (
            Q(held_on__lt=end) if end is not None else Q()
        )
    meetings = list(Meeting.objects.filter(held).order_by("-held_on", "-id"))
    attendance = {
        row.meeting_id: row
        for row in Attendance.objects.filter(member_id=member_id, meeting__in=meetings)
    }
    return [(meeting, attendance.get(meeting.pk)) for meeting in meetings]
