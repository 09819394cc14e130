"""A round's results for the committee's staff: by level, by sector, against the year before,
the HTXSNV lists, the XLSX export and the round's page, over what the user may see."""

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.test import Client
from python_calamine import CalamineWorkbook

from conftest import TODAY, MakeUser, Tree
from dangvu.common.audit import AuditEntry
from dangvu.common.events import Event
from dangvu.evaluation.export import evaluation_results_export
from dangvu.evaluation.models import Rating, Round
from dangvu.evaluation.results import excellent_lists, results_pack
from dangvu.evaluation.rules import DONE, EXCELLENT, FAILED, GOOD
from dangvu.evaluation.services import round_open
from dangvu.evaluation.tests.conftest import MakeRated, Rated
from dangvu.evaluation.tests.test_results import decide_all
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role

HOSTILE = '=HYPERLINK("http://x.example/","Bấm")'


def last_year(world: Rated) -> Round:
    """The committee's 2020 round, decided: CSA HTXSNV, CSB HTTNV; of the members, one
    KHTNV and the others HTNV. Set directly: what is read here is the counting."""
    before = round_open(
        actor=OPERATOR, committee=world.tree.committee, year=2020, today=TODAY,
        as_of=dt.date(2020, 12, 31),
    )  # fmt: skip
    ratings = Rating.objects.filter(round=before)
    ratings.filter(kind=Rating.Kind.ORG).update(level=GOOD)
    ratings.filter(org=world.tree.grassroots_a, kind=Rating.Kind.ORG).update(level=EXCELLENT)
    members = ratings.filter(kind=Rating.Kind.MEMBER).order_by("pk")
    members.update(level=DONE)
    Rating.objects.filter(pk=members[0].pk).update(level=FAILED)
    return before


def by_level(changes: list[Any]) -> dict[str, tuple[int, float, float | None]]:
    return {
        c.level: (c.count, round(c.percent, 1), None if c.points is None else round(c.points, 1))
        for c in changes
    }


def test_the_pack_counts_by_sector_and_compares_with_the_year_before(rated: MakeRated) -> None:
    world = rated(2021)
    decide_all(world)
    last_year(world)
    members_before = Rating.objects.filter(round__year=2020, kind=Rating.Kind.MEMBER).count()

    pack = results_pack(user=OPERATOR, round_=world.fresh())

    assert members_before == 15  # every member was in a cell at the end of 2020
    assert pack.previous is not None and pack.previous.round.year == 2020
    assert by_level(pack.organizations) == {
        "HTXSNV": (0, 0.0, -50.0), "HTTNV": (2, 100.0, 50.0),
        "HTNV": (0, 0.0, 0.0), "KHTNV": (0, 0.0, 0.0),
    }  # fmt: skip
    assert by_level(pack.members) == {
        "HTXSNV": (2, 13.3, 13.3), "HTTNV": (13, 86.7, 86.7),
        "HTNV": (0, 0.0, -93.3), "KHTNV": (0, 0.0, -6.7),
    }  # fmt: skip
    sectors = {
        row.sector: (row.organizations.rated, row.organizations.levels, row.members.levels)
        for row in pack.sectors
    }
    assert list(sectors) == ["PARTY_MASS", "ADMINISTRATIVE"]  # the order of the statistics forms
    assert sectors["ADMINISTRATIVE"] == (
        1,
        {"HTXSNV": 0, "HTTNV": 1, "HTNV": 0, "KHTNV": 0},
        {"HTXSNV": 2, "HTTNV": 10, "HTNV": 0, "KHTNV": 0},
    )
    assert sectors["PARTY_MASS"][2] == {"HTXSNV": 0, "HTTNV": 3, "HTNV": 0, "KHTNV": 0}


def test_without_a_round_the_year_before_there_is_nothing_to_compare(rated: MakeRated) -> None:
    world = rated(2021)
    decide_all(world)

    pack = results_pack(user=OPERATOR, round_=world.fresh())

    assert pack.previous is None
    assert {c.points for c in pack.organizations + pack.members} == {None}


def test_the_pack_takes_the_same_queries_however_many_ratings(
    rated: MakeRated, django_assert_num_queries: Any
) -> None:
    world = rated(2021)
    decide_all(world)
    last_year(world)
    round_ = world.fresh()

    # The round before, then both years' levels in one grouped count and their commendations
    # in another: fifteen members or fifteen thousand.
    with django_assert_num_queries(3):
        results_pack(user=OPERATOR, round_=round_)
    with django_assert_num_queries(3):
        excellent_lists(user=OPERATOR, round_=round_)


def test_a_secretary_sees_only_their_organizations_figures_and_lists(
    rated: MakeRated, make_user: MakeUser, tree: Tree
) -> None:
    world = rated(2021)
    decide_all(world)
    last_year(world)
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)

    pack = results_pack(user=secretary, round_=world.fresh())
    organizations, members = excellent_lists(user=secretary, round_=world.round)

    assert (pack.results.organizations.rated, pack.results.members.rated) == (1, 12)
    assert pack.previous is not None and pack.previous.members.rated == 12
    assert [row.sector for row in pack.sectors] == ["ADMINISTRATIVE"]
    assert by_level(pack.organizations)["HTXSNV"] == (0, 0.0, -100.0)  # CSA was HTXSNV in 2020
    assert organizations == []
    assert [m.rating.label for m in members] == ["Nguyễn Văn A0", "Nguyễn Văn A1"]
    outsider = make_user("khac", Role.SECRETARY, tree.grassroots_b)
    assert excellent_lists(user=outsider, round_=world.round) == ([], [])


def test_the_htxsnv_lists_sort_members_by_given_name_with_their_tccsd(
    rated: MakeRated, tree: Tree
) -> None:
    world = rated(2021)
    decide_all(world)
    Rating.objects.filter(member=world.b[2], round=world.round).update(level=EXCELLENT)
    Rating.objects.filter(org=tree.grassroots_b, kind=Rating.Kind.ORG).update(level=EXCELLENT)

    organizations, members = excellent_lists(user=OPERATOR, round_=world.round)

    assert [o.rating.label for o in organizations] == ["Chi bộ Hội Nông dân tỉnh"]
    # "A0" and "A1" sort before "C2" by the given name, whatever the family name.
    assert [(m.rating.label, m.unit, m.cell) for m in members] == [
        ("Nguyễn Văn A0", "Đảng bộ Sở Tài chính", "Chi bộ Văn phòng"),
        ("Nguyễn Văn A1", "Đảng bộ Sở Tài chính", "Chi bộ Văn phòng"),
        ("Lê Văn C2", "Chi bộ Hội Nông dân tỉnh", "Chi bộ Hội Nông dân tỉnh"),
    ]


def test_the_export_holds_the_figures_and_every_rating_as_readers_see_them(
    rated: MakeRated, tmp_path: Path
) -> None:
    world = rated(2021)
    decide_all(world)
    last_year(world)
    Rating.objects.filter(member=world.b[0], round=world.round).update(override_reason=HOSTILE)
    path = tmp_path / "ket-qua.xlsx"

    count = evaluation_results_export(user=OPERATOR, round_=world.fresh(), path=path)

    assert count == 4 + 15  # every organization (the TCCSĐ and the cells inside) and member
    calamine = CalamineWorkbook.from_path(str(path))
    assert calamine.sheet_names == ["Kết quả", "Theo loại hình", "Tổ chức đảng", "Đảng viên"]
    levels = calamine.get_sheet_by_name("Kết quả").to_python()
    assert levels[2][:4] == ["Đối tượng", "Xếp loại", "Số lượng", "Tỷ lệ (%)"]
    members_good = next(r for r in levels if r[:2] == ["Đảng viên", "Hoàn thành tốt nhiệm vụ"])
    assert members_good[2:] == [13, 86.7, 0, 0, 86.7]
    sectors = calamine.get_sheet_by_name("Theo loại hình").to_python()
    assert ["Cơ quan hành chính", "Đảng viên", 12, 2, 16.7, 10, 83.3, 0, 0, 0, 0] in sectors
    members = calamine.get_sheet_by_name("Đảng viên").to_python()
    assert members[1][1:6] == ["Đảng bộ Sở Tài chính", "Nguyễn Văn A0", "", "", "HTXSNV"]
    assert [row[7] for row in members if row[2] == "Lê Văn C0"] == [HOSTILE]
    book = openpyxl.load_workbook(path)
    cell = next(c for row in book["Đảng viên"].iter_rows() for c in row if c.value == HOSTILE)
    assert cell.data_type == "s"  # text, never a formula
    organizations_good = book["Kết quả"]["C5"]  # under the title, a blank row and the header
    assert (organizations_good.value, organizations_good.data_type) == (2, "n")
    assert AuditEntry.objects.filter(action=Event.EVALUATION_EXPORTED).count() == 1


def test_the_round_page_shows_the_comparison_sectors_and_links(
    rated: MakeRated, make_user: MakeUser, tree: Tree
) -> None:
    world = rated(2021)
    decide_all(world)
    last_year(world)
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    client = Client()
    client.login(username="tochuc", password="mat-khau-dai-123")

    page = client.get(f"/app/evaluation/{world.round.pk}/").content.decode()
    listed = client.get(f"/app/evaluation/{world.round.pk}/htxsnv/").content.decode()
    download = client.get(f"/app/evaluation/{world.round.pk}/ket-qua.xlsx")

    assert "so với năm 2020" in page
    assert "13 (86,7%)" in page and "+86,7" in page and "-50,0" in page
    assert 'data-sector="ADMINISTRATIVE"' in page and "Cơ quan hành chính" in page
    assert "10 (83,3%)" in page  # the department's members rated HTTNV
    assert f"/app/evaluation/{world.round.pk}/htxsnv/" in page
    assert "Nguyễn Văn A1" in listed and "Lê Văn C0" not in listed
    assert download["Content-Disposition"].endswith('ket-qua-danh-gia-2021.xlsx"')


@pytest.mark.parametrize("pk", [2**63, 10**30])
def test_a_round_past_the_ids_is_not_found(make_user: MakeUser, tree: Tree, pk: int) -> None:
    make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)
    client = Client()
    client.login(username="tochuc", password="mat-khau-dai-123")

    assert client.get(f"/app/evaluation/{pk}/htxsnv/").status_code == 404
    assert client.get(f"/app/evaluation/{pk}/ket-qua.xlsx").status_code == 404
