"""A round from opening to closing: who is rated, who may write what at each step, the year's
rules refusing what breaks them unless overridden with a reason, and the audit trail."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.evaluation.models import Rating, Round, Stage
from dangvu.evaluation.rules import DONE, EXCELLENT, FAILED, GOOD
from dangvu.evaluation.services import (
    EvaluationError,
    RatingChange,
    RatingsRefused,
    ratings_save,
    round_advance,
    round_open,
    round_reopen,
)
from dangvu.evaluation.tests.conftest import MakeRated, advance_to, change
from dangvu.organizations.access import OPERATOR, OutOfScope
from dangvu.organizations.roles import Role


def test_a_round_rates_every_tccsd_the_organizations_inside_and_their_members(
    rated: MakeRated, tree: Tree
) -> None:
    world = rated(2021)
    ratings = Rating.objects.filter(round=world.round)
    assert ratings.filter(kind=Rating.Kind.MEMBER).count() == 15
    orgs = {r.org.code: r for r in ratings.filter(kind=Rating.Kind.ORG).select_related("org")}
    assert set(orgs) == {"CSA", "CSA-1", "CSA-2", "CSB"}
    assert orgs["CSA"].decider_id == tree.committee.pk  # the committee decides a TCCSĐ
    assert orgs["CSA-1"].decider_id == tree.grassroots_a.pk  # the TCCSĐ its cells
    member = world.of(world.a1[0])
    assert (member.parent_id, member.unit_id, member.decider_id) == (
        tree.cell_a1.pk,
        tree.grassroots_a.pk,
        tree.grassroots_a.pk,
    )
    assert world.round.as_of == dt.date(2021, 12, 31)
    entry = AuditEntry.objects.get(action=Event.EVALUATION_OPENED)
    assert entry.data["members"] == 15 and entry.data["organizations"] == 4


@pytest.mark.parametrize(
    ("year", "words"),
    [(2018, "31/12/2018"), (TODAY.year + 1, "năm nay"), (9999, "năm nay")],
)
def test_a_year_without_rules_or_still_to_come_is_refused(
    tree: Tree, year: int, words: str
) -> None:
    with pytest.raises(EvaluationError, match=words):
        round_open(actor=OPERATOR, committee=tree.committee, year=year, today=TODAY)
    assert not Round.objects.exists()


def test_only_an_upper_committee_holds_a_round_and_only_one_a_year(
    rated: MakeRated, tree: Tree
) -> None:
    with pytest.raises(EvaluationError, match="cấp trên cơ sở"):
        round_open(actor=OPERATOR, committee=tree.grassroots_a, year=2021, today=TODAY)
    rated(2021)
    with pytest.raises(EvaluationError, match="đã có"):
        round_open(actor=OPERATOR, committee=tree.committee, year=2021, today=TODAY)


def test_self_assessments_are_recorded_as_given(rated: MakeRated) -> None:
    world = rated(2021)
    ratings_save(
        actor=OPERATOR,
        round_=world.round,
        changes=[change(world.of(m), EXCELLENT) for m in world.a1],
    )
    assert {world.of(m).self_level for m in world.a1} == {EXCELLENT}
    assert not world.of(world.a1[0]).proposed_level


def test_a_proposal_over_the_quota_is_refused_whole_unless_overridden(
    rated: MakeRated, make_user: MakeUser, tree: Tree
) -> None:
    world = rated(2021)
    advance_to(world, Stage.PROPOSAL)
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    # CSA's members: 2 HTXSNV for 9 HTTNV → a fifth of 9 is 1.
    levels = [EXCELLENT, EXCELLENT] + [GOOD] * 8
    changes = [change(world.of(m), level) for m, level in zip(world.a1, levels, strict=True)]
    changes.append(change(world.of(world.a2[0]), GOOD))
    with pytest.raises(RatingsRefused) as refused:
        ratings_save(actor=secretary, round_=world.round, changes=changes)
    assert "vượt tỷ lệ tối đa 20%" in refused.value.problems[None][0]
    assert "Đảng bộ Sở Tài chính" in refused.value.problems[None][0]
    assert not Rating.objects.exclude(proposed_level="").exists()
    changes[1] = change(world.of(world.a1[1]), EXCELLENT, override_reason="Gương sáng của năm")
    ratings_save(actor=secretary, round_=world.round, changes=changes)
    assert world.of(world.a1[1]).proposed_level == EXCELLENT
    entry = AuditEntry.objects.get(action=Event.EVALUATION_RATED, batch=None)
    rows = AuditEntry.objects.filter(batch=entry)
    assert rows.count() == 11
    assert rows.get(object_id=world.of(world.a1[0]).pk).changes["proposed_level"] == ["", EXCELLENT]


def test_each_step_is_written_by_its_own_level(
    rated: MakeRated, make_user: MakeUser, tree: Tree
) -> None:
    world = rated(2021)
    cell_b = make_user("bithu_b", Role.SECRETARY, tree.grassroots_b)
    grassroots_a = make_user("bithu_a", Role.SECRETARY, tree.grassroots_a)
    with pytest.raises(OutOfScope):  # another TCCSĐ's member
        ratings_save(
            actor=cell_b, round_=world.round, changes=[change(world.of(world.a1[0]), GOOD)]
        )
    advance_to(world, Stage.DECISION)
    # A TCCSĐ decides its members, never its own rating: the committee does.
    ratings_save(
        actor=grassroots_a, round_=world.round, changes=[change(world.of(world.a1[0]), GOOD)]
    )
    with pytest.raises(OutOfScope):
        ratings_save(
            actor=grassroots_a,
            round_=world.round,
            changes=[change(world.of(tree.grassroots_a), GOOD)],
        )
    assert not world.of(tree.grassroots_a).level


def test_a_disciplined_member_is_khtnv_under_124_unless_they_fixed_it_themselves(
    rated: MakeRated,
) -> None:
    world = rated(2023)
    advance_to(world, Stage.DECISION)
    rating = world.of(world.b[0])
    with pytest.raises(RatingsRefused, match="Quy định 124-QĐ/TW"):
        ratings_save(
            actor=OPERATOR,
            round_=world.round,
            changes=[change(rating, GOOD, facts={"disciplined": True})],
        )
    ratings_save(
        actor=OPERATOR,
        round_=world.round,
        changes=[change(rating, GOOD, facts={"disciplined": True, "self_corrected": True})],
    )
    assert world.of(world.b[0]).level == GOOD


def test_366_scores_and_other_years_do_not(rated: MakeRated) -> None:
    world = rated(2025)
    advance_to(world, Stage.DECISION)
    rating = world.of(world.b[0])
    with pytest.raises(RatingsRefused, match="cần nhập điểm"):
        ratings_save(actor=OPERATOR, round_=world.round, changes=[change(rating, GOOD)])
    with pytest.raises(RatingsRefused, match=r"85\.0 điểm chỉ đạt mức HTTNV"):
        ratings_save(
            actor=OPERATOR,
            round_=world.round,
            changes=[change(rating, EXCELLENT, score=Decimal(85))],
        )
    ratings_save(
        actor=OPERATOR, round_=world.round, changes=[change(rating, DONE, score=Decimal("65.5"))]
    )
    assert world.of(world.b[0]).score == Decimal("65.5")
    with pytest.raises(EvaluationError, match="từ 0 đến 100"):
        ratings_save(
            actor=OPERATOR, round_=world.round, changes=[change(rating, DONE, score=Decimal(101))]
        )


def test_facts_are_checked(rated: MakeRated) -> None:
    world = rated(2023)
    rating = world.of(world.tree.grassroots_a)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"targets_met": 3}, "không thể lớn hơn"),
        ({"targets_total": -1}, "không hợp lệ"),
        ({"disciplined": "có"}, "không hợp lệ"),
        ({"password": 1}, "Không có thông tin"),
    ]
    for facts, words in cases:
        with pytest.raises(EvaluationError, match=words):
            ratings_save(
                actor=OPERATOR,
                round_=world.round,
                changes=[RatingChange(rating.pk, GOOD, facts=facts)],
            )


def test_closing_needs_every_decision_and_a_closed_round_is_read_only(
    rated: MakeRated, tree: Tree
) -> None:
    world = rated(2021)
    advance_to(world, Stage.DECISION)
    with pytest.raises(EvaluationError, match="chưa có quyết định"):
        round_advance(actor=OPERATOR, round_=world.round, today=TODAY)
    ratings = list(Rating.objects.filter(round=world.round, kind=Rating.Kind.MEMBER))
    ratings_save(actor=OPERATOR, round_=world.round, changes=[change(r, GOOD) for r in ratings])
    orgs = list(Rating.objects.filter(round=world.round, kind=Rating.Kind.ORG))
    ratings_save(actor=OPERATOR, round_=world.round, changes=[change(r, DONE) for r in orgs])
    closed = round_advance(actor=OPERATOR, round_=world.round, today=TODAY)
    assert (closed.stage, closed.closed_on) == (Stage.CLOSED, TODAY)
    with pytest.raises(EvaluationError, match="chỉ xem"):
        ratings_save(actor=OPERATOR, round_=world.round, changes=[change(ratings[0], FAILED)])
    with pytest.raises(EvaluationError, match="lý do"):
        round_reopen(actor=OPERATOR, round_=world.round, reason="  ")
    reopened = round_reopen(actor=OPERATOR, round_=world.round, reason="Bổ sung kết luận kiểm tra")
    assert reopened.stage == Stage.DECISION
    entry = AuditEntry.objects.get(action=Event.EVALUATION_REOPENED)
    assert entry.reason == "Bổ sung kết luận kiểm tra"


def test_advancing_is_the_committees_decision(
    rated: MakeRated, make_user: MakeUser, tree: Tree
) -> None:
    world = rated(2021)
    with pytest.raises(OutOfScope):
        round_advance(
            actor=make_user("bithu", Role.SECRETARY, tree.grassroots_a),
            round_=world.round,
            today=TODAY,
        )
    board = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    assert round_advance(actor=board, round_=world.round, today=TODAY).stage == Stage.PROPOSAL


@pytest.mark.parametrize(("members", "refused"), [(GOOD, False), (FAILED, True)])
def test_a_save_of_a_cell_with_its_members_checks_the_cell_against_their_new_levels(
    rated: MakeRated, tree: Tree, members: str, refused: bool
) -> None:
    world = rated(2021)
    advance_to(world, Stage.PROPOSAL)
    changes = [change(world.of(m), members) for m in world.b]
    changes.append(change(world.of(tree.grassroots_b), EXCELLENT))
    with override_settings(RULE_SETTINGS={"Rules132": {"org_quota": False}}):
        if refused:
            with pytest.raises(RatingsRefused, match="100%"):
                ratings_save(actor=OPERATOR, round_=world.round, changes=changes)
        else:
            ratings_save(actor=OPERATOR, round_=world.round, changes=changes)
    assert bool(world.of(tree.grassroots_b).proposed_level) is not refused


def test_a_save_costs_the_same_queries_for_one_rating_or_the_whole_round(
    rated: MakeRated,
) -> None:
    """The demo saves a whole round's decisions in one call: no query per rating."""
    world = rated(2021)
    advance_to(world, Stage.DECISION)
    every = list(Rating.objects.filter(round=world.round).order_by("pk"))
    assert len(every) > 15

    counts = []
    for ratings in ([every[0], every[-1]], every):  # an organization and a member; all
        with CaptureQueriesContext(connection) as queries:
            ratings_save(
                actor=OPERATOR, round_=world.round, changes=[change(r, DONE) for r in ratings]
            )
        counts.append(len(queries.captured_queries))

    assert counts[0] == counts[1]
    assert Rating.objects.filter(round=world.round, level=DONE).count() == len(every)


def test_opening_a_round_costs_the_same_queries_whatever_its_size(
    tree: Tree, add_member: AddMember
) -> None:
    counts = []
    for year, size in ((2021, 1), (2022, 40)):
        for number in range(size):
            add_member(tree.cell_a1, full_name=f"Phạm Văn D{year}{number}")
        with CaptureQueriesContext(connection) as queries:
            round_open(
                actor=OPERATOR, committee=tree.committee, year=year, today=TODAY,
                as_of=dt.date(year, 12, 31),
            )  # fmt: skip
        counts.append(len(queries.captured_queries))

    assert counts[0] == counts[1]
    assert Rating.objects.filter(round__year=2022, kind=Rating.Kind.MEMBER).count() == 41


def test_clearing_a_score_stores_no_score(rated: MakeRated) -> None:
    world = rated(2025)
    advance_to(world, Stage.DECISION)
    rating = world.of(world.b[0])
    ratings_save(
        actor=OPERATOR, round_=world.round, changes=[change(rating, DONE, score=Decimal("65.5"))]
    )

    ratings_save(actor=OPERATOR, round_=world.round, changes=[RatingChange(rating.pk)])

    cleared = world.of(world.b[0])
    assert (cleared.level, cleared.score, cleared.version) == ("", None, 3)
