"""Each measure on a small known dataset: the value comes from the records, as of a date,
for the plan's committee's subtree; nobody types it."""

import datetime as dt
from decimal import Decimal

import pytest

from conftest import TODAY
from dangvu.discipline.models import Check, Program
from dangvu.discipline.services import check_record, program_create
from dangvu.dues.rules import Category
from dangvu.dues.services import Collected, dues_basis_set, dues_collect
from dangvu.evaluation.models import Level, Rating, Round, Stage
from dangvu.members.models import Member
from dangvu.organizations.access import OPERATOR
from dangvu.plans.measures import MEASURES
from dangvu.plans.models import Plan
from dangvu.plans.rules import TargetStatus
from dangvu.plans.selectors import target_rows
from dangvu.plans.services import plan_create
from dangvu.plans.tests.conftest import World

D = dt.date
pytestmark = pytest.mark.django_db


def value(key: str, world: World, as_of: dt.date, committee: object = None) -> Decimal | None:
    return MEASURES[key].compute(committee or world.tree.committee, 2021, as_of)  # type: ignore[arg-type]


def test_one_more_admission_moves_the_admissions_target(world: World) -> None:
    world.target("admissions", goal="2")
    world.admit(world.tree.cell_a1, D(2021, 3, 1), "Phạm Văn Một")
    world.admit(world.tree.cell_a2, D(2020, 12, 30), "Phạm Văn Cũ")  # the year before
    [row] = target_rows(world.plan, D(2021, 12, 31))
    assert (row.actual, row.status) == (Decimal(1), TargetStatus.MISSED)
    world.admit(world.tree.grassroots_b, D(2021, 9, 9), "Phạm Văn Hai")
    [row] = target_rows(world.plan, D(2021, 12, 31))
    assert (row.actual, row.status) == (Decimal(2), TargetStatus.MET)
    assert value("admissions", world, D(2021, 6, 30)) == 1  # as of mid-year
    assert value("admissions", world, D(2021, 12, 31), world.tree.grassroots_a) == 1


def _round(world: World, closed_on: dt.date | None) -> Round:
    tree = world.tree
    round_ = Round.objects.create(
        committee=tree.committee, year=2021, as_of=D(2021, 11, 30), opened_on=D(2021, 12, 1),
        self_due=D(2021, 12, 10), proposal_due=D(2021, 12, 20), decision_due=D(2022, 1, 10),
        stage=Stage.CLOSED if closed_on else Stage.DECISION, closed_on=closed_on,
    )  # fmt: skip
    org = Rating.Kind.ORG
    for unit, level in ((tree.grassroots_a, Level.GOOD), (tree.grassroots_b, Level.DONE)):
        Rating.objects.create(round=round_, kind=org, org=unit, parent=tree.committee, unit=unit,
                              decider=tree.committee, label=unit.code, level=level)  # fmt: skip
    # A cell inside CSA: decided by CSA, not counted among the TCCSĐ.
    Rating.objects.create(round=round_, kind=org, org=tree.cell_a1, parent=tree.grassroots_a,
                          unit=tree.grassroots_a, decider=tree.grassroots_a, label="CSA-1",
                          level=Level.FAILED)  # fmt: skip
    for member, level in ((world.ann, Level.EXCELLENT), (world.binh, Level.DONE),
                          (world.cuong, Level.GOOD)):  # fmt: skip
        Rating.objects.create(
            round=round_,
            kind=Rating.Kind.MEMBER,
            org=tree.cell_a1,
            member=member,
            parent=tree.cell_a1,
            unit=tree.grassroots_a,
            decider=tree.grassroots_a,
            label=member.full_name,
            level=level,
        )
    return round_


def test_shares_rated_good_or_better_count_decided_levels_once_the_round_closes(
    world: World,
) -> None:
    _round(world, closed_on=D(2022, 1, 12))
    assert value("tccsd_good", world, D(2022, 1, 11)) is None  # not decided yet
    assert value("tccsd_good", world, D(2022, 1, 12)) == Decimal("50.0")
    assert value("members_good", world, D(2022, 1, 12)) == Decimal("66.7")
    assert value("tccsd_good", world, D(2022, 1, 12), world.tree.grassroots_a) == 100


def test_inspections_and_supervisions_carried_out(world: World) -> None:
    program = program_create(
        actor=OPERATOR,
        committee=world.tree.committee,
        holder=Program.Holder.COMMISSION,
        year=2021,
        title="CT 2021",
    )
    for activity, start in ((Check.Activity.INSPECTION, D(2021, 4, 1)),
                            (Check.Activity.INSPECTION, D(2021, 10, 1)),
                            (Check.Activity.SUPERVISION, D(2021, 5, 1))):  # fmt: skip
        check_record(actor=OPERATOR, program=program, activity=activity,
                     kind=Check.Kind.REGULAR, starts_on=start, ends_on=start,
                     subject_org=world.tree.grassroots_a, today=TODAY)  # fmt: skip
    assert value("inspections", world, D(2021, 12, 31)) == 2
    assert value("inspections", world, D(2021, 6, 30)) == 1
    assert value("supervisions", world, D(2022, 3, 1)) == 1  # the year's, after it
    assert value("inspections", world, D(2021, 12, 31), world.tree.grassroots_b) == 0


def test_share_of_cells_holding_their_monthly_meetings(world: World) -> None:
    tree = world.tree
    # Three cells: CSA-1 every month to March, CSA-2 in January only, CSB none.
    for month in (1, 2, 3):
        world.monthly(tree.cell_a1, D(2021, month, 10))
    world.monthly(tree.cell_a2, D(2021, 1, 12))
    assert value("cell_meetings", world, D(2021, 3, 31)) == Decimal("44.4")  # 4 of 9
    assert value("cell_meetings", world, D(2021, 3, 30)) == Decimal("50.0")  # 3 of 6
    assert value("cell_meetings", world, D(2021, 1, 15)) is None  # no month ended yet
    assert value("cell_meetings", world, D(2021, 3, 31), tree.grassroots_a) == Decimal("66.7")


def test_a_plan_of_a_tccsd_measures_its_own_subtree(world: World) -> None:
    plan = plan_create(actor=OPERATOR, committee=world.tree.grassroots_a, year=2021,
                       title="Kế hoạch CSA", parent=world.plan)  # fmt: skip
    world.target("admissions", goal="1", plan=plan)
    world.admit(world.tree.cell_a2, D(2021, 5, 5))
    [row] = target_rows(Plan.objects.get(pk=plan.pk), D(2021, 12, 31))
    assert row.status == TargetStatus.MET


def test_dues_collected_against_dues_owed_reads_the_ledger(world: World) -> None:
    # CSA-1's two members owe 1% of 10,000,000 a month under Quy định 342 from January 2025.
    for member in (world.ann, world.binh):
        dues_basis_set(actor=OPERATOR, member=member, month=D(2025, 1, 1),
                       category=Category.SALARY_STATE, income=10_000_000, today=TODAY)  # fmt: skip

    def pay(month: int, *members: Member) -> None:
        dues_collect(actor=OPERATOR, cell=world.tree.cell_a1, month=D(2025, month, 1),
                     today=TODAY, payments=[Collected(m, 100_000, D(2025, month, 5))
                                            for m in members])  # fmt: skip

    pay(1, world.ann, world.binh)
    pay(2, world.ann)
    pay(3, world.ann)
    measure = MEASURES["dues_collected"]
    committee = world.tree.committee
    # January to March: 600,000 owed, 400,000 paid.
    assert measure.compute(committee, 2025, D(2025, 3, 31)) == Decimal("66.7")
    assert measure.compute(committee, 2025, D(2025, 1, 20)) == Decimal("100.0")
    pay(2, world.binh)  # one more payment moves the value
    assert measure.compute(committee, 2025, D(2025, 3, 31)) == Decimal("83.3")
    # CSB's subtree owes nothing: no value rather than 0%.
    assert measure.compute(world.tree.grassroots_b, 2025, D(2025, 3, 31)) is None
    assert measure.compute(committee, 2025, D(2024, 12, 31)) is None
