"""The demo's inspection, supervision and discipline. `DisciplineChecks` runs inside
`test_demo.DemoStoryTests`, on the demo that class builds once."""

import datetime as dt
import json
from io import StringIO
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from dangvu.demo.builder import BLOC
from dangvu.discipline.models import Appeal, Decision
from dangvu.discipline.rules import Form
from dangvu.evaluation.models import Rating
from dangvu.evaluation.rules import FAILED
from dangvu.members.models import ExitReason
from dangvu.members.selectors import badge_candidates
from dangvu.organizations.access import Operator

if TYPE_CHECKING:
    from django.test import TestCase as _Base
else:
    _Base = object


class DisciplineChecks(_Base):
    def test_2021_figures_in_the_stats_command(self) -> None:
        out = StringIO()
        call_command("stats", "--json", "--as-of", "31/12/2021", stdout=out)
        found = json.loads(out.getvalue())["discipline"]

        self.assertEqual(found["year"], 2021)
        # The appealed cảnh cáo counts as the khiển trách it became on 6/12/2021.
        self.assertEqual(
            found["members"], {"khiển trách": 3, "cảnh cáo": 0, "cách chức": 1, "khai trừ": 1}
        )
        self.assertEqual(found["organizations"]["khiển trách"], 1)
        self.assertEqual(found["inspections"], 21)
        self.assertEqual(found["supervisions"], 22)
        self.assertEqual(Appeal.objects.filter(outcome=Appeal.Outcome.CHANGED).count(), 1)
        text = StringIO()
        call_command("stats", "--as-of", "31/12/2021", stdout=text)
        self.assertIn("21 cuộc kiểm tra, 22 cuộc giám sát", text.getvalue())
        self.assertIn("cách chức 1, khai trừ 1", text.getvalue())

    def test_the_expelled_member_left_the_roll_on_the_decisions_day(self) -> None:
        decision = Decision.objects.get(form=Form.EXPULSION)
        member = decision.subject_member
        assert member is not None
        self.assertEqual(
            (member.exit_reason, member.exit_date), (ExitReason.EXPELLED, decision.decided_on)
        )

    def test_members_disciplined_in_2021_and_2024_are_rated_khtnv(self) -> None:
        for year in (2021, 2024):
            members = (
                Decision.objects.filter(decided_on__year=year, subject_member__isnull=False)
                .exclude(effective_form__in=["", Form.EXPULSION])
                .values_list("subject_member_id", flat=True)
            )
            levels = Rating.objects.filter(
                round__committee__code=BLOC[0], round__year=year, member_id__in=members
            ).values_list("level", flat=True)
            self.assertTrue(levels, year)
            self.assertEqual(set(levels), {FAILED}, year)

    def test_a_recent_reprimand_holds_a_badge_back(self) -> None:
        due = badge_candidates(user=Operator(), occasion=dt.date(2027, 2, 3))
        waiting = [member for member, badge in due if badge.blocked_until is not None]
        self.assertEqual(len(waiting), 1)
        self.assertTrue(
            Decision.objects.filter(
                subject_member=waiting[0], decided_on=dt.date(2026, 10, 15)
            ).exists()
        )

    def test_the_commission_reads_its_cases_and_the_secretary_does_not(self) -> None:
        pages = [reverse("discipline:programs"), reverse("discipline:complaints")]
        for username, status in (
            ("kiemtra", 200),
            ("thuongvu", 200),
            ("bithu", 404),
            ("tochuc", 404),
        ):
            client = Client()
            client.force_login(get_user_model().objects.get(username=username))
            self.assertEqual([client.get(page).status_code for page in pages], [status] * 2)
