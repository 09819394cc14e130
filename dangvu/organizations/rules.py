"""Pure rules about the organization tree: which kind may sit under which. Size thresholds
are a rule set per Charter (`organizations.rulesets`)."""

from dangvu.organizations.models import OrgKind

# Điều lệ Đảng (2011) Điều 21–24; Quy định 294-QĐ/TW mục 1 keeps the same hierarchy.
ALLOWED_PARENT_KINDS: dict[str, tuple[str | None, ...]] = {
    OrgKind.UPPER_COMMITTEE: (None,),
    OrgKind.GRASSROOTS_COMMITTEE: (OrgKind.UPPER_COMMITTEE,),
    OrgKind.GRASSROOTS_CELL: (OrgKind.UPPER_COMMITTEE,),
    OrgKind.SUB_COMMITTEE: (OrgKind.GRASSROOTS_COMMITTEE,),
    OrgKind.CELL: (OrgKind.GRASSROOTS_COMMITTEE, OrgKind.SUB_COMMITTEE),
}


def parent_allowed(kind: str, parent_kind: str | None) -> bool:
    """A grassroots organization sits under an upper committee, a cell under a đảng bộ."""
    return parent_kind in ALLOWED_PARENT_KINDS[kind]
