"""Reads of the organization tree, always through the scoping layer."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.http import Http404

from dangvu.common.text import collation_key
from dangvu.organizations.access import User, org_filter
from dangvu.organizations.models import (
    Membership,
    OrgEvent,
    OrgUnit,
    OrgVersion,
    RoleAssignment,
    active_on,
)
from dangvu.organizations.names import committee_name
from dangvu.organizations.roles import Action, Role


@dataclass(frozen=True)
class OrgView:
    org: OrgUnit
    # The version on the requested date, or the last one for an organization already gone.
    version: OrgVersion
    active: bool
    versions: list[OrgVersion]
    events: list[OrgEvent]


def org_get_for_user(
    *, user: User, code: str, as_of: dt.date, action: str = Action.VIEW
) -> OrgView:
    """The organization and its history if the user may read it; 404 otherwise, the same
    as for a code that does not exist."""
    org = OrgUnit.objects.filter(code=code).first()
    if org is None:
        raise Http404
    versions = list(org.versions.select_related("parent").order_by("valid_from"))
    current = next(
        (
            v
            for v in versions
            if v.valid_from <= as_of and (v.valid_to is None or as_of < v.valid_to)
        ),
        None,
    )
    shown = current or versions[-1]
    on = as_of if current else (shown.valid_to or as_of) - dt.timedelta(days=1)
    scope = org_filter(user, on, action=action)
    if not OrgVersion.objects.filter(pk=shown.pk).filter(scope).exists():
        raise Http404
    events = list(org.events.select_related("undone_by").order_by("effective_date", "id"))
    return OrgView(
        org=org, version=shown, active=current is not None, versions=versions, events=events
    )


def org_version_on(org: OrgUnit, on: dt.date) -> OrgVersion | None:
    """ORG as it stood on ON; as it last stood when it was not there that day."""
    return (
        OrgVersion.objects.as_of(on).filter(org=org).first()
        or org.versions.order_by("-valid_from").first()
    )


def members_in_org_count(org: OrgUnit, on: dt.date) -> int:
    return Membership.objects.as_of(on).filter(org=org).count()


def member_ids_in_org(org: OrgUnit, on: dt.date) -> list[int]:
    return list(Membership.objects.as_of(on).filter(org=org).values_list("member_id", flat=True))


def versions_visible_query(
    *, user: User, as_of: dt.date, root: OrgUnit | None = None
) -> QuerySet[OrgVersion]:
    """The versions `versions_visible` lists, as a query: a subquery for the counts made per
    organization, where a list of 50,000 ids would cost more to send than to count."""
    versions = OrgVersion.objects.as_of(as_of).filter(org_filter(user, as_of))
    if root is not None:
        root_version = OrgVersion.objects.as_of(as_of).filter(org=root).first()
        if root_version is None:
            return versions.none()
        versions = versions.in_subtree(root_version.path)
    return versions


def versions_visible(
    *, user: User, as_of: dt.date, root: OrgUnit | None = None
) -> list[OrgVersion]:
    """The organizations the user sees on AS_OF (ROOT's subtree if given), as their
    versions of that day, with their OrgUnit; shallowest first."""
    query = versions_visible_query(user=user, as_of=as_of, root=root)
    return list(query.select_related("org").order_by("depth", "path"))


def in_tree_order(versions: list[OrgVersion]) -> list[OrgVersion]:
    """VERSIONS depth first, parents before their children and siblings in Vietnamese
    order of their names; a version whose parent is not among them starts a subtree."""
    children: dict[int | None, list[OrgVersion]] = {}
    present = {version.org_id for version in versions}
    for version in versions:
        parent = version.parent_id if version.parent_id in present else None
        children.setdefault(parent, []).append(version)
    ordered: list[OrgVersion] = []

    def walk(parent: int | None) -> None:
        for version in sorted(children.get(parent, []), key=lambda v: collation_key(v.name)):
            ordered.append(version)
            walk(version.org_id)

    walk(None)
    return ordered


@dataclass(frozen=True)
class HeldRole:
    """A role a user holds on a date, as the account menu names it: the role's label and the
    organization it covers ("" for the administrator and a member's own record)."""

    label: str
    org_name: str


@dataclass(frozen=True)
class AccountSummary:
    roles: list[HeldRole]
    # Whom the user works for, for the header of printed pages: the committees of the
    # organizations their roles cover, else (an administrator, a member) the tree's roots.
    committee: str


def account_summary(user: AbstractBaseUser, on: dt.date) -> AccountSummary:
    """USER's roles on ON and the committee printed pages are headed with: two queries."""
    assignments = list(
        RoleAssignment.objects.filter(user_id=user.pk).filter(active_on(on)).order_by("pk")
    )
    org_ids = [a.org_id for a in assignments if a.org_id is not None]
    versions = OrgVersion.objects.as_of(on)
    if org_ids:
        versions = versions.filter(org_id__in=org_ids)
    else:
        versions = versions.filter(parent__isnull=True)
    names = dict(versions.order_by("path").values_list("org_id", "name"))
    roles = [
        HeldRole(str(Role(a.role).label), names.get(a.org_id, "") if a.org_id else "")
        for a in assignments
    ]
    committees = dict.fromkeys(committee_name(name) for name in names.values())
    return AccountSummary(roles=roles, committee=" – ".join(committees))
