"""The plans pages as their readers see them: values as of the date asked, the year's plans
at a glance on the home page, nothing of a plan outside the reader's reach."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from conftest import TODAY
from dangvu.organizations.access import OPERATOR
from dangvu.plans.models import Task
from dangvu.plans.services import plan_create, task_add
from dangvu.plans.tests.conftest import World

pytestmark = pytest.mark.django_db


def test_a_plan_page_measures_as_of_the_date_asked(world: World, client: Client) -> None:
    world.target("admissions", goal="1")
    world.admit(world.tree.cell_a1, dt.date(2021, 5, 5))
    client.force_login(world.vanphong)
    url = reverse("plans:plan", args=[world.plan.pk])
    before = client.get(url, {"as_of": "30/04/2021"}).content.decode()
    after = client.get(url, {"as_of": "2021-12-31"}).content.decode()
    assert "Đúng tiến độ" in before and "Đạt" not in before
    assert '<td class="target-status">Đạt</td>' in after


def test_the_home_page_shows_the_years_plans_at_a_glance(world: World, client: Client) -> None:
    plan = plan_create(actor=OPERATOR, committee=world.tree.grassroots_a, year=TODAY.year,
                       title="Kế hoạch năm nay của CSA")  # fmt: skip
    task_add(actor=OPERATOR, plan=plan, title="Việc đã quá hạn", owner_board=Task.Board.OFFICE,
             deadline=TODAY - dt.timedelta(days=1), today=TODAY)  # fmt: skip
    client.force_login(world.bithu)
    page = client.get(reverse("web:home")).content.decode()
    assert "Kế hoạch năm nay của CSA" in page and "1 quá hạn" in page
    other = plan_create(actor=OPERATOR, committee=world.tree.grassroots_b, year=TODAY.year,
                        title="Kế hoạch của CSB")  # fmt: skip
    assert other.title not in client.get(reverse("web:home")).content.decode()
    assert client.get(reverse("plans:plan", args=[other.pk])).status_code == 404
