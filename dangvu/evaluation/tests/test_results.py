"""Results by level, commendations, progress and the command line, over what the user may see."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conftest import TODAY, MakeUser, Tree
from dangvu.evaluation.models import Rating, Stage
from dangvu.evaluation.rules import DONE, EXCELLENT, GOOD
from dangvu.evaluation.selectors import evaluation_results, round_progress, rounds_visible_to
from dangvu.evaluation.services import (
    EvaluationError,
    commendations_decide,
    ratings_save,
    round_advance,
)
from dangvu.evaluation.tests.conftest import MakeRated, Rated, change
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role


def decide_all(world: Rated) -> None:
    """Members of CSA-1: 2 HTXSNV, 8 HTTNV; the rest HTTNV; CSB HTXSNV, the others HTTNV."""
    while world.fresh().stage != Stage.DECISION:
        round_advance(actor=OPERATOR, round_=world.round, today=TODAY)
    members = world.a1 + world.a2 + world.b
    levels = [EXCELLENT, EXCELLENT] + [GOOD] * 13
    ratings_save(
        actor=OPERATOR,
        round_=world.round,
        changes=[change(world.of(m), level) for m, level in zip(members, levels, strict=True)],
    )
    tree = world.tree
    inner = [change(world.of(tree.cell_a1), GOOD), change(world.of(tree.cell_a2), DONE)]
    ratings_save(actor=OPERATOR, round_=world.round, changes=inner)
    ratings_save(
        actor=OPERATOR,
        round_=world.round,
        changes=[
            change(world.of(tree.grassroots_a), GOOD),
            change(world.of(tree.grassroots_b), GOOD),
        ],
    )


def test_results_count_decided_levels_and_commendations(rated: MakeRated) -> None:
    world = rated(2021)
    decide_all(world)
    round_advance(actor=OPERATOR, round_=world.round, today=TODAY)
    best = [world.of(world.a1[0]).pk, world.of(world.a1[1]).pk]
    with pytest.raises(EvaluationError, match="hoàn thành xuất sắc"):
        commendations_decide(
            actor=OPERATOR,
            round_=world.round,
            decision_number="12-QĐ/ĐU",
            rating_ids=[*best, world.of(world.b[0]).pk],
            decision_date=TODAY,
            today=TODAY,
        )
    commendations_decide(
        actor=OPERATOR,
        round_=world.round,
        rating_ids=best,
        decision_number="12-QĐ/ĐU",
        decision_date=TODAY,
        today=TODAY,
    )
    results = evaluation_results(user=OPERATOR, round_=world.fresh()).as_json()
    assert results == {
        "year": 2021,
        "committee": "DBK",
        "rule_set": "Rules132",
        "organizations": {"rated": 2, "levels": {"HTXSNV": 0, "HTTNV": 2, "HTNV": 0, "KHTNV": 0}},
        "members": {"rated": 15, "levels": {"HTXSNV": 2, "HTTNV": 13, "HTNV": 0, "KHTNV": 0}},
        "commended": {"organizations": 0, "members": 2},
    }
    out = StringIO()
    call_command("evaluation", "results", "--year", "2021", "--org", "DBK", "--json", stdout=out)
    assert json.loads(out.getvalue()) == results


def test_a_secretary_sees_only_their_organizations_figures(
    rated: MakeRated, make_user: MakeUser, tree: Tree
) -> None:
    world = rated(2021)
    decide_all(world)
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_b)
    assert rounds_visible_to(secretary) == [world.round]
    results = evaluation_results(user=secretary, round_=world.fresh())
    assert (results.members.rated, results.organizations.rated) == (3, 1)
    assert [p.label for p in round_progress(user=secretary, round_=world.round)] == [
        "Chi bộ Hội Nông dân tỉnh"
    ]
    assert rounds_visible_to(make_user("dangvien", Role.MEMBER, member=world.b[0])) == []


def test_progress_names_the_late(rated: MakeRated, frozen_clock: object) -> None:
    world = rated(TODAY.year)
    ratings_save(
        actor=OPERATOR, round_=world.round, changes=[change(world.of(m), GOOD) for m in world.b]
    )
    progress = {p.label: p for p in round_progress(user=OPERATOR, round_=world.round)}
    assert progress["Chi bộ Hội Nông dân tỉnh"].percent == 75  # 3 members of 4 ratings
    assert not progress["Đảng bộ Sở Tài chính"].late
    frozen_clock.shift(dt.timedelta(days=30))  # type: ignore[attr-defined]
    late = {p.label for p in round_progress(user=OPERATOR, round_=world.round) if p.late}
    assert late == {"Chi bộ Hội Nông dân tỉnh", "Đảng bộ Sở Tài chính"}


def test_the_command_line_opens_a_round_and_refuses_bad_years(tree: Tree) -> None:
    out = StringIO()
    call_command("evaluation", "round", "open", "--year", "2022", "--org", "DBK", stdout=out)
    assert "Đã mở đợt đánh giá năm 2022 của DBK" in out.getvalue()
    assert Rating.objects.filter(round__year=2022).count() == 4
    for year in ("99999", "2018", "abc"):
        with pytest.raises(CommandError):
            call_command("evaluation", "round", "open", "--year", year, "--org", "DBK")
