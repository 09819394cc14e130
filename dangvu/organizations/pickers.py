"""What the organization picker offers for each purpose: the organizations a user may use
there, found by code or by name without accents, each shown with its parents."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from dangvu.common.text import fold
from dangvu.organizations.access import User, org_filter, org_in_scope
from dangvu.organizations.models import CELL_KINDS, OrgKind, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.selectors import org_version_on


@dataclass(frozen=True)
class Purpose:
    resource: str
    action: str
    kinds: tuple[str, ...] | None = None  # None: any kind


PURPOSES = {
    # A new parent or a merge target: a structure change there.
    "org": Purpose(Resource.ORG, Action.CHANGE),
    # Where members are placed: a new admission's cell, a transfer's destination.
    "cell": Purpose(Resource.MEMBER, Action.CHANGE, tuple(CELL_KINDS)),
    # The organization that receives an import.
    "members": Purpose(Resource.MEMBER, Action.CHANGE),
    # A list filter.
    "view": Purpose(Resource.MEMBER, Action.VIEW),
    # The organization tree's search box.
    "tree": Purpose(Resource.ORG, Action.VIEW),
    # The subject of a check, a complaint or a discipline decision, and the deciding body.
    "discipline": Purpose(Resource.DISCIPLINE, Action.CHANGE),
    # The committee of a plan, a task's owner, the organization that meets.
    "plans": Purpose(Resource.PLANS, Action.CHANGE),
    # Where a role is given (the accounts' pages): the settings of that subtree.
    "roles": Purpose(Resource.SETTINGS, Action.CHANGE),
}


def org_for_purpose(*, user: User, purpose: str, code: str, on: dt.date) -> OrgUnit | None:
    """The organization CODE names, if the user may use it for PURPOSE on ON."""
    wanted = PURPOSES[purpose]
    org = OrgUnit.objects.filter(code=code.strip().upper()).first()
    if org is None or not org_in_scope(user, wanted.resource, wanted.action, org.pk, on):
        return None
    return org


def org_choices(
    *, user: User, purpose: str, query: str, on: dt.date, limit: int = 20
) -> list[tuple[str, str]]:
    """Up to LIMIT (code, label) pairs for QUERY: organizations active on ON that the user
    may use for PURPOSE, whose code starts with QUERY or whose name holds each of its
    words without accents; the label names the organization and its parents."""
    wanted = PURPOSES[purpose]
    versions = OrgVersion.objects.as_of(on).filter(
        org_filter(user, on, resource=wanted.resource, action=wanted.action)
    )
    if wanted.kinds is not None:
        versions = versions.filter(kind__in=wanted.kinds)
    words = fold(query).split()
    if words:
        by_name = Q()
        for word in words:
            by_name &= Q(search_text__contains=word)
        versions = versions.filter(by_name | Q(org__code__istartswith=query.strip()))
    found = list(versions.select_related("org").order_by("depth", "search_text")[:limit])
    labels = _labels(found, on)
    return [(v.org.code, f"{labels[v.org_id]} ({v.org.code})") for v in found]


def org_label(org: OrgUnit, on: dt.date) -> str:
    """ORG as people name it on ON: after its parents below the committee ("Đảng bộ Sở Tài
    chính › Chi bộ Văn phòng"); as it last stood when it was not there that day."""
    version = org_version_on(org, on)
    return _labels([version], on)[org.pk] if version else org.code


def _labels(versions: list[OrgVersion], on: dt.date) -> dict[int, str]:
    """Each version's name after its parents' on ON, the committee left out: two queries."""
    ancestor_ids = {int(pk) for v in versions for pk in v.path.strip("/").split("/")[:-1]}
    names = dict(
        OrgVersion.objects.as_of(on)
        .filter(org_id__in=ancestor_ids)
        .exclude(kind=OrgKind.UPPER_COMMITTEE)
        .values_list("org_id", "name")
    )
    return {
        version.org_id: " › ".join([
            *(names[int(pk)] for pk in version.path.strip("/").split("/")[:-1]
              if int(pk) in names),
            version.name,
        ])
        for version in versions
    }  # fmt: skip
