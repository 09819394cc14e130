"""The demo's plans and meetings. `PlansChecks` runs inside `test_demo.DemoStoryTests`, on
the demo that class builds once."""

import json
from io import StringIO
from typing import TYPE_CHECKING, Any

from django.core.management import call_command

from dangvu.plans.models import Attendance, Meeting, Target
from dangvu.plans.rules import TaskStatus

if TYPE_CHECKING:
    from django.test import TestCase as _Base
else:
    _Base = object


def _show(*args: str) -> dict[str, Any]:
    out = StringIO()
    call_command("plans", "show", "--org", "DUK", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


class PlansChecks(_Base):
    def test_2021_has_5_measured_targets_all_met_admissions_above_target(self) -> None:
        shown = _show("--year", "2021")  # as of today: the 2021 round closed in 2022
        targets = shown["targets"]
        self.assertEqual(len(targets), 5)
        self.assertTrue(all(t["kind"] == "measured" for t in targets))
        self.assertTrue(all(t["status"] in ("MET", "EXCEEDED") for t in targets), targets)
        [admissions] = [t for t in targets if t["measure"] == "admissions"]
        self.assertGreater(admissions["actual"], admissions["target"])

    def test_the_year_end_conference_set_the_7_tasks_of_2022(self) -> None:
        conference = Meeting.objects.get(kind=Meeting.Kind.YEAR_END)
        self.assertEqual(f"{conference.held_on:%d/%m/%Y}", "14/01/2022")
        titles = list(conference.guests.values_list("title", flat=True))
        self.assertIn("Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh", titles)
        tasks = _show("--year", "2022", "--as-of", "31/12/2022")["tasks"]
        self.assertEqual(len(tasks), 7)
        self.assertEqual(conference.tasks.count(), 7)
        self.assertTrue(all(t["status"] in (TaskStatus.DONE, TaskStatus.EXCEEDED) for t in tasks))

    def test_the_secretarys_cells_met_every_month_of_2021_with_their_members(self) -> None:
        plan = _show("--year", "2021", "--org", "CS077", "--as-of", "31/12/2021")
        self.assertEqual([(t["measure"], t["actual"], t["status"]) for t in plan["targets"]],
                         [("cell_meetings", 100.0, "MET")])  # fmt: skip
        meetings = Meeting.objects.filter(kind=Meeting.Kind.CELL_MONTHLY)
        self.assertEqual(meetings.count() % 12, 0)
        present = Attendance.objects.filter(status=Attendance.Status.PRESENT).count()
        self.assertGreater(present, 0.9 * Attendance.objects.count())
        self.assertFalse(Target.objects.filter(kind=Target.Kind.MANUAL).exists())
