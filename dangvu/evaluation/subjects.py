"""Who a round rates: the TCCSĐ under its committee, the organizations inside them and
their members, as the tree and the registry stood on the round's date."""

from typing import Any

from dangvu.evaluation.models import Rating, Round
from dangvu.organizations.models import GRASSROOTS_KINDS, Membership, OrgVersion


def _ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/")]


def round_subjects(round_: Round, committee: OrgVersion) -> list[dict[str, Any]]:
    """The rows (`Rating` columns by attname, for `insert_rows`: a round holds thousands)
    of everyone ROUND_ rates under COMMITTEE (its version on the round's date). A TCCSĐ is
    decided by the committee; the rest by their TCCSĐ."""
    as_of, depth = round_.as_of, committee.depth
    versions = list(
        OrgVersion.objects.as_of(as_of).in_subtree(committee.path).exclude(org=committee.org)
    )
    grassroots = {v.org_id for v in versions if v.kind in GRASSROOTS_KINDS and v.depth == depth + 1}
    unit_of = {}
    ratings = []
    for version in sorted(versions, key=lambda v: v.path):
        ids = _ids(version.path)
        unit = ids[depth + 1] if len(ids) > depth + 1 else None
        if unit not in grassroots:
            continue  # not under a TCCSĐ of this committee
        unit_of[version.org_id] = unit
        ratings.append(
            {
                "round_id": round_.pk,
                "kind": Rating.Kind.ORG.value,
                "org_id": version.org_id,
                "parent_id": version.parent_id or committee.org_id,
                "unit_id": unit,
                "decider_id": committee.org_id if version.org_id == unit else unit,
                "label": version.name,
            }
        )
    memberships = (
        Membership.objects.as_of(as_of)
        .filter(org_id__in=unit_of)
        .order_by("member__sort_key", "member_id")
        .values_list("org_id", "member_id", "member__full_name")
    )
    for org_id, member_id, full_name in memberships:
        unit = unit_of[org_id]
        ratings.append(
            {
                "round_id": round_.pk,
                "kind": Rating.Kind.MEMBER.value,
                "org_id": org_id,
                "member_id": member_id,
                "parent_id": org_id,
                "unit_id": unit,
                "decider_id": unit,
                "label": full_name,
            }
        )
    return ratings
