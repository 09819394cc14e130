"""Where a record sits: its organization and the TCCSĐ above it, by name, as of a date,
read for a whole page in one query."""

import datetime as dt
from typing import Any

from conftest import Tree
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgVersion
from dangvu.organizations.selectors import places_of, places_on
from dangvu.organizations.services import org_rename

D = dt.date
ON = D(2026, 6, 1)


def _versions(*orgs: Any) -> list[OrgVersion]:
    return list(OrgVersion.objects.as_of(ON).filter(org__in=orgs))


def test_a_cell_sits_in_its_grassroots_committee_and_a_grassroots_cell_in_itself(
    tree: Tree,
) -> None:
    places = places_of(_versions(tree.cell_a1, tree.grassroots_b, tree.committee), ON)

    cell, grassroots_cell = places[tree.cell_a1.pk], places[tree.grassroots_b.pk]
    assert (cell.cell_name, cell.grassroots_name) == ("Chi bộ Văn phòng", "Đảng bộ Sở Tài chính")
    assert (
        grassroots_cell.cell_name == grassroots_cell.grassroots_name == "Chi bộ Hội Nông dân tỉnh"
    )
    # Above the grassroots level there is no TCCSĐ, and no cell.
    assert places[tree.committee.pk].grassroots is None
    assert places[tree.committee.pk].cell_name == ""


def test_the_tccsd_is_named_as_it_stood_on_the_date(tree: Tree) -> None:
    org_rename(actor=OPERATOR, org=tree.grassroots_a, new_name="Đảng bộ Sở Tài chính mới",
               effective_date=D(2025, 1, 1), decision="")  # fmt: skip

    before = places_on([tree.cell_a2.pk], D(2024, 6, 1))[tree.cell_a2.pk]
    after = places_on([tree.cell_a2.pk], ON)[tree.cell_a2.pk]

    assert before.grassroots_name == "Đảng bộ Sở Tài chính"
    assert after.grassroots_name == "Đảng bộ Sở Tài chính mới"


def test_a_page_of_places_costs_one_query_whatever_its_size(
    tree: Tree, django_assert_num_queries: Any
) -> None:
    versions = _versions(tree.cell_a1, tree.cell_a2, tree.grassroots_b, tree.grassroots_a)

    with django_assert_num_queries(1):
        places = places_of(versions, ON)

    assert len(places) == 4
