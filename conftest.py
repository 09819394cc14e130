"""Shared fixtures: a small tree built through the services, and a way to add members."""

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from dangvu.members.models import Member
from dangvu.members.services import member_register
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import Membership, OrgKind, OrgUnit, Sector
from dangvu.organizations.services import org_create

# Chromium fixtures (`chromium`, `page`) for the browser tests of every app.
pytest_plugins = ["dangvu.web.tests.browser"]

TODAY = dt.date(2026, 11, 26)
FOUNDED = dt.date(2015, 1, 1)


class Tree:
    """Committee DBK with a đảng bộ cơ sở (CSA, cells CSA-1 and CSA-2) and a chi bộ cơ sở
    (CSB), all founded on 1/1/2015."""

    def __init__(self) -> None:
        self.committee = org_create(
            actor=OPERATOR,
            code="DBK",
            name="Đảng bộ Khối thử nghiệm",
            kind=OrgKind.UPPER_COMMITTEE,
            sector=Sector.PARTY_MASS,
            parent=None,
            established_date=FOUNDED,
        )
        self.grassroots_a = org_create(
            actor=OPERATOR,
            code="CSA",
            name="Đảng bộ Sở Tài chính",
            kind=OrgKind.GRASSROOTS_COMMITTEE,
            sector=Sector.ADMINISTRATIVE,
            parent=self.committee,
            established_date=FOUNDED,
        )
        self.cell_a1 = org_create(
            actor=OPERATOR,
            code="CSA-1",
            name="Chi bộ Văn phòng",
            kind=OrgKind.CELL,
            sector=Sector.ADMINISTRATIVE,
            parent=self.grassroots_a,
            established_date=FOUNDED,
        )
        self.cell_a2 = org_create(
            actor=OPERATOR,
            code="CSA-2",
            name="Chi bộ Thanh tra",
            kind=OrgKind.CELL,
            sector=Sector.ADMINISTRATIVE,
            parent=self.grassroots_a,
            established_date=FOUNDED,
        )
        self.grassroots_b = org_create(
            actor=OPERATOR,
            code="CSB",
            name="Chi bộ Hội Nông dân tỉnh",
            kind=OrgKind.GRASSROOTS_CELL,
            sector=Sector.PARTY_MASS,
            parent=self.committee,
            established_date=FOUNDED,
        )


@pytest.fixture
def tree(db: None) -> Tree:
    return Tree()


_serial = itertools.count(1)


def national_id_for(gender: str, birth_date: dt.date) -> str:
    """A structurally valid CCCD (Thông tư 59/2021/TT-BCA) for the given person."""
    digit = (0 if birth_date.year < 2000 else 2) + (1 if gender == "F" else 0)
    return f"038{digit}{birth_date.year % 100:02d}{next(_serial):06d}"


def member_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "full_name": "Nguyễn Văn An",
        "gender": "M",
        "birth_date": dt.date(1985, 3, 15),
        "admission_date": dt.date(2010, 5, 19),
        "official_date": dt.date(2011, 5, 19),
    }
    values.update(overrides)
    if "national_id" not in overrides:
        values["national_id"] = national_id_for(values["gender"], values["birth_date"])
    return values


AddMember = Callable[..., Member]


@pytest.fixture
def add_member(db: None) -> AddMember:
    """Register a member in CELL from JOINED_ON (default: admission date) through the service."""

    def add(cell: OrgUnit, joined_on: dt.date | None = None, **overrides: Any) -> Member:
        values = member_values(**overrides)
        return member_register(
            actor=OPERATOR,
            values=values,
            cell=cell,
            start=Membership.Start.REGISTERED,
            joined_on=joined_on or max(values["admission_date"], FOUNDED),
            today=TODAY,
        )

    return add


MakeUser = Callable[..., Any]


@pytest.fixture
def make_user(db: None) -> MakeUser:
    """A user holding ROLE over ORG (or over MEMBER's record) since 2020."""
    from django.contrib.auth.models import User

    from dangvu.accounts.services import role_assign

    def make(
        username: str, role: str, org: OrgUnit | None = None, member: Member | None = None
    ) -> User:
        user = User.objects.create_user(username, password="mat-khau-dai-123")
        role_assign(
            actor=OPERATOR,
            user=user,
            role=role,
            org=org,
            member=member,
            valid_from=dt.date(2020, 1, 1),
        )
        return user

    return make


class Outside:
    """A second committee, DBX, with a chi bộ cơ sở CSX and one member: what the users of
    the Tree must not reach."""

    def __init__(self, add_member: AddMember) -> None:
        self.committee = org_create(
            actor=OPERATOR,
            code="DBX",
            name="Đảng bộ Khối khác",
            kind=OrgKind.UPPER_COMMITTEE,
            sector=Sector.OTHER,
            parent=None,
            established_date=FOUNDED,
        )
        self.cell = org_create(
            actor=OPERATOR,
            code="CSX",
            name="Chi bộ Công ty X",
            kind=OrgKind.GRASSROOTS_CELL,
            sector=Sector.NON_STATE_ENTERPRISE,
            parent=self.committee,
            established_date=FOUNDED,
        )
        self.member = add_member(self.cell, full_name="Quách Thị Ngoại", gender="F")


@pytest.fixture
def outside(tree: Tree, add_member: AddMember) -> Outside:
    return Outside(add_member)
