import datetime as dt
from typing import Any

import pytest

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.discipline.models import Decision
from dangvu.discipline.rules import Body, Form
from dangvu.discipline.services import decision_record
from dangvu.members.models import Member
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Role


class World:
    """The Tree with two members in CSA-1, one in CSA-2, and the users of each role that
    reads discipline: the commission (kiemtra), the leadership (thuongvu), the
    Organization board (tochuc), CSA's secretary (bithu), and a member (dangvien: ANN)."""

    def __init__(self, tree: Tree, add_member: AddMember, make_user: MakeUser) -> None:
        self.tree = tree
        self.ann = add_member(tree.cell_a1, full_name="Nguyễn Thị An", gender="F")
        self.binh = add_member(tree.cell_a1, full_name="Trần Văn Bình")
        self.cuong = add_member(tree.cell_a2, full_name="Lê Văn Cường")
        self.kiemtra = make_user("kiemtra", Role.INSPECTION, tree.committee)
        self.thuongvu = make_user("thuongvu", Role.LEADERSHIP, tree.committee)
        self.tochuc = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
        self.bithu = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
        self.dangvien = make_user("dangvien", Role.MEMBER, member=self.ann)

    def decide(
        self,
        member: Member | None = None,
        *,
        form: str = Form.REPRIMAND,
        body: str = Body.CELL,
        body_org: OrgUnit | None = None,
        on: dt.date = dt.date(2026, 6, 1),
        **extra: Any,
    ) -> Decision:
        values: dict[str, Any] = {
            "actor": OPERATOR, "body": body, "body_org": body_org or self.tree.cell_a1,
            "form": form, "number": f"{Decision.objects.count() + 1}-QĐ/CB",
            "decided_on": on, "violated_on": on - dt.timedelta(days=60),
            "reason": "Vi phạm quy định về sinh hoạt đảng", "today": TODAY,
            "subject_member": member or self.ann,
        }  # fmt: skip
        values.update(extra)
        return decision_record(**values)


@pytest.fixture
def world(tree: Tree, add_member: AddMember, make_user: MakeUser) -> World:
    return World(tree, add_member, make_user)
