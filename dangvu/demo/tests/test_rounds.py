"""The demo's evaluation rounds. `RoundChecks` runs inside `test_demo.DemoStoryTests`, on
the demo that class builds once: a class of its own would build the demo a second time."""

import json
import re
from io import BytesIO, StringIO
from typing import TYPE_CHECKING, cast

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from python_calamine import CalamineWorkbook

from conftest import TODAY
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.demo.builder import BLOC, GOVERNMENT, SECRETARY_UNIT, demo_users
from dangvu.demo.rounds import COMMENDED_ON, OVERRIDE_2024
from dangvu.evaluation.checking import ratings_check
from dangvu.evaluation.models import Commendation, Rating, Round, Stage
from dangvu.evaluation.rules import EXCELLENT, FAILED
from dangvu.evaluation.rulesets import Rules124, Rules132, Rules366, rules_for_year
from dangvu.evaluation.selectors import evaluation_results
from dangvu.organizations.access import Operator
from dangvu.organizations.models import OrgUnit


def _round(committee: str, year: int) -> Round:
    return Round.objects.get(committee__code=committee, year=year)


# A TestCase for the type checker; a plain class at run time, so nothing collects it alone.
if TYPE_CHECKING:
    from django.test import TestCase as _Base
else:
    _Base = object


GRASSROOTS = "Tổ chức cơ sở đảng"  # the export's name for the TCCSĐ's rows


class RoundChecks(_Base):
    def test_the_2021_round_rates_the_blocs_161_tccsd_17_of_them_htxsnv_and_commended(
        self,
    ) -> None:
        round_ = _round(BLOC[0], 2021)
        grassroots = Rating.objects.filter(
            round=round_, kind=Rating.Kind.ORG, decider=round_.committee
        )
        excellent = set(grassroots.filter(level=EXCELLENT).values_list("pk", flat=True))
        commended = Commendation.objects.filter(rating__round=round_)

        self.assertEqual(grassroots.count(), 161)
        self.assertEqual(grassroots.filter(level="").count(), 0)
        self.assertEqual(len(excellent), 17)
        self.assertEqual(set(commended.values_list("rating_id", flat=True)), excellent)
        self.assertEqual(
            set(commended.values_list("decision_number", "decision_date")),
            {("215-QĐ/ĐUK", COMMENDED_ON)},
        )
        self.assertEqual(
            Rating.objects.filter(round=round_, kind=Rating.Kind.MEMBER).exclude(level="").count(),
            Rating.objects.filter(round=round_, kind=Rating.Kind.MEMBER).count(),
        )

    def test_the_2021_results_and_the_command_agree_with_the_ratings(self) -> None:
        round_ = _round(BLOC[0], 2021)
        results = evaluation_results(user=Operator(), round_=round_).as_json()
        out = StringIO()

        call_command("evaluation", "results", "--year", "2021", "--json", stdout=out)

        self.assertEqual(json.loads(out.getvalue()), json.loads(json.dumps(results)))
        self.assertEqual(results["rule_set"], Rules132.__name__)
        self.assertEqual(results["organizations"]["rated"], 161)  # type: ignore[index]
        self.assertEqual(results["organizations"]["levels"][EXCELLENT], 17)  # type: ignore[index]
        self.assertEqual(results["commended"], {"organizations": 17, "members": 0})

    def test_the_2021_figures_read_the_same_on_the_round_page_and_in_its_export(self) -> None:
        round_ = _round(BLOC[0], 2021)
        demo_users(TODAY)
        client = Client()
        client.force_login(get_user_model().objects.get(username="tochuc"))

        page = client.get(f"/app/evaluation/{round_.pk}/").content.decode()
        row = re.search(r'<tr data-row="organizations">(.*?)</tr>', page, re.DOTALL)
        assert row is not None
        rated, excellent, *_others, commended = re.findall(r"<td>(\d+)</td>", row.group(1))
        export = client.get(f"/app/evaluation/{round_.pk}/ket-qua.xlsx")
        sheet = CalamineWorkbook.from_filelike(BytesIO(export.content)).get_sheet_by_index(0)
        rows = sheet.to_python()
        organizations = {str(r[1]): int(cast(float, r[2])) for r in rows if r[0] == GRASSROOTS}

        self.assertEqual((rated, excellent, commended), ("161", "17", "17"))
        self.assertEqual(sum(organizations.values()), 161)
        self.assertEqual(organizations["Hoàn thành xuất sắc nhiệm vụ"], 17)

    def test_in_2024_a_discipline_caps_members_at_khtnv_and_an_override_keeps_one_htxsnv(
        self,
    ) -> None:
        round_ = _round(BLOC[0], 2024)
        ratings = list(round_.ratings.all())
        check = ratings_check(round_, ratings, changed={r.pk for r in ratings}, stage=round_.stage)
        rules = rules_for_year(2024)
        capped = [r for r in ratings if r.disciplined and not r.self_corrected]
        overridden = [v for v in check.check.violations if v.overridden]
        kept = next(r for r in ratings if r.pk == overridden[0].key)

        self.assertIsInstance(rules, Rules124)
        self.assertTrue(capped)
        for rating in capped:
            self.assertEqual(
                (rating.level, check.check.ceilings[rating.pk].level), (FAILED, FAILED)
            )
            self.assertIn(rules.member_disciplined(), check.check.ceilings[rating.pk].reasons)
        self.assertEqual(len(overridden), 1)
        self.assertEqual((kept.level, kept.override_reason), (EXCELLENT, OVERRIDE_2024))

    def test_the_2025_round_of_a_new_committee_scores_every_rating_within_its_band(
        self,
    ) -> None:
        round_ = _round(GOVERNMENT[0], 2025)
        rules = rules_for_year(2025)
        assert isinstance(rules, Rules366)
        rated = list(round_.ratings.values_list("level", "score"))
        scores = [(level, score) for level, score in rated if score is not None]

        self.assertTrue(len(rated) > 1000)
        self.assertEqual(len(scores), len(rated))
        self.assertEqual([(lv, s) for lv, s in scores if rules.band(s) != lv], [])
        self.assertIn(EXCELLENT, {level for level, _score in scores})

    def test_every_round_is_closed_without_a_blocking_violation_and_audited(self) -> None:
        rounds = list(Round.objects.order_by("year"))
        secretary_steps = {}
        secretary = OrgUnit.objects.get(code=SECRETARY_UNIT)
        for round_ in rounds:
            ratings = list(round_.ratings.all())
            checked = ratings_check(round_, ratings, changed={r.pk for r in ratings},
                                    stage=round_.stage)  # fmt: skip
            self.assertEqual((round_.stage, checked.blocking), (Stage.CLOSED, ()))
            mine = [r for r in ratings if r.unit_id == secretary.pk]
            secretary_steps[round_.year] = (
                all(r.self_level for r in mine),
                all(r.proposed_level for r in mine if r.org_id != r.unit_id or r.member_id),
            )

        self.assertEqual([(r.committee.code, r.year) for r in rounds],
                         [(BLOC[0], 2021), (BLOC[0], 2024), (GOVERNMENT[0], 2025)])  # fmt: skip
        # 2021 records the decisions only; 2024 and 2025 every step in the secretary's TCCSĐ.
        self.assertEqual(
            secretary_steps, {2021: (False, False), 2024: (True, True), 2025: (True, True)}
        )
        rated = AuditEntry.objects.filter(action=Event.EVALUATION_RATED, batch=None)
        self.assertEqual(rated.count(), 7)
