"""The entry screen over HTTP: a secretary sees their group, the live check reports the
quota as typed without saving, a save refused by the rules writes nothing, an override
saves, and hostile forms get messages, not errors."""

import datetime as dt

from django.test import Client

from conftest import TODAY, MakeUser, Tree
from dangvu.evaluation.models import Rating, Round, Stage
from dangvu.evaluation.services import round_advance
from dangvu.evaluation.tests.conftest import MakeRated, Rated
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _form(world: Rated, levels: list[str], **extra: str) -> dict[str, str]:
    form = {f"level-{world.of(m).pk}": level for m, level in zip(world.a1, levels, strict=True)}
    return form | extra


def _proposals(rated: MakeRated) -> Rated:
    world = rated(2021)
    round_advance(actor=OPERATOR, round_=world.round, today=TODAY)
    assert world.fresh().stage == Stage.PROPOSAL
    return world


def test_live_check_shows_the_quota_and_saves_nothing(
    rated: MakeRated, make_user: MakeUser, tree: Tree
) -> None:
    world = _proposals(rated)
    client = _client(make_user("bithu", Role.SECRETARY, tree.grassroots_a))
    base = f"/app/evaluation/{world.round.pk}/rate/{tree.grassroots_a.pk}/member/"
    page = client.get(base)
    assert page.status_code == 200 and "Nguyễn Văn A0" in page.content.decode()
    check = client.post(base + "check/", _form(world, ["HTXSNV", "HTXSNV"] + ["HTTNV"] * 8))
    body = check.content.decode()
    assert 'data-quota-remaining="-1"' in body and "vượt tỷ lệ tối đa 20%" in body
    assert not Rating.objects.exclude(proposed_level="").exists()


def test_a_refused_save_writes_nothing_and_an_override_saves(
    rated: MakeRated, make_user: MakeUser, tree: Tree
) -> None:
    world = _proposals(rated)
    client = _client(make_user("bithu", Role.SECRETARY, tree.grassroots_a))
    base = f"/app/evaluation/{world.round.pk}/rate/{tree.grassroots_a.pk}/member/"
    levels = ["HTXSNV", "HTXSNV"] + ["HTTNV"] * 8
    refused = client.post(base, _form(world, levels))
    assert refused.status_code == 200 and "data-refused" in refused.content.decode()
    assert not Rating.objects.exclude(proposed_level="").exists()
    reason = {f"override-{world.of(world.a1[1]).pk}": "Gương sáng tiêu biểu của năm"}
    saved = client.post(base, _form(world, levels, **reason))
    assert saved.status_code == 302
    assert world.of(world.a1[1]).proposed_level == "HTXSNV"
    report = client.get(f"/app/evaluation/{world.round.pk}/").content.decode()
    assert "Xếp loại giữ trái quy định, có lý do" in report
    assert "Gương sáng tiêu biểu của năm" in report


def test_hostile_forms_are_answered_with_marks_not_errors(
    rated: MakeRated, make_user: MakeUser, tree: Tree
) -> None:
    world = _proposals(rated)
    client = _client(make_user("bithu", Role.SECRETARY, tree.grassroots_a))
    base = f"/app/evaluation/{world.round.pk}/rate/{tree.grassroots_a.pk}/member/"
    row = world.of(world.a1[0]).pk
    for form in (
        {f"level-{row}": "XUẤT SẮC"},
        {f"level-{row}": "HTTNV", f"score-{row}": "1e999"},
        {f"level-{row}": "HTTNV", f"override-{row}": "x" * 100_000},
    ):
        response = client.post(base, form)
        assert response.status_code in (200, 302)
    overlong = client.post(base, {f"level-{row}": "HTTNV", f"override-{row}": "x" * 100_000})
    assert "dài quá 2000 ký tự" in overlong.content.decode()
    assert (
        client.get(
            f"/app/evaluation/{world.round.pk}/rate/{tree.grassroots_a.pk}/other/"
        ).status_code
        == 404
    )
    assert client.get(f"/app/evaluation/{world.round.pk}/rate/{2**63}/member/").status_code == 404


def test_another_tccsd_cannot_open_the_group(
    rated: MakeRated, make_user: MakeUser, tree: Tree
) -> None:
    world = _proposals(rated)
    client = _client(make_user("bithu_b", Role.SECRETARY, tree.grassroots_b))
    base = f"/app/evaluation/{world.round.pk}/rate/{tree.grassroots_a.pk}/member/"
    assert client.get(base).status_code == 404
    assert client.post(base, _form(world, ["HTTNV"] * 10)).status_code == 404
    assert not Rating.objects.exclude(proposed_level="").exists()


def test_committee_staff_open_a_round_from_the_web(tree: Tree, make_user: MakeUser) -> None:
    staff = _client(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    page = staff.get("/app/evaluation/").content.decode()
    assert 'id="round-open"' in page and "(DBK)" in page

    opened = staff.post("/app/evaluation/open/", {"committee": tree.committee.pk, "year": 2022})
    round_ = Round.objects.get(committee=tree.committee, year=2022)
    assert opened["Location"] == f"/app/evaluation/{round_.pk}/"
    assert round_.as_of == dt.date(2022, 12, 31) and round_.ratings.count() == 4

    again = staff.post("/app/evaluation/open/", {"committee": tree.committee.pk, "year": 2022})
    assert "DBK đã có đợt đánh giá năm 2022." in again.content.decode()
    future = staff.post("/app/evaluation/open/", {"committee": tree.committee.pk, "year": 9999})
    assert "Năm đánh giá phải từ 2000 đến năm nay (2026)." in future.content.decode()
    outside_year = staff.post(
        "/app/evaluation/open/",
        {"committee": tree.committee.pk, "year": 2023, "as_of": "31/12/2024"},
    )
    assert "Ngày chốt danh sách phải trong năm 2023" in outside_year.content.decode()
    assert Round.objects.count() == 1


def test_a_secretary_is_not_offered_to_open_a_round(tree: Tree, make_user: MakeUser) -> None:
    secretary = _client(make_user("bithu", Role.SECRETARY, tree.grassroots_a))
    assert 'id="round-open"' not in secretary.get("/app/evaluation/").content.decode()
    refused = secretary.post(
        "/app/evaluation/open/", {"committee": tree.committee.pk, "year": 2022}
    )
    assert refused.status_code == 403 and not Round.objects.exists()
