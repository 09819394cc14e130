"""Shared fixtures: a small tree built through the services, and a way to add members."""

import datetime as dt
import itertools
import os
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from hypothesis import settings

from dangvu.common.workdays import FIRST_DAY, LAST_DAY, default_calendar
from dangvu.members.models import Member
from dangvu.members.services import member_register
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import Membership, OrgKind, OrgUnit, Sector
from dangvu.organizations.services import org_create

# Chromium fixtures (`chromium`, `page`) for the browser tests of every app.
pytest_plugins = ["dangvu.web.tests.browser"]

TODAY = dt.date(2026, 11, 26)
FOUNDED = dt.date(2015, 1, 1)

# `make test` runs the "ci" profile: no per-example deadline (a loaded 2-core machine made a
# rule test take 1.3 s) and the same examples on every run, so a red run can be repeated.
# A plain `pytest` keeps hypothesis's defaults and explores new examples each time.
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """pytest-django's, plus: on PostgreSQL, end the sessions that live-server threads may
    still hold, so that the test database can be dropped at the end."""
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(scope="session", autouse=True)
def warm_calendar() -> None:
    """The shared working-day calendar computes a year the first time it is asked; compute
    them all once, so that no test (or hypothesis example) pays for it."""
    default_calendar().working_days_between(FIRST_DAY, LAST_DAY)


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[time_machine.Traveller]:
    """Every test runs at 10:00 on TODAY in Hà Nội, whatever the machine's calendar says
    (`make test-another-year` proves it). The clock still ticks, so timeouts and ordering
    by time keep working; a test moves it with `frozen_clock.move_to(...)`."""
    moment = dt.datetime.combine(TODAY, dt.time(10), tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(moment, tick=True) as traveller:
        yield traveller


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


SIGNER = "Trịnh Văn Dũng"


@pytest.fixture
def signed(tree: Tree) -> None:
    """The test committee's documents are signed by its Phó Bí thư since 2008, as "ĐUK"
    (a document without its signer is not printed)."""
    from dangvu.documents.signers import Signature, signer_create

    signature = Signature(SIGNER, "Phó Bí thư", "T/M Ban Thường vụ", "ĐUK")
    signer_create(actor=OPERATOR, committee=tree.committee, signature=signature,
                  valid_from=dt.date(2008, 1, 1), valid_to=None, today=TODAY)  # fmt: skip


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
