import datetime as dt
from collections.abc import Callable

import pytest

from conftest import TODAY, AddMember, Tree
from dangvu.evaluation.models import Rating, Round, Stage
from dangvu.evaluation.services import RatingChange, round_advance, round_open
from dangvu.members.models import Member
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgUnit


class Rated:
    """The Tree with ten members in CSA-1, two in CSA-2 and three in CSB, and YEAR's round
    of its committee, as the registry stood at the year's end."""

    def __init__(self, tree: Tree, add_member: AddMember, year: int) -> None:
        self.tree = tree
        self.a1 = [add_member(tree.cell_a1, full_name=f"Nguyễn Văn A{i}") for i in range(10)]
        self.a2 = [
            add_member(tree.cell_a2, full_name=f"Trần Thị B{i}", gender="F") for i in range(2)
        ]
        self.b = [add_member(tree.grassroots_b, full_name=f"Lê Văn C{i}") for i in range(3)]
        self.round = round_open(
            actor=OPERATOR,
            committee=tree.committee,
            year=year,
            today=TODAY,
            as_of=dt.date(year, 12, 31) if year < TODAY.year else None,
        )

    def of(self, subject: Member | OrgUnit) -> Rating:
        if isinstance(subject, Member):
            return Rating.objects.get(round=self.round, member=subject)
        return Rating.objects.get(round=self.round, org=subject, kind=Rating.Kind.ORG)

    def fresh(self) -> Round:
        self.round.refresh_from_db()
        return self.round


MakeRated = Callable[[int], Rated]


@pytest.fixture
def rated(tree: Tree, add_member: AddMember) -> MakeRated:
    return lambda year: Rated(tree, add_member, year)


def change(rating: Rating, level: str, **extra: object) -> RatingChange:
    return RatingChange(rating_id=rating.pk, level=level, **extra)  # type: ignore[arg-type]


def advance_to(rated: Rated, stage: Stage) -> Round:
    while rated.fresh().stage != stage:
        round_advance(actor=OPERATOR, round_=rated.round, today=TODAY)
    return rated.fresh()
