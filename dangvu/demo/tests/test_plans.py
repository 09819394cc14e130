"""The demo's plans and meetings. `PlansChecks` runs inside `test_demo.DemoStoryTests`, on
the demo that class builds once."""

import datetime as dt
import json
from io import StringIO
from typing import TYPE_CHECKING, Any

from django.core.management import call_command

from dangvu.common import clock
from dangvu.demo.plans import DELEGATES, MORE_UNITS, PlansBuilder
from dangvu.organizations.models import OrgUnit
from dangvu.plans.measures import MEASURES
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
        # Invited by a numbered invitation; its delegates of TCCSĐ and guests marked.
        self.assertRegex(conference.invitation_number, r"^\d+-GM/")
        self.assertEqual(conference.guests.exclude(org=None).count(), DELEGATES)
        self.assertFalse(conference.guests.filter(status="").exists())
        tasks = _show("--year", "2022", "--as-of", "31/12/2022")["tasks"]
        self.assertEqual(len(tasks), 7)
        self.assertEqual(conference.tasks.count(), 7)
        self.assertTrue(all(t["status"] in (TaskStatus.DONE, TaskStatus.EXCEEDED) for t in tasks))

    def test_the_secretarys_cells_met_every_month_of_2021_with_their_members(self) -> None:
        plan = _show("--year", "2021", "--org", "CS077", "--as-of", "31/12/2021")
        self.assertEqual([(t["measure"], t["actual"], t["status"]) for t in plan["targets"]],
                         [("cell_meetings", 100.0, "MET")])  # fmt: skip
        present = Attendance.objects.filter(status=Attendance.Status.PRESENT).count()
        self.assertGreater(present, 0.9 * Attendance.objects.count())
        self.assertFalse(Target.objects.filter(kind=Target.Kind.MANUAL).exists())

    def test_every_cell_met_monthly_in_2021_and_several_this_year(self) -> None:
        today = clock.today()
        builder = PlansBuilder(seed=2020, bloc="DUK", unit="CS077", today=today)
        every = [v.org for v in builder._tccsd(dt.date(2021, 6, 1)) if v.org.code != "CS077"]
        self.assertEqual(len(every), 160)
        # The Bloc's own figure: the share of its cells that held their monthly meetings.
        bloc = OrgUnit.objects.get(code="DUK")
        bloc_share = MEASURES["cell_meetings"].compute(bloc, 2021, dt.date(2021, 12, 31))
        assert bloc_share is not None
        self.assertGreaterEqual(bloc_share, 95)
        several = builder._more_units(dt.date(today.year, 6, 1))
        for year, on, units in ((2021, dt.date(2021, 12, 31), every),
                                (today.year, today, several)):  # fmt: skip
            if on.month == 1:
                continue  # no month of the year has ended yet
            for unit in units[:: max(1, len(units) // MORE_UNITS)]:
                # Every cell of the TCCSĐ met in (nearly) every month ended: a cell founded
                # during the year is counted for the months before it too.
                share = MEASURES["cell_meetings"].compute(unit, year, on)
                assert share is not None
                self.assertGreaterEqual(share, 90, (unit.code, year))
            held = Attendance.objects.filter(meeting__held_on__year=year,
                                             meeting__org__versions__parent__in=units)  # fmt: skip
            self.assertTrue(held.filter(status=Attendance.Status.EXCUSED).exists())
