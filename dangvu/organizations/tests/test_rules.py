import pytest

from dangvu.organizations.models import OrgKind
from dangvu.organizations.rules import parent_allowed


@pytest.mark.parametrize(
    ("kind", "parent", "allowed"),
    [
        (OrgKind.UPPER_COMMITTEE, None, True),
        (OrgKind.GRASSROOTS_CELL, OrgKind.UPPER_COMMITTEE, True),
        (OrgKind.CELL, OrgKind.GRASSROOTS_COMMITTEE, True),
        (OrgKind.CELL, OrgKind.SUB_COMMITTEE, True),
        (OrgKind.CELL, OrgKind.UPPER_COMMITTEE, False),
        (OrgKind.CELL, OrgKind.GRASSROOTS_CELL, False),
        (OrgKind.GRASSROOTS_COMMITTEE, None, False),
    ],
)
def test_which_kind_may_sit_under_which(kind: str, parent: str | None, allowed: bool) -> None:
    assert parent_allowed(kind, parent) is allowed
