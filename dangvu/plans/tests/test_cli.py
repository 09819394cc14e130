"""`dangvu plans show`: a plan's targets as measured on a date, and its tasks."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from conftest import TODAY
from dangvu.organizations.access import OPERATOR
from dangvu.plans.models import Task
from dangvu.plans.services import task_add
from dangvu.plans.tests.conftest import World

pytestmark = pytest.mark.django_db


def _show(*args: str) -> dict[str, object]:
    out = io.StringIO()
    call_command("plans", "show", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_show_prints_measured_targets_and_tasks_as_json(world: World) -> None:
    world.target("admissions", goal="1")
    world.admit(world.tree.cell_a1, dt.date(2021, 5, 5))
    task_add(actor=OPERATOR, plan=world.plan, title="Sơ kết", owner_board=Task.Board.OFFICE,
             deadline=dt.date(2021, 6, 30), today=TODAY)  # fmt: skip
    shown = _show("--year", "2021", "--org", "DBK", "--as-of", "31/12/2021")
    assert shown["year"] == 2021 and shown["org"] == "DBK"
    assert shown["targets"] == [{"name": "Chỉ tiêu admissions", "kind": "measured",
                                 "measure": "admissions", "target": 1.0, "actual": 1.0,
                                 "status": "MET"}]  # fmt: skip
    assert shown["tasks"] == [{"title": "Sơ kết", "owner": "Văn phòng",
                               "deadline": "2021-06-30", "status": "OVERDUE"}]  # fmt: skip


def test_show_refuses_a_year_without_a_plan_and_one_out_of_reach(world: World) -> None:
    with pytest.raises(CommandError, match="chưa có kế hoạch"):
        _show("--year", "2020", "--org", "DBK")
    with pytest.raises(CommandError, match="ngoài phạm vi"):
        _show("--year", "2021", "--org", "DBK", "--user", "bithu")
