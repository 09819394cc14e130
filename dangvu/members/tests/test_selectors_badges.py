"""The badge list of an occasion: who is due, from the records the registry keeps, within the
user's scope; members who died are posthumous candidates."""

import datetime as dt
import functools
from typing import Any

import pytest

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.members.models import ExitReason, GapReason, Member
from dangvu.members.selectors import badge_candidates
from dangvu.members.services import member_exit, party_gap_add
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role

D = dt.date
OCCASION = D(2026, 5, 19)


def _died(member: Member, on: D) -> None:
    member_exit(actor=OPERATOR, member=member, reason=ExitReason.DIED, on=on, today=TODAY)


def _due(user: object, occasion: D = OCCASION) -> dict[str, tuple[int, bool, bool]]:
    rows = badge_candidates(user=user, occasion=occasion)  # type: ignore[arg-type]
    return {member.full_name: (due.milestone, due.early, due.posthumous) for member, due in rows}


@pytest.fixture
def veterans(tree: Tree, add_member: AddMember) -> Tree:
    veteran = functools.partial(add_member, birth_date=D(1955, 1, 1))
    # Party age counts from the decision (19/5/1996), not the ceremony a month later.
    veteran(tree.cell_a1, full_name="Lê Văn Quyết", admission_decision_date=D(1996, 5, 19),
            admission_date=D(1996, 6, 20), official_date=D(1997, 6, 20))  # fmt: skip
    veteran(tree.cell_a1, full_name="Phạm Văn Lễ", admission_date=D(1996, 6, 20),
            official_date=D(1997, 6, 20))  # fmt: skip
    # Died 29 years and 3 months into party age: 30 years posthumously, early.
    _died(veteran(tree.cell_a2, full_name="Trần Văn Mất", admission_date=D(1996, 12, 1),
                  official_date=D(1997, 12, 1)), D(2026, 3, 1))  # fmt: skip
    # Died more than 12 months short of 30 years: nothing.
    _died(veteran(tree.cell_a2, full_name="Hoàng Văn Sớm", admission_date=D(1997, 3, 2),
                  official_date=D(1998, 3, 2)), D(2026, 3, 1))  # fmt: skip
    # Died with 45 years complete, longer ago than the list looks back (12 months).
    _died(veteran(tree.cell_a2, full_name="Vũ Văn Cũ", admission_date=D(1980, 1, 1),
                  official_date=D(1981, 1, 1)), D(2025, 5, 18))  # fmt: skip
    # Removed from the roll: no badge.
    removed = veteran(tree.cell_a2, full_name="Đinh Văn Xóa", admission_date=D(1990, 1, 1),
                      official_date=D(1991, 1, 1))  # fmt: skip
    member_exit(actor=OPERATOR, member=removed, reason=ExitReason.REMOVED, on=D(2026, 3, 1),
                today=TODAY, detail="NO_PROGRESS")  # fmt: skip
    return tree


def test_the_list_uses_the_decision_date_and_proposes_posthumous_awards(veterans: Tree) -> None:
    assert _due(OPERATOR) == {
        "Lê Văn Quyết": (30, False, False),
        "Trần Văn Mất": (30, True, True),
    }


def test_a_death_stays_on_the_list_for_twelve_months(veterans: Tree, add_member: AddMember) -> None:
    _died(add_member(veterans.cell_a1, full_name="Ngô Văn Biên", birth_date=D(1955, 1, 1),
                     admission_date=D(1980, 1, 1),
                     official_date=D(1981, 1, 1)), D(2025, 5, 19))  # fmt: skip

    assert _due(OPERATOR)["Ngô Văn Biên"] == (45, False, True)
    assert "Ngô Văn Biên" not in _due(OPERATOR, D(2026, 9, 2))


def test_each_secretary_sees_their_own_cells_dead(veterans: Tree, make_user: MakeUser) -> None:
    secretary_a1 = make_user("bithu_a1", Role.SECRETARY, veterans.cell_a1)
    secretary_a2 = make_user("bithu_a2", Role.SECRETARY, veterans.cell_a2)

    assert set(_due(secretary_a1)) == {"Lê Văn Quyết"}
    assert set(_due(secretary_a2)) == {"Trần Văn Mất"}


def test_a_period_out_of_the_party_shifts_the_due_list_by_its_length(
    tree: Tree, add_member: AddMember
) -> None:
    """Quy định 24-QĐ/TW mục 4.5.2: a re-admitted member counts from the first admission
    less the time between leaving and the re-admission."""
    readmitted = add_member(tree.cell_a1, full_name="Bùi Văn Lại", birth_date=D(1960, 1, 1),
                            admission_decision_date=D(1996, 5, 19),
                            admission_date=D(1996, 6, 20), official_date=D(1997, 6, 20),
                            readmission_date=D(2003, 5, 19))  # fmt: skip
    assert _due(OPERATOR) == {"Bùi Văn Lại": (30, False, False)}

    # Expelled on 19/5/2002, re-admitted a year (365 days) later: 30 years on 19/5/2027.
    party_gap_add(actor=OPERATOR, member=readmitted, start_date=D(2002, 5, 19),
                  end_date=D(2003, 5, 19), reason=GapReason.EXPELLED, today=TODAY)  # fmt: skip

    assert _due(OPERATOR) == {}
    assert _due(OPERATOR, D(2026, 9, 2)) == {}
    assert _due(OPERATOR, D(2027, 5, 19)) == {"Bùi Văn Lại": (30, False, False)}


def test_the_candidates_of_a_list_with_periods_out_take_the_same_few_queries(
    tree: Tree, add_member: AddMember, django_assert_max_num_queries: Any
) -> None:
    for n in range(5):
        veteran = add_member(tree.cell_a1, full_name=f"Đỗ Văn Cựu {n}", birth_date=D(1950, 1, 1),
                             admission_date=D(1980, 1, 1), official_date=D(1981, 1, 1))  # fmt: skip
        party_gap_add(actor=OPERATOR, member=veteran, start_date=D(1990, 1, 1),
                      end_date=D(1991, 1, 1), reason=GapReason.LOST_CONTACT,
                      today=TODAY)  # fmt: skip

    with django_assert_max_num_queries(6):
        rows = badge_candidates(user=OPERATOR, occasion=OCCASION)

    assert len(rows) == 5
