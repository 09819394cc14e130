"""What plans tell other modules, through the registries they keep for the modules above
them: the targets met and tasks done of each TCCSĐ for the evaluation's rules, the open
tasks on the due list, and a member's unexcused absences on their record (what the removal
ground "bỏ sinh hoạt … tháng trong năm" counts). `register` fills those at start-up."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.evaluation.models import Rating, Round
from dangvu.members.deadlines import Found
from dangvu.members.models import Member
from dangvu.organizations.access import User, org_in_scope
from dangvu.organizations.roles import Action, Resource
from dangvu.plans.models import Plan, Task
from dangvu.plans.rules import TargetStatus, TaskStatus, done_on_time
from dangvu.plans.selectors import plans_filter, target_rows, task_rows, unexcused_by_year

MET = (TargetStatus.MET, TargetStatus.EXCEEDED)


def evaluation_facts(round_: Round, ratings: Sequence[Rating]) -> dict[int, dict[str, Any]]:
    """For each organization rated that has a plan of the round's year: its targets met and
    its tasks done and exceeded on time (`rules.done_on_time`), as they stood on the round's
    date. An organization with no plan keeps what was entered; a member's own tasks are not
    a plan's (plans' tasks belong to boards and organizations), so members keep theirs."""
    org_ratings = {r.org_id: r.pk for r in ratings if r.kind == Rating.Kind.ORG}
    found: dict[int, dict[str, Any]] = {}
    for plan in Plan.objects.filter(year=round_.year, committee_id__in=org_ratings):
        facts: dict[str, Any] = {}
        # A plan without targets (or tasks) leaves what was entered for them.
        if targets := target_rows(plan, round_.as_of):
            facts["targets_total"] = len(targets)
            facts["targets_met"] = sum(1 for row in targets if row.status in MET)
        if tasks := task_rows(plan, round_.as_of):
            done = [row for row in tasks
                    if done_on_time(row.status, row.task.deadline, row.task.closed_on)]  # fmt: skip
            facts["tasks_total"] = len(tasks)
            facts["tasks_done"] = len(done)
            facts["tasks_exceeded"] = sum(1 for row in done if row.status == TaskStatus.EXCEEDED)
        if facts:
            found[org_ratings[plan.committee_id]] = facts
    return found


KINDS = {"PLAN_TASK": gettext_lazy("Nhiệm vụ trọng tâm")}


def tasks_due(user: User, today: dt.date) -> list[Found]:
    """The open tasks of the plans USER may read."""
    tasks = Task.objects.filter(plans_filter(user, "plan__committee_id"), result="")
    tasks = tasks.select_related("plan")
    return [("PLAN_TASK", task.deadline, task.title[:80], task.get_absolute_url(), False,
             task.owner_org_id or task.plan.committee_id) for task in tasks]  # fmt: skip


def absence_lines(user: User, member: Member) -> list[tuple[dt.date, str, str]]:
    """For each year MEMBER missed cell meetings without reason: in how many months, dated
    by the last such meeting, linked to it for those who read the cell's meetings."""
    found = []
    for year, months, last in unexcused_by_year(member.pk):
        url = last.get_absolute_url() if org_in_scope(
            user, Resource.PLANS, Action.VIEW, last.org_id, last.held_on) else ""  # fmt: skip
        text = _("Vắng sinh hoạt chi bộ không có lý do %(months)s tháng trong năm %(year)s") % {
            "months": months, "year": year}  # fmt: skip
        found.append((last.held_on, text, url))
    return found


def register() -> None:
    from dangvu.evaluation.facts import facts_provider_register
    from dangvu.members.deadlines import due_provider_register
    from dangvu.members.hooks import record_reader_register

    facts_provider_register(evaluation_facts)
    due_provider_register(KINDS, tasks_due)
    record_reader_register(absence_lines)
