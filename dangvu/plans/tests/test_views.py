"""The plans pages as their readers see them: values as of the date asked, the year's plans
at a glance on the home page, nothing of a plan outside the reader's reach."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from conftest import TODAY
from dangvu.common.uploads import MB
from dangvu.organizations.access import OPERATOR
from dangvu.plans.models import Target, Task
from dangvu.plans.services import plan_create, target_add, target_record, task_add, task_progress
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


def test_evidence_files_download_for_those_who_read_the_plan(world: World, client: Client) -> None:
    plans = {
        unit.code: plan_create(actor=OPERATOR, committee=unit, year=2021, title=f"Kế hoạch {unit}")
        for unit in (world.tree.grassroots_a, world.tree.grassroots_b)
    }
    urls = {}
    for code, plan in plans.items():
        target = target_add(actor=OPERATOR, plan=plan, name="Học tập nghị quyết",
                            kind=Target.Kind.MANUAL, goal=Decimal(100))  # fmt: skip
        pdf = SimpleUploadedFile("bao cao.pdf", f"{code} pdf".encode())
        target_record(actor=OPERATOR, target=target, value=Decimal(95), on=dt.date(2021, 6, 1),
                      evidence_note="Báo cáo", evidence_file=pdf, today=TODAY)  # fmt: skip
        task = task_add(actor=OPERATOR, plan=plan, title="Rà soát", owner_board=Task.Board.OFFICE,
                        deadline=dt.date(2021, 12, 31), today=TODAY)  # fmt: skip
        jpg = SimpleUploadedFile("ảnh.jpg", f"{code} jpg".encode())
        update = task_progress(actor=OPERATOR, task=task, on=dt.date(2021, 6, 2), percent=50,
                               note="Đã làm", evidence_file=jpg, today=TODAY)  # fmt: skip
        urls[code] = (target, task, reverse("plans:target_evidence", args=[target.pk]),
                      reverse("plans:progress_evidence", args=[update.pk]))  # fmt: skip
    client.force_login(world.bithu)  # CSA's secretary
    target, task, target_url, progress_url = urls["CSA"]
    assert target_url in client.get(reverse("plans:target", args=[target.pk])).content.decode()
    assert progress_url in client.get(reverse("plans:task", args=[task.pk])).content.decode()
    response = client.get(target_url)
    assert b"".join(response.streaming_content) == b"CSA pdf"  # type: ignore[attr-defined]
    assert 'attachment; filename="bao cao.pdf"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    response = client.get(progress_url)
    assert b"".join(response.streaming_content) == b"CSA jpg"  # type: ignore[attr-defined]
    # Another TCCSĐ's evidence is missing to CSA's secretary; the Office of DBK reads both.
    assert [client.get(url).status_code for url in urls["CSB"][2:]] == [404, 404]
    client.force_login(world.vanphong)
    assert [client.get(url).status_code for url in urls["CSB"][2:]] == [200, 200]
    # A target without a file has nothing to download.
    bare = target_add(actor=OPERATOR, plan=plans["CSB"], name="Không tệp",
                      kind=Target.Kind.MANUAL, goal=Decimal(1))  # fmt: skip
    assert client.get(reverse("plans:target_evidence", args=[bare.pk])).status_code == 404


def test_a_meeting_document_lacking_data_sends_the_reader_back(
    world: World, client: Client
) -> None:
    meeting = world.monthly(world.tree.cell_a1, dt.date(2021, 3, 10), chair="Nguyễn Thị An")
    client.force_login(world.bithu)
    url = reverse("plans:meeting_document", args=[meeting.pk, "minutes", "docx"])
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert "Chưa in được văn bản: còn thiếu thư ký." in response.content.decode()
    unknown = reverse("plans:meeting_document", args=[meeting.pk, "decision", "docx"])
    assert client.get(unknown).status_code == 404
    assert client.get(url.replace(".docx", ".odt")).status_code == 404


def test_an_evidence_file_over_the_limit_is_refused_before_it_is_stored(
    world: World, client: Client, settings: Settings
) -> None:
    settings.ATTACHMENT_MAX_UPLOAD_MB = 1
    task = task_add(actor=OPERATOR, plan=world.plan, title="Rà soát", today=TODAY,
                    owner_board=Task.Board.OFFICE, deadline=dt.date(2021, 12, 31))  # fmt: skip
    client.force_login(world.vanphong)
    big = SimpleUploadedFile("bien ban.pdf", b"x" * (MB + 1))
    response = client.post(
        reverse("plans:task_action", args=[task.pk, "progress"]),
        {"on": "02/06/2021", "percent": "50", "note": "Đã làm", "evidence_file": big},
    )
    assert "Tệp “bien ban.pdf” nặng 2 MB, quá giới hạn 1 MB." in response.content.decode()
    assert not task.updates.exists()
    small = SimpleUploadedFile("bien ban.pdf", b"x" * MB)
    client.post(
        reverse("plans:task_action", args=[task.pk, "progress"]),
        {"on": "02/06/2021", "percent": "50", "note": "Đã làm", "evidence_file": small},
    )
    assert task.updates.get().evidence_name == "bien ban.pdf"
