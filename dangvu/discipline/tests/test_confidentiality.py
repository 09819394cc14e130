"""Who reads what: cases for the commission and the leadership, a denouncer's name for the
commission alone, issued decisions for the secretary's organization and the member's own."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from conftest import TODAY
from dangvu.discipline import selectors
from dangvu.discipline.services import check_record, complaint_receive, program_create
from dangvu.discipline.tests.conftest import World

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(world: World) -> dict[str, object]:
    program = program_create(actor=world.kiemtra, committee=world.tree.committee,
                             holder="COMMISSION", year=2026, title="Chương trình 2026")  # fmt: skip
    check = check_record(actor=world.kiemtra, program=program, activity="INSPECTION",
                         kind="SIGNS", starts_on=D(2026, 3, 1), ends_on=D(2026, 3, 31),
                         subject_member=world.ann, today=TODAY)  # fmt: skip
    complaint = complaint_receive(actor=world.kiemtra, committee=world.tree.committee,
                                  kind="DENUNCIATION", received_on=D(2026, 2, 20),
                                  summary="Tố cáo vi phạm", sender="Hoàng Văn Tố",
                                  subject_member=world.ann, today=TODAY)  # fmt: skip
    decision = world.decide(world.ann, from_check=check)
    return {"program": program, "check": check, "complaint": complaint, "decision": decision}


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_case_pages_are_missing_for_those_who_may_not_read_cases(
    world: World, cases: dict[str, object]
) -> None:
    pages = [
        reverse("discipline:programs"),
        reverse("discipline:complaints"),
        reverse("discipline:check", args=[cases["check"].pk]),  # type: ignore[attr-defined]
        reverse("discipline:complaint", args=[cases["complaint"].pk]),  # type: ignore[attr-defined]
    ]
    for user in (world.bithu, world.tochuc, world.dangvien):
        assert [_client(user).get(page).status_code for page in pages] == [404] * 4
    assert [_client(world.kiemtra).get(page).status_code for page in pages] == [200] * 4
    assert [_client(world.thuongvu).get(page).status_code for page in pages] == [200] * 4


def test_the_denouncer_is_for_the_commission_alone(world: World, cases: dict[str, object]) -> None:
    page = reverse("discipline:complaint", args=[cases["complaint"].pk])  # type: ignore[attr-defined]
    assert "Hoàng Văn Tố" in _client(world.kiemtra).get(page).content.decode()
    assert "Hoàng Văn Tố" not in _client(world.thuongvu).get(page).content.decode()


def test_issued_decisions(world: World, cases: dict[str, object]) -> None:
    decision = cases["decision"]
    page = reverse("discipline:decision", args=[decision.pk])  # type: ignore[attr-defined]
    for user in (world.kiemtra, world.thuongvu, world.bithu, world.dangvien):
        assert selectors.decisions_visible_to(user).filter(pk=decision.pk).exists()  # type: ignore[attr-defined]
        assert _client(user).get(page).status_code == 200
    assert _client(world.tochuc).get(page).status_code == 403
    # The case behind it: for the commission and the leadership only.
    check_link = reverse("discipline:check", args=[cases["check"].pk])  # type: ignore[attr-defined]
    assert check_link in _client(world.kiemtra).get(page).content.decode()
    assert check_link not in _client(world.bithu).get(page).content.decode()


def test_a_member_sees_only_their_own_decisions(world: World, cases: dict[str, object]) -> None:
    other = world.decide(world.binh)
    assert not selectors.decisions_visible_to(world.dangvien).filter(pk=other.pk).exists()
    page = reverse("discipline:decision", args=[other.pk])
    assert _client(world.dangvien).get(page).status_code == 404


def test_the_audit_trail_keeps_cases_from_other_boards(
    world: World, cases: dict[str, object]
) -> None:
    from dangvu.web.selectors import audit_entries_visible_to

    def actions(user: object) -> set[str]:
        return set(audit_entries_visible_to(user).values_list("action", flat=True))  # type: ignore[arg-type]

    assert any(a.startswith("discipline.") for a in actions(world.kiemtra))
    assert not any(a.startswith("discipline.") for a in actions(world.tochuc))
    assert not any(a.startswith("discipline.") for a in actions(world.bithu))
