"""The audit log filters by person, period, organization, action and record, and shows
when each change was recorded and when it took effect."""

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client

from conftest import MakeUser, Tree
from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.organizations.roles import Role

HANOI = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def logged(tree: Tree, make_user: MakeUser) -> dict[str, Any]:
    """An auditor of the committee, and entries by two people on two days."""
    auditor = make_user("kiemtra", Role.INSPECTION, tree.committee)
    an = User.objects.create_user("an", first_name="Văn An", last_name="Nguyễn")
    binh = User.objects.create_user("binh", first_name="Thị Bình", last_name="Trần")
    entries = [
        (an, Event.ORG_RENAMED, tree.cell_a1, {"effective_date": dt.date(2026, 3, 1)}, 10),
        (binh, Event.ORG_RENAMED, tree.grassroots_b, {"effective_date": dt.date(2026, 4, 1)}, 20),
        (binh, Event.ORG_MOVED, tree.cell_a2, {}, 20),
    ]
    for actor, action, org, data, day in entries:
        with time_machine.travel(dt.datetime(2026, 11, day, 9, tzinfo=HANOI)), transaction.atomic():
            audit_record(actor=actor, action=action, obj=org, org=org, data=data)
    return {"auditor": auditor}


def _shown(client: Client, **query: str) -> list[str]:
    """The records of the entries listed that a person made (the set-up's are the
    console's, with no person)."""
    page = client.get("/app/audit/", query).content.decode()
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        record
        for actor, record in re.findall(
            r"<td>([^<]*)</td>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>", body
        )
        if actor != "—"
    ]


@pytest.fixture
def auditor(client: Client, logged: dict[str, Any]) -> Client:
    client.force_login(logged["auditor"])
    return client


def test_the_log_filters_by_the_persons_name_without_its_order(auditor: Client) -> None:
    assert sorted(_shown(auditor, person="bình trần")) == ["CSA-2", "CSB"]
    assert _shown(auditor, person="Nguyễn An") == ["CSA-1"]


def test_the_log_filters_by_period_action_organization_and_record(auditor: Client) -> None:
    assert sorted(_shown(auditor, start="15/11/2026")) == ["CSA-2", "CSB"]
    assert _shown(auditor, end="15/11/2026") == ["CSA-1"]
    assert sorted(_shown(auditor, action=Event.ORG_RENAMED)) == ["CSA-1", "CSB"]
    assert sorted(_shown(auditor, org="CSA")) == ["CSA-1", "CSA-2"]
    assert _shown(auditor, object="CSB") == ["CSB"]


def test_the_log_shows_when_a_change_was_recorded_and_when_it_took_effect(
    auditor: Client,
) -> None:
    page = auditor.get("/app/audit/", {"person": "an"}).content.decode()

    assert "09:00 10/11/2026" in page and "01/03/2026" in page


def test_a_bad_filter_is_refused_in_vietnamese_and_the_log_is_shown_whole(
    auditor: Client,
) -> None:
    response = auditor.get("/app/audit/", {"start": "30/02/2026", "org": "KHONG-CO"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Không có tổ chức mã KHONG-CO trong phạm vi của bạn." in page
    assert len(_shown(auditor)) == 3
