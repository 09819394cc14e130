"""The tree's counts equal the status rule applied member by member: on random small
registries (admissions, recognitions and exits around the day, either gender, members
moved out of their cell), each organization's official, probationary and by-gender figures
in `org_tree` are what `status_on` gives for the members of its subtree on that day, for
the whole tree and for a secretary who sees one TCCSĐ, after the days were counted before
the changes. Runs on SQLite and PostgreSQL."""

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from conftest import TODAY, Tree, member_values
from dangvu.accounts.services import role_assign
from dangvu.members.facts import Status, status_on
from dangvu.members.models import ExitReason, Member
from dangvu.members.services import member_register
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import Membership, OrgUnit
from dangvu.organizations.roles import Role
from dangvu.stats.selectors import TreeNode, flatten, org_tree

D = dt.date
DAYS = [D(2019, 12, 31), D(2020, 1, 1), D(2020, 6, 30), D(2021, 1, 1), D(2022, 5, 19)]
MEMBERS = 6

around = st.sampled_from([*DAYS, D(2018, 3, 2), D(2023, 1, 1)])
lives = st.fixed_dictionaries(
    {
        "gender": st.sampled_from(["M", "F"]),
        "admitted": around,
        "official_after": st.one_of(st.none(), st.integers(1, 900)),
        "exit": st.one_of(st.none(), around),
        "left_cell": st.one_of(st.none(), around),  # the membership ends on that day
    }
)


def _expected(nodes: list[TreeNode], on: dt.date) -> dict[str, tuple[int, int, dict[str, int]]]:
    """Per organization shown: (official, probationary, by gender) of its subtree's members
    on ON, counted one by one in Python."""
    paths = {node.code: node.version.path for node in nodes}
    found: dict[str, tuple[int, int, dict[str, int]]] = {}
    periods = Membership.objects.as_of(on).select_related("member", "org")
    for code, path in paths.items():
        official, probationary, genders = 0, 0, {"M": 0, "F": 0}
        for period in periods:
            member = period.member
            cell_path = paths.get(period.org.code)
            if cell_path is None or not cell_path.startswith(path):
                continue
            status = status_on(admission_date=member.admission_date,
                               official_date=member.official_date,
                               exit_date=member.exit_date, on=on)  # fmt: skip
            if status not in (Status.OFFICIAL, Status.PROBATIONARY):
                continue
            official += status == Status.OFFICIAL
            probationary += status == Status.PROBATIONARY
            genders[member.gender] += 1
        found[code] = (official, probationary, genders)
    return found


class TreeCountProperties(TestCase):
    tree: Tree
    cells: list[OrgUnit]
    members: list[Member]
    secretary: User

    @classmethod
    def setUpTestData(cls) -> None:
        cls.tree = Tree()
        tree = cls.tree
        cls.cells = [tree.cell_a1, tree.cell_a1, tree.cell_a2, tree.cell_a2, tree.grassroots_b,
                     tree.grassroots_b]  # fmt: skip
        cls.members = [
            member_register(
                actor=OPERATOR,
                values=member_values(full_name=f"Nguyễn Văn {name}"),
                cell=cell,
                start=Membership.Start.REGISTERED,
                joined_on=D(2015, 1, 1),
                today=TODAY,
            )
            for name, cell in zip("ABCDEF", cls.cells, strict=True)
        ]
        cls.secretary = User.objects.create_user("bithu")
        role_assign(actor=OPERATOR, user=cls.secretary, role=Role.SECRETARY,
                    org=tree.grassroots_a, valid_from=D(2015, 1, 1))  # fmt: skip

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(lives, min_size=MEMBERS, max_size=MEMBERS), st.sampled_from(DAYS))
    def test_each_organizations_counts_are_its_members_status_on_the_day(
        self, members: list[dict[str, Any]], on: dt.date
    ) -> None:
        # The figures of every day are counted first, so the changes below reach them
        # through the triggers and the recount of the cells they mark (stats.cell_counts).
        for day in DAYS:
            org_tree(user=OPERATOR, as_of=day)
        for member, life in zip(self.members, members, strict=True):
            after = life["official_after"]
            official = None if after is None else life["admitted"] + dt.timedelta(after)
            Member.objects.filter(pk=member.pk).update(
                gender=life["gender"],
                admission_date=life["admitted"],
                official_date=official,
                exit_date=life["exit"],
                exit_reason="" if life["exit"] is None else ExitReason.DIED,
            )
            Membership.objects.filter(member=member).update(valid_to=life["left_cell"])

        for user, shown in ((OPERATOR, ["DBK", "CSA", "CSA-1", "CSA-2", "CSB"]),
                            (self.secretary, ["CSA", "CSA-1", "CSA-2"])):  # fmt: skip
            nodes = flatten(org_tree(user=user, as_of=on))
            assert sorted(node.code for node in nodes) == sorted(shown)
            counted = {
                node.code: (node.counts.official, node.counts.probationary, node.counts.by_gender)
                for node in nodes
            }
            assert counted == _expected(nodes, on)
