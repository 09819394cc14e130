"""Writing plans, tasks and meetings: validated, in the actor's reach, audited."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import TODAY
from dangvu.common.models import AuditEntry
from dangvu.organizations.access import OPERATOR, OutOfScope
from dangvu.plans.models import Attendance, Meeting, Target, Task
from dangvu.plans.rules import TargetStatus, TaskStatus
from dangvu.plans.selectors import target_rows, task_rows, unexcused_by_year
from dangvu.plans.services import (
    PlanError,
    meeting_attendance,
    meeting_conclude,
    meeting_record,
    plan_create,
    target_add,
    target_record,
    task_add,
    task_close,
    task_progress,
)
from dangvu.plans.tests.conftest import World

D = dt.date
pytestmark = pytest.mark.django_db


def test_one_plan_a_year_and_a_parent_above(world: World) -> None:
    with pytest.raises(PlanError) as refused:
        plan_create(actor=OPERATOR, committee=world.tree.committee, year=2021, title="Lại")
    assert "đã có kế hoạch" in refused.value.message_dict["year"][0]
    below = plan_create(actor=OPERATOR, committee=world.tree.grassroots_b, year=2022,
                        title="KH CSB 2022")  # fmt: skip
    with pytest.raises(PlanError) as refused:
        plan_create(actor=OPERATOR, committee=world.tree.committee, year=2022, title="KH",
                    parent=below)  # fmt: skip
    assert "cấp trên" in refused.value.message_dict["parent"][0]


def test_a_secretary_plans_only_in_their_reach(world: World) -> None:
    plan = plan_create(actor=world.bithu, committee=world.tree.grassroots_a, year=2022,
                       title="KH CSA 2022")  # fmt: skip
    assert AuditEntry.objects.filter(object_id=plan.pk, action="plans.plan.created").exists()
    with pytest.raises(OutOfScope):
        plan_create(actor=world.bithu, committee=world.tree.grassroots_b, year=2022, title="X")
    with pytest.raises(OutOfScope):  # the Organization board reads plans, does not write
        target_add(actor=world.tochuc, plan=plan, name="X", kind=Target.Kind.MANUAL,
                   goal=Decimal(1))  # fmt: skip


def test_a_measured_target_needs_a_known_measure_and_takes_no_typed_value(world: World) -> None:
    with pytest.raises(PlanError) as refused:
        target_add(actor=OPERATOR, plan=world.plan, name="X", kind=Target.Kind.MEASURED,
                   measure="made_up", goal=Decimal(1))  # fmt: skip
    assert "measure" in refused.value.message_dict
    target = world.target("admissions")
    with pytest.raises(PlanError):
        target_record(actor=OPERATOR, target=target, value=Decimal(9), on=D(2021, 12, 1),
                      evidence_note="Báo cáo", today=TODAY)  # fmt: skip


def test_a_manual_target_takes_its_value_with_evidence(world: World) -> None:
    target = target_add(actor=OPERATOR, plan=world.plan, name="100% cán bộ học tập nghị quyết",
                        kind=Target.Kind.MANUAL, goal=Decimal(100))  # fmt: skip
    with pytest.raises(PlanError) as refused:
        target_record(actor=OPERATOR, target=target, value=Decimal(100), on=D(2021, 12, 1),
                      evidence_note="", today=TODAY)  # fmt: skip
    assert "minh chứng" in refused.value.message_dict["evidence_note"][0]
    proof = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 proof", content_type="application/pdf")
    target_record(actor=OPERATOR, target=target, value=Decimal(100), on=D(2021, 12, 1),
                  evidence_note="", evidence_file=proof, today=TODAY)  # fmt: skip
    [row] = target_rows(world.plan, D(2021, 11, 30))
    assert row.status == TargetStatus.PENDING  # not recorded yet then
    [row] = target_rows(world.plan, D(2021, 12, 31))
    assert (row.actual, row.status) == (Decimal(100), TargetStatus.MET)


def test_a_task_moves_through_progress_to_its_result(world: World) -> None:
    task = task_add(
        actor=OPERATOR,
        plan=world.plan,
        title="Kiện toàn chi bộ",
        owner_board=Task.Board.ORGANIZATION,
        deadline=D(2021, 6, 30),
        today=TODAY,
    )
    task_progress(actor=OPERATOR, task=task, on=D(2021, 3, 1), percent=40,
                  note="Đã rà soát", today=TODAY)  # fmt: skip
    [row] = task_rows(world.plan, D(2021, 7, 1))
    assert (row.status, row.percent) == (TaskStatus.OVERDUE, 40)
    with pytest.raises(PlanError):
        task_progress(actor=OPERATOR, task=task, on=D(2021, 3, 2), percent=140, note="x",
                      today=TODAY)  # fmt: skip
    task_close(actor=OPERATOR, task=task, result=TaskStatus.EXCEEDED, on=D(2021, 7, 15),
               today=TODAY)  # fmt: skip
    [row] = task_rows(world.plan, D(2021, 12, 31))
    assert (row.status, row.percent) == (TaskStatus.EXCEEDED, 100)
    with pytest.raises(PlanError):
        task_close(actor=OPERATOR, task=task, result=TaskStatus.DONE, on=D(2021, 8, 1),
                   today=TODAY)  # fmt: skip


def test_a_task_has_one_owner_inside_the_plan(world: World) -> None:
    with pytest.raises(PlanError):
        task_add(actor=OPERATOR, plan=world.plan, title="X", deadline=D(2021, 6, 30),
                 today=TODAY)  # fmt: skip
    other = plan_create(actor=OPERATOR, committee=world.tree.grassroots_b, year=2021, title="B")
    with pytest.raises(PlanError) as refused:
        task_add(actor=OPERATOR, plan=other, title="X", deadline=D(2021, 6, 30),
                 owner_org=world.tree.cell_a1, today=TODAY)  # fmt: skip
    assert "trực thuộc" in refused.value.message_dict["owner_org"][0]


def test_a_cell_meeting_marks_every_member_of_the_cell_that_day(world: World) -> None:
    meeting = world.monthly(world.tree.cell_a1, D(2021, 4, 8), chair="Nguyễn Thị An",
                            guests=[("Lê Văn Khách", "Phó Bí thư Đảng ủy cơ sở")])  # fmt: skip
    assert [g.title for g in meeting.guests.all()] == ["Phó Bí thư Đảng ủy cơ sở"]
    with pytest.raises(PlanError) as refused:  # Cường is in CSA-2
        meeting_attendance(actor=OPERATOR, meeting=meeting, today=TODAY, statuses={
            world.ann.pk: ("PRESENT", ""), world.cuong.pk: ("PRESENT", "")})  # fmt: skip
    assert "attendance" in refused.value.message_dict
    with pytest.raises(PlanError):  # an excuse needs its reason
        meeting_attendance(actor=OPERATOR, meeting=meeting, today=TODAY, statuses={
            world.ann.pk: ("PRESENT", ""), world.binh.pk: ("EXCUSED", "")})  # fmt: skip
    meeting_attendance(actor=OPERATOR, meeting=meeting, today=TODAY, statuses={
        world.ann.pk: ("PRESENT", "ghi nhầm"), world.binh.pk: ("ABSENT", "")})  # fmt: skip
    assert Attendance.objects.get(member=world.ann).reason == ""
    assert [(y, n, m.pk) for y, n, m in unexcused_by_year(world.binh.pk)] == [(2021, 1, meeting.pk)]


def test_a_cell_meeting_is_held_by_a_cell(world: World) -> None:
    with pytest.raises(PlanError) as refused:
        meeting_record(actor=OPERATOR, org=world.tree.grassroots_a, held_on=D(2021, 4, 8),
                       kind=Meeting.Kind.CELL_MONTHLY, title="Sinh hoạt", today=TODAY)  # fmt: skip
    assert "chi bộ" in refused.value.message_dict["kind"][0]
    with pytest.raises(OutOfScope):
        meeting_record(actor=world.bithu, org=world.tree.grassroots_b, held_on=D(2021, 4, 8),
                       kind=Meeting.Kind.CELL_MONTHLY, title="Sinh hoạt", today=TODAY)  # fmt: skip


def test_conclusions_become_tasks_in_one_step(world: World) -> None:
    plan = plan_create(actor=OPERATOR, committee=world.tree.committee, year=2022,
                       title="Kế hoạch năm 2022")  # fmt: skip
    meeting = meeting_record(actor=OPERATOR, org=world.tree.committee, held_on=D(2022, 1, 14),
                             kind=Meeting.Kind.YEAR_END, title="Hội nghị tổng kết năm 2021",
                             today=TODAY)  # fmt: skip
    tasks = meeting_conclude(actor=OPERATOR, meeting=meeting, conclusions="Thống nhất 2 nhiệm vụ",
                             tasks=["Nhiệm vụ một", "", "Nhiệm vụ hai"], plan=plan,
                             deadline=D(2022, 12, 31), owner_board=Task.Board.OFFICE,
                             today=TODAY)  # fmt: skip
    assert [t.title for t in tasks] == ["Nhiệm vụ một", "Nhiệm vụ hai"]
    assert {t.meeting_id for t in tasks} == {meeting.pk}
    with pytest.raises(PlanError):  # tasks need their plan and deadline
        meeting_conclude(actor=OPERATOR, meeting=meeting, conclusions="x", tasks=["Ba"],
                         today=TODAY)  # fmt: skip
    assert Task.objects.filter(plan=plan).count() == 2
