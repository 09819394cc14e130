"""What plans tell other modules, through the registries they keep for the modules above
them: the targets met and tasks done of each TCCSĐ for the evaluation's rules, and the
overdue tasks on the due list. `register` fills those at start-up."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy

from dangvu.evaluation.models import Rating, Round
from dangvu.members.deadlines import Found
from dangvu.organizations.access import User
from dangvu.plans.models import Plan, Task
from dangvu.plans.rules import TargetStatus, TaskStatus
from dangvu.plans.selectors import plans_filter, target_rows, task_rows

MET = (TargetStatus.MET, TargetStatus.EXCEEDED)


def evaluation_facts(round_: Round, ratings: Sequence[Rating]) -> dict[int, dict[str, Any]]:
    """For each organization rated that has a plan of the round's year: its targets met and
    its tasks done and exceeded, as they stood on the round's date. An organization with no
    plan keeps what was entered."""
    org_ratings = {r.org_id: r.pk for r in ratings if r.kind == Rating.Kind.ORG}
    found: dict[int, dict[str, Any]] = {}
    for plan in Plan.objects.filter(year=round_.year, committee_id__in=org_ratings):
        targets = target_rows(plan, round_.as_of)
        tasks = task_rows(plan, round_.as_of)
        found[org_ratings[plan.committee_id]] = {
            "targets_total": len(targets),
            "targets_met": sum(1 for row in targets if row.status in MET),
            "tasks_total": len(tasks),
            "tasks_done": sum(
                1 for row in tasks if row.status in (TaskStatus.DONE, TaskStatus.EXCEEDED)
            ),
            "tasks_exceeded": sum(1 for row in tasks if row.status == TaskStatus.EXCEEDED),
        }
    return found


KINDS = {"PLAN_TASK": gettext_lazy("Nhiệm vụ trọng tâm")}


def tasks_due(user: User, today: dt.date) -> list[Found]:
    """The open tasks of the plans USER may read."""
    tasks = Task.objects.filter(plans_filter(user, "plan__committee_id"), result="")
    return [("PLAN_TASK", task.deadline, task.title[:80], task.get_absolute_url(), False)
            for task in tasks]  # fmt: skip


def register() -> None:
    from dangvu.evaluation.facts import facts_provider_register
    from dangvu.members.deadlines import due_provider_register

    facts_provider_register(evaluation_facts)
    due_provider_register(KINDS, tasks_due)
