"""Who a round rates: the TCCSĐ under its committee, the organizations inside them and
their members, as the tree and the registry stood on the round's date."""

from dangvu.evaluation.models import Rating, Round
from dangvu.organizations.models import GRASSROOTS_KINDS, Membership, OrgVersion


def _ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/")]


def round_subjects(round_: Round, committee: OrgVersion) -> list[Rating]:
    """Unsaved ratings for everyone ROUND_ rates under COMMITTEE (its version on the round's
    date). A TCCSĐ is decided by the committee; the rest by their TCCSĐ."""
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
            Rating(
                round=round_,
                kind=Rating.Kind.ORG,
                org_id=version.org_id,
                parent_id=version.parent_id or committee.org_id,
                unit_id=unit,
                decider_id=committee.org_id if version.org_id == unit else unit,
                label=version.name,
            )
        )
    memberships = (
        Membership.objects.as_of(as_of)
        .filter(org_id__in=unit_of)
        .select_related("member")
        .only("org_id", "member__id", "member__full_name")
        .order_by("member__sort_key", "member_id")
    )
    for membership in memberships:
        unit = unit_of[membership.org_id]
        ratings.append(
            Rating(
                round=round_,
                kind=Rating.Kind.MEMBER,
                org_id=membership.org_id,
                member_id=membership.member_id,
                parent_id=membership.org_id,
                unit_id=unit,
                decider_id=unit,
                label=membership.member.full_name,
            )
        )
    return ratings
