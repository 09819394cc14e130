"""What plans feed elsewhere: the evaluation's facts of targets and tasks, and the due list."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from conftest import TODAY
from dangvu.evaluation.facts import subjects
from dangvu.evaluation.models import Rating, Round, Stage
from dangvu.members.deadlines import due_items
from dangvu.organizations.access import OPERATOR
from dangvu.plans.models import Target, Task
from dangvu.plans.rules import TaskStatus
from dangvu.plans.services import (
    meeting_attendance,
    plan_create,
    target_add,
    task_add,
    task_close,
)
from dangvu.plans.tests.conftest import World

D = dt.date
pytestmark = pytest.mark.django_db


def test_a_tccsds_targets_and_tasks_reach_its_rating(world: World) -> None:
    tree = world.tree
    plan = plan_create(actor=OPERATOR, committee=tree.grassroots_a, year=2021, title="KH CSA")
    target_add(actor=OPERATOR, plan=plan, name="Kết nạp", kind=Target.Kind.MEASURED,
               measure="admissions", goal=Decimal(1))  # fmt: skip
    target_add(actor=OPERATOR, plan=plan, name="Tay", kind=Target.Kind.MANUAL, goal=Decimal(1))
    world.admit(tree.cell_a1, D(2021, 4, 4))
    # Done on time, exceeded on time, open, and exceeded after its deadline: a task behind
    # schedule is not done for the 2025 rules ("đúng tiến độ", Quy định 366-QĐ/TW).
    for title, result, on in (("Một", TaskStatus.EXCEEDED, D(2021, 10, 1)),
                              ("Hai", TaskStatus.DONE, D(2021, 11, 1)), ("Ba", "", None),
                              ("Bốn", TaskStatus.EXCEEDED, D(2021, 11, 2))):  # fmt: skip
        task = task_add(actor=OPERATOR, plan=plan, title=title, owner_board=Task.Board.OFFICE,
                        deadline=D(2021, 11, 1), today=TODAY)  # fmt: skip
        if on is not None:
            task_close(actor=OPERATOR, task=task, result=result, on=on, today=TODAY)
    round_ = Round.objects.create(
        committee=tree.committee, year=2021, as_of=D(2021, 11, 30), opened_on=D(2021, 12, 1),
        self_due=D(2021, 12, 10), proposal_due=D(2021, 12, 20), decision_due=D(2022, 1, 10),
        stage=Stage.SELF,
    )  # fmt: skip
    rating = Rating.objects.create(
        round=round_,
        kind=Rating.Kind.ORG,
        org=tree.grassroots_a,
        parent=tree.committee,
        unit=tree.grassroots_a,
        decider=tree.committee,
        label="CSA",
        targets_total=9,
    )
    [subject] = subjects(round_, [rating], Stage.SELF)
    facts = subject.facts
    assert (facts.targets_total, facts.targets_met) == (2, 1)
    assert (facts.tasks_total, facts.tasks_done, facts.tasks_exceeded) == (4, 2, 1)


def test_open_tasks_are_on_the_due_list_of_those_who_read_the_plan(world: World) -> None:
    task_add(
        actor=OPERATOR,
        plan=world.plan,
        title="Sơ kết 6 tháng",
        owner_board=Task.Board.OFFICE,
        deadline=TODAY - dt.timedelta(days=3),
        today=TODAY,
    )
    found = [item for item in due_items(user=world.vanphong, today=TODAY)
             if item.kind == "PLAN_TASK"]  # fmt: skip
    assert [(item.name, item.bucket) for item in found] == [("Sơ kết 6 tháng", "OVERDUE")]
    assert not [item for item in due_items(user=world.bithu, today=TODAY)
                if item.kind == "PLAN_TASK"]  # fmt: skip


def test_a_plan_without_tasks_leaves_the_entered_task_facts(world: World) -> None:
    tree = world.tree
    plan_create(actor=OPERATOR, committee=tree.grassroots_b, year=2021, title="KH CSB")
    round_ = Round.objects.create(
        committee=tree.committee, year=2021, as_of=D(2021, 11, 30), opened_on=D(2021, 12, 1),
        self_due=D(2021, 12, 10), proposal_due=D(2021, 12, 20), decision_due=D(2022, 1, 10),
    )  # fmt: skip
    rating = Rating.objects.create(round=round_, kind=Rating.Kind.ORG, org=tree.grassroots_b,
                                   parent=tree.committee, unit=tree.grassroots_b,
                                   decider=tree.committee, label="CSB", tasks_total=5,
                                   tasks_done=5, tasks_exceeded=2)  # fmt: skip
    [subject] = subjects(round_, [rating], Stage.SELF)
    assert (subject.facts.tasks_total, subject.facts.tasks_exceeded) == (5, 2)


def test_unexcused_absences_show_on_the_members_record(world: World, client: Client) -> None:
    meeting = world.monthly(world.tree.cell_a1, D(2021, 4, 8))
    meeting_attendance(actor=OPERATOR, meeting=meeting, today=TODAY, statuses={
        world.ann.pk: ("ABSENT", ""), world.binh.pk: ("PRESENT", "")})  # fmt: skip
    client.force_login(world.dangvien)  # Ann herself, who reads no meeting
    page = client.get(reverse("members:detail", args=[world.ann.pk])).content.decode()
    assert "không có lý do 1 tháng trong năm 2021" in page
    assert meeting.get_absolute_url() not in page
    client.force_login(world.bithu)
    page = client.get(reverse("members:detail", args=[world.ann.pk])).content.decode()
    assert meeting.get_absolute_url() in page
