"""Facts derived from a member's dates: the Python definition and the ORM expression next to
it say the same, on both databases."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import member_values
from dangvu.common.months import age_in_months
from dangvu.common.rulesets import rules_for
from dangvu.members import facts
from dangvu.members.models import Member, Status
from dangvu.members.rulesets.lifecycle import LIFECYCLE
from dangvu.members.services import member_build

D = dt.date
ADMITTED = D(2021, 5, 19)


@pytest.mark.parametrize(
    ("official", "exit_date", "on", "expected"),
    [
        (None, None, D(2021, 5, 18), None),
        (None, None, ADMITTED, Status.PROBATIONARY),
        (None, None, D(2030, 1, 1), Status.PROBATIONARY),  # not recognized yet
        (D(2022, 5, 19), None, D(2022, 5, 18), Status.PROBATIONARY),
        (D(2022, 5, 19), None, D(2022, 5, 19), Status.OFFICIAL),
        (D(2022, 5, 19), D(2024, 1, 1), D(2023, 12, 31), Status.OFFICIAL),
        (D(2022, 5, 19), D(2024, 1, 1), D(2024, 1, 1), Status.EXITED),
        (None, D(2021, 9, 1), D(2021, 9, 1), Status.EXITED),
    ],
)
def test_status_on_a_date_follows_the_dates(
    official: D | None, exit_date: D | None, on: D, expected: str | None
) -> None:
    status = facts.status_on(
        admission_date=ADMITTED, official_date=official, exit_date=exit_date, on=on
    )

    assert status == expected


ON_DAYS = [D(2021, 5, 18), ADMITTED, D(2022, 5, 18), D(2022, 5, 19), D(2023, 12, 31),
           D(2024, 1, 1), D(2026, 11, 26)]  # fmt: skip


@pytest.mark.django_db
def test_the_orm_expression_and_filters_agree_with_the_python_definition() -> None:
    shapes = [(None, None), (D(2022, 5, 19), None), (D(2022, 5, 19), D(2024, 1, 1)),
              (None, D(2021, 9, 1))]  # fmt: skip
    members = {}
    for number, (official, exit_date) in enumerate(shapes):
        values = member_values(admission_date=ADMITTED, official_date=official,
                               exit_date=exit_date, exit_reason="DIED" if exit_date else "",
                               full_name=f"Nguyễn Văn {number}")  # fmt: skip
        member = member_build(values)
        member.save()
        members[member.pk] = (official, exit_date)

    for on in ON_DAYS:
        expected = {
            pk: facts.status_on(admission_date=ADMITTED, official_date=o, exit_date=e, on=on)
            for pk, (o, e) in members.items()
        }
        annotated = {m.pk: vars(m)["status"] for m in Member.objects.with_status_on(on)}
        official_pks = set(
            Member.objects.filter(facts.official_on(on)).values_list("pk", flat=True)
        )
        probationary_pks = set(
            Member.objects.filter(facts.probationary_on(on)).values_list("pk", flat=True)
        )

        assert annotated == expected, on
        assert official_pks == {pk for pk, status in expected.items() if status == Status.OFFICIAL}
        assert probationary_pks == {
            pk for pk, status in expected.items() if status == Status.PROBATIONARY
        }


@pytest.mark.parametrize(
    ("decision", "ceremony", "start"),
    [(D(2021, 4, 20), ADMITTED, D(2021, 4, 20)), (None, ADMITTED, ADMITTED)],
)
def test_party_age_counts_from_the_decision_or_else_the_ceremony(
    decision: D | None, ceremony: D, start: D
) -> None:
    assert facts.party_age_start(admission_decision_date=decision, admission_date=ceremony) == start


@pytest.mark.django_db
def test_the_party_age_expression_agrees_with_the_python_definition() -> None:
    with_decision = member_build(member_values(admission_decision_date=D(2021, 4, 20)))
    without = member_build(member_values(full_name="Trần Thị Bình", gender="F"))
    with_decision.save()
    without.save()

    starts = dict(
        Member.objects.annotate(start=facts.party_age_start_expression()).values_list("pk", "start")
    )

    assert starts == {with_decision.pk: D(2021, 4, 20), without.pk: without.admission_date}


@given(st.dates(min_value=D(1930, 2, 3), max_value=D(2100, 12, 31)))
def test_the_official_date_is_always_exactly_probation_after_admission(admitted: D) -> None:
    probation = rules_for(LIFECYCLE, admitted).probation_months
    official = facts.official_date(admitted)

    assert age_in_months(admitted, official) == probation
    assert age_in_months(admitted, official - dt.timedelta(days=1)) == probation - 1
