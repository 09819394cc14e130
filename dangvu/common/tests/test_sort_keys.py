"""Stored sort keys record the ICU that made them; after an ICU upgrade the system check
says so, and `dangvu rekey` makes them again so that lists stay in Vietnamese order."""

import pytest
from django.core.management import call_command

from conftest import TODAY, AddMember, Tree
from dangvu.common import sort_keys
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry, SortKeyVersion
from dangvu.common.sort_keys import icu_version, sort_keys_check
from dangvu.members.models import Member
from dangvu.members.selectors import MemberFilter, member_list
from dangvu.organizations.access import OPERATOR

# Given names An < Ánh < Bình < Dung < Đức: a tone after its bare letter, đ after d.
VIETNAMESE_ORDER = [
    "Lê Văn An",
    "Phạm Thị Ánh",
    "Hoàng Văn Bình",
    "Trần Thị Dung",
    "Nguyễn Văn Đức",
]


def _listed() -> list[str]:
    members = member_list(user=OPERATOR, filters=MemberFilter(as_of=TODAY))
    return [member.full_name for member in members]


@pytest.fixture
def registered(tree: Tree, add_member: AddMember) -> None:
    for name in reversed(VIETNAMESE_ORDER):
        add_member(tree.cell_a1, full_name=name)


def test_keys_of_another_icu_are_reported_and_rebuilt_into_vietnamese_order(
    registered: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sort_keys, "CHUNK", 2)  # several chunks, as on a national table
    # As an older ICU might have left them: keys that order the names the wrong way.
    for rank, member in enumerate(Member.objects.order_by("pk")):
        Member.objects.filter(pk=member.pk).update(sort_key=bytes([100 + rank]))
    SortKeyVersion.objects.update_or_create(
        table="members.member", defaults={"icu_version": "ICU 60.1, Unicode 10.0"}
    )
    assert _listed() != VIETNAMESE_ORDER
    assert [message.id for message in sort_keys_check()] == ["dangvu.W001"]

    call_command("rekey")

    assert _listed() == VIETNAMESE_ORDER
    assert sort_keys_check() == []
    assert SortKeyVersion.objects.get(table="members.member").icu_version == icu_version()
    entry = AuditEntry.objects.get(action=Event.SORT_KEYS_REBUILT)
    assert entry.data == {"icu_version": icu_version(), "rows": len(VIETNAMESE_ORDER)}


def test_keys_of_the_running_icu_are_left_alone(registered: None) -> None:
    SortKeyVersion.objects.update_or_create(
        table="members.member", defaults={"icu_version": icu_version()}
    )
    keys = list(Member.objects.order_by("pk").values_list("sort_key", flat=True))

    call_command("rekey")

    assert list(Member.objects.order_by("pk").values_list("sort_key", flat=True)) == keys
    assert not AuditEntry.objects.filter(action=Event.SORT_KEYS_REBUILT).exists()


def test_a_table_whose_version_was_never_recorded_is_reported(registered: None) -> None:
    SortKeyVersion.objects.all().delete()

    assert [message.id for message in sort_keys_check()] == ["dangvu.W001"]
