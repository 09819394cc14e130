"""Hồ sơ của tôi: a member reads their own record and what every module holds about it, and
nobody else's; the page's queries do not grow with the record's history."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.discipline.services import decision_record
from dangvu.dues.models import DuesPayment
from dangvu.dues.rules import Category
from dangvu.dues.services import dues_basis_set
from dangvu.evaluation.models import Level, Rating
from dangvu.evaluation.services import round_open
from dangvu.members.models import BadgeAward, Member
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role
from dangvu.plans.models import Attendance, Meeting

D = dt.date


class World:
    """Lý Văn Tư of CSA-1 with their account, and Trần Thị Bình of the same cell: each with
    a decision, so the page can show one and not the other."""

    def __init__(self, tree: Tree, add_member: AddMember, make_user: MakeUser) -> None:
        self.tree = tree
        self.member = add_member(tree.cell_a1, full_name="Lý Văn Tư")
        self.other = add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
        self.user = make_user("dangvien", Role.MEMBER, member=self.member)
        for member, number in ((self.member, "1-QĐ/CB"), (self.other, "2-QĐ/CB")):
            decision_record(actor=OPERATOR, body="CELL", body_org=tree.cell_a1,
                            form="REPRIMAND", number=number, decided_on=D(2026, 4, 1),
                            violated_on=D(2026, 1, 5), reason="Vi phạm",
                            subject_member=member, today=TODAY)  # fmt: skip
        dues_basis_set(actor=OPERATOR, member=self.member, month=D(2026, 1, 1),
                       category=Category.SALARY_STATE, income=10_000_000, today=TODAY)  # fmt: skip
        self.client = Client()
        self.client.force_login(self.user)

    def add_history(self, count: int) -> None:
        """COUNT more of each: meetings with the member's attendance, paid months, badges
        and ratings (set-up through the models: only the page's reads are tested)."""
        start = Meeting.objects.count()
        for number in range(start, start + count):
            meeting = Meeting.objects.create(org=self.tree.cell_a1, kind=Meeting.Kind.CELL_MONTHLY,
                                             held_on=D(2025, 1 + number, 5),
                                             title=f"Sinh hoạt lần {number + 1}")  # fmt: skip
            Attendance.objects.create(
                meeting=meeting,
                member=self.member,
                status=Attendance.Status.EXCUSED,
                reason="Đi công tác",
            )
            DuesPayment.objects.create(member=self.member, month=D(2026, 1 + number, 1),
                                       amount=100_000, paid_on=D(2026, 1 + number, 5),
                                       cell=self.tree.cell_a1)  # fmt: skip
            BadgeAward.objects.create(member=self.member, milestone=30 + 10 * number,
                                      awarded_on=D(2026, 2, 3))  # fmt: skip
            round_open(actor=OPERATOR, committee=self.tree.committee, year=2020 + number,
                       today=TODAY)  # fmt: skip

    def page(self) -> str:
        response = self.client.get("/app/me/")
        assert response.status_code == 200
        return response.content.decode()


@pytest.fixture
def world(tree: Tree, add_member: AddMember, make_user: MakeUser) -> World:
    return World(tree, add_member, make_user)


def test_a_member_lands_on_their_own_page(world: World) -> None:
    response = world.client.get("/app/")

    assert (response.status_code, response["Location"]) == (302, "/app/me/")


def test_the_page_shows_the_members_own_record_and_what_each_module_holds(world: World) -> None:
    world.add_history(2)
    Rating.objects.filter(member=world.member, round__year=2020).update(self_level=Level.GOOD)

    html = world.page()

    assert f'data-own-record="{world.member.pk}"' in html
    assert "Lý Văn Tư" in html and "Chi bộ Văn phòng" in html
    assert 'data-rating-year="2021"' in html and 'data-rating-year="2020"' in html
    assert "Hoàn thành tốt nhiệm vụ" in html  # the self-assessment of 2020
    assert 'data-badge="30"' in html and 'data-badge="40"' in html
    assert "1-QĐ/CB" in html
    assert html.count('data-attendance="EXCUSED"') == 2 and "Đi công tác" in html
    assert 'data-payment="01/2026"' in html and 'data-payment="02/2026"' in html
    # The months of 2026 that are over (to October) and have no payment.
    assert 'data-unpaid="8"' in html and 'data-paid-until="02/2026"' in html


def test_nobody_elses_record_shows_and_their_pages_answer_404(world: World) -> None:
    html = world.page()

    assert "Trần Thị Bình" not in html and "2-QĐ/CB" not in html
    for url in (f"/app/members/{world.other.pk}/", f"/app/dues/members/{world.other.pk}/"):
        assert world.client.get(url).status_code == 404, url


def test_an_account_without_a_record_is_told_so(tree: Tree, make_user: MakeUser) -> None:
    client = Client()
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))

    html = client.get("/app/me/").content.decode()

    assert "data-no-record" in html


def _queries(world: World) -> int:
    with CaptureQueriesContext(connection) as captured:
        world.page()
    return len(captured)


def test_the_page_costs_the_same_queries_however_long_the_history(world: World) -> None:
    world.add_history(1)
    world.page()  # the first visit saves the session
    few = _queries(world)
    world.add_history(3)

    assert _queries(world) == few
    assert few <= 40, few


def test_a_correction_asked_from_the_page_waits_on_its_list(world: World) -> None:
    response = world.client.post(
        "/app/members/corrections/new/",
        {"field": "phone", "proposed_value": "0912345678", "reason": "Số mới"},
    )

    assert (response.status_code, response["Location"]) == (302, "/app/me/")
    html = world.page()
    assert 'data-status="PENDING"' in html and "Điện thoại" in html
    assert Member.objects.get(pk=world.member.pk).phone == ""


def test_a_correction_of_the_wrong_form_shows_why(world: World) -> None:
    response = world.client.post(
        "/app/members/corrections/new/",
        {"field": "birth_date", "proposed_value": "ngày 5", "reason": "Sai ngày"},
    )

    assert response.status_code == 200
    assert "Ngày sinh phải là ngày dạng dd/mm/yyyy." in response.content.decode()
