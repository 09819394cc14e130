import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from conftest import TODAY, AddMember, MakeUser, Tree, member_values
from dangvu.members.models import Member
from dangvu.members.services import member_register
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import Membership, OrgUnit
from dangvu.organizations.roles import Role
from dangvu.plans.models import Meeting, Plan, Target
from dangvu.plans.services import meeting_record, plan_create, target_add


class World:
    """The Tree with a 2021 plan of DBK, two members in CSA-1 and one in CSA-2, and users:
    the Office of DBK (vanphong), CSA's secretary (bithu), the Organization board (tochuc,
    who reads plans only) and a member (dangvien)."""

    def __init__(self, tree: Tree, add_member: AddMember, make_user: MakeUser) -> None:
        self.tree = tree
        self.ann = add_member(tree.cell_a1, full_name="Nguyễn Thị An", gender="F")
        self.binh = add_member(tree.cell_a1, full_name="Trần Văn Bình")
        self.cuong = add_member(tree.cell_a2, full_name="Lê Văn Cường")
        self.vanphong = make_user("vanphong", Role.OFFICE, tree.committee)
        self.bithu = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
        self.tochuc = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
        self.dangvien = make_user("dangvien", Role.MEMBER, member=self.ann)
        self.plan = plan_create(actor=OPERATOR, committee=tree.committee, year=2021,
                                title="Kế hoạch năm 2021")  # fmt: skip

    def target(self, measure: str, goal: str = "10", plan: Plan | None = None) -> Target:
        return target_add(
            actor=OPERATOR,
            plan=plan or self.plan,
            name=f"Chỉ tiêu {measure}",
            kind=Target.Kind.MEASURED,
            measure=measure,
            goal=Decimal(goal),
        )

    def admit(self, cell: OrgUnit, on: dt.date, name: str = "Phạm Văn Mới") -> Member:
        values = member_values(full_name=name, admission_date=on, official_date=None,
                               birth_date=dt.date(1998, 1, 1))  # fmt: skip
        return member_register(
            actor=OPERATOR,
            values=values,
            cell=cell,
            start=Membership.Start.ADMITTED,
            joined_on=on,
            today=TODAY,
        )

    def monthly(self, cell: OrgUnit, on: dt.date, **extra: Any) -> Meeting:
        return meeting_record(actor=OPERATOR, org=cell, kind=Meeting.Kind.CELL_MONTHLY,
                              held_on=on, title=f"Sinh hoạt chi bộ tháng {on.month}",
                              today=TODAY, **extra)  # fmt: skip


@pytest.fixture
def world(tree: Tree, add_member: AddMember, make_user: MakeUser) -> World:
    return World(tree, add_member, make_user)
