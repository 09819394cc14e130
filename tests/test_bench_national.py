"""The national-size registry of `make bench` is a registry the product reads as its own:
the list, the tree's figures and the 2025 merger of the provinces, as of any date."""

import datetime as dt

import pytest

from bench.national import MERGER, PROVINCES, PROVINCES_AFTER_MERGER, national_build
from conftest import TODAY
from dangvu.members.models import Member
from dangvu.members.selectors import MemberFilter, member_list
from dangvu.organizations.access import Operator
from dangvu.stats.models import DirtyCell
from dangvu.stats.selectors import org_tree


@pytest.mark.django_db
def test_the_written_registry_reads_like_one_built_by_the_services() -> None:
    summary = national_build(3_000, today=TODAY)
    assert not DirtyCell.objects.exists()  # its marks switched off or dropped

    before = org_tree(user=Operator(), as_of=MERGER - dt.timedelta(days=1))
    after = org_tree(user=Operator(), as_of=MERGER)
    listed = member_list(user=Operator(), filters=MemberFilter(as_of=TODAY)).count()
    (root,) = org_tree(user=Operator(), as_of=TODAY)

    assert summary.members == Member.objects.count() == 3_000
    assert [len(top.children) for top in before] == [PROVINCES]
    assert [len(top.children) for top in after] == [PROVINCES_AFTER_MERGER]
    assert before[0].grassroots_orgs == after[0].grassroots_orgs == summary.grassroots
    assert root.counts.total == listed
    assert 0.8 * summary.members < listed < summary.members  # some moved on, some left
    first = member_list(user=Operator(), filters=MemberFilter(as_of=TODAY))[:3]
    keys = [bytes(member.sort_key) for member in first]
    assert keys == sorted(keys)
