"""Reads of the organization tree, always through the scoping layer."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.http import Http404

from dangvu.common.text import collation_key
from dangvu.organizations.access import User, org_filter
from dangvu.organizations.models import (
    CELL_KINDS,
    GRASSROOTS_KINDS,
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
    # The organizations the events name by code (a parent, a merge's target), by the name
    # each was last called, so the history reads with names.
    names: dict[str, str]


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
        org=org,
        version=shown,
        active=current is not None,
        versions=versions,
        events=events,
        names=_names_in(events),
    )


# The keys of an event's data that name organizations by code.
_CODE_KEYS = ("old_parent", "new_parent", "into", "received_from")


def _names_in(events: list[OrgEvent]) -> dict[str, str]:
    """Each code EVENTS name, with the organization's latest name: one query."""
    codes: set[str] = set()
    for event in events:
        for key in _CODE_KEYS:
            value = event.data.get(key)
            codes.update(value if isinstance(value, list) else [value] if value else [])
    if not codes:
        return {}
    versions = OrgVersion.objects.filter(org__code__in=codes).order_by("valid_from")
    return dict(versions.values_list("org__code", "name"))  # the latest name last


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


@dataclass(frozen=True)
class Place:
    """Where a record sits, by name: its organization (a member's cell) and the TCCSĐ that
    organization belongs to (itself for a TCCSĐ; None above the grassroots level), so that
    five "Nguyễn Thị An" of a list can be told apart."""

    org: OrgVersion
    grassroots: OrgVersion | None

    @property
    def is_cell(self) -> bool:
        return self.org.kind in CELL_KINDS

    @property
    def cell_name(self) -> str:
        return self.org.name if self.is_cell else ""

    @property
    def grassroots_name(self) -> str:
        return self.grassroots.name if self.grassroots is not None else ""


def places_of(versions: Iterable[OrgVersion], on: dt.date) -> dict[int, Place]:
    """Each of VERSIONS (by organization id) with its TCCSĐ, named as it stood on ON (as it
    last stood before ON when it was not there that day): one query whatever their number.
    The TCCSĐ is the nearest organization of the version's path whose kind is grassroots."""
    versions = list(versions)
    ids = {int(pk) for version in versions for pk in version.path.strip("/").split("/")}
    ids -= {version.org_id for version in versions}
    named: dict[int, OrgVersion] = {version.org_id: version for version in versions}
    if ids:
        # Ordered by start: the last one kept for each organization is the one on ON.
        earlier = OrgVersion.objects.filter(org_id__in=ids, valid_from__lte=on)
        for version in earlier.order_by("org_id", "valid_from"):
            named[version.org_id] = version
    places = {}
    for version in versions:
        path = [int(pk) for pk in version.path.strip("/").split("/")]
        grassroots = next(
            (
                named[pk]
                for pk in reversed(path)
                if pk in named and named[pk].kind in GRASSROOTS_KINDS
            ),
            None,
        )
        places[version.org_id] = Place(version, grassroots)
    return places


def places_on(org_ids: Iterable[int], on: dt.date) -> dict[int, Place]:
    """`places_of` the organizations ORG_IDS as they stood on ON (as they last stood, for
    one gone by then): two queries."""
    ids = set(org_ids)
    found: dict[int, OrgVersion] = {}
    for version in OrgVersion.objects.filter(org_id__in=ids).order_by("org_id", "valid_from"):
        if version.valid_from <= on or version.org_id not in found:
            found[version.org_id] = version
    return places_of(found.values(), on)
