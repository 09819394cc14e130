"""The one scoping layer: every read of party data starts from what a user may see, and
every write checks each organization and member it touches through `require`.

A user's role assignments (`RoleAssignment`) valid today decide what they may do
(`roles.GRANTS`) and where: each assignment covers its organization's subtree as the tree
stands today, and as it stood on the date being viewed. So a secretary sees the history of
their cells, and the staff of a committee see the units it holds today even in years before
they arrived. Records outside the scope answer 404, like missing ones.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.organizations.models import Membership, OrgUnit, OrgVersion, RoleAssignment, active_on
from dangvu.organizations.roles import Action, Resource, Role, grants


class Operator:
    """The person at the server's console (management commands without --user): every
    organization, like a system administrator. Audited with no user attached."""

    is_active = True
    is_superuser = True
    is_authenticated = True
    pk = None


OPERATOR = Operator()
User = AbstractBaseUser | AnonymousUser | Operator


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    roots: frozenset[int] = field(default_factory=frozenset)  # organization ids
    member_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def empty(self) -> bool:
        return not (self.everything or self.roots or self.member_ids)


def user_scope(user: User, resource: str, action: str) -> Scope:
    """Where USER may do ACTION on RESOURCE, from their assignments valid today."""
    if not (user.is_active and user.is_authenticated):
        return Scope()
    # Django's users and the operator have the flag; the stubs know it only for the former.
    if getattr(user, "is_superuser", False):
        return Scope(everything=True)
    assert isinstance(user, AbstractBaseUser)  # the anonymous and the operator are answered
    cache: dict[tuple[str, str], Scope] = user.__dict__.setdefault("_dangvu_scopes", {})
    if (resource, action) not in cache:
        cache[(resource, action)] = _scope_from_assignments(user, resource, action)
    return cache[(resource, action)]


def _scope_from_assignments(user: AbstractBaseUser, resource: str, action: str) -> Scope:
    if "_dangvu_assignments" not in user.__dict__:
        user.__dict__["_dangvu_assignments"] = list(
            RoleAssignment.objects.filter(user_id=user.pk).filter(active_on(clock.today()))
        )
    roots, members = set(), set()
    for assignment in user.__dict__["_dangvu_assignments"]:
        if not grants(assignment.role, resource, action):
            continue
        if assignment.role == Role.ADMIN:
            return Scope(everything=True)
        if assignment.role == Role.MEMBER:
            members.add(assignment.member_id)
        else:
            roots.add(assignment.org_id)
    return Scope(roots=frozenset(roots), member_ids=frozenset(members))


def may(user: User, resource: str, action: str) -> bool:
    """Whether USER may do ACTION on RESOURCE anywhere at all (the views' entrance check)."""
    return not user_scope(user, resource, action).empty


def visible_org_ids(scope: Scope, as_of: dt.date) -> QuerySet[OrgVersion, int] | None:
    """Ids of the organizations SCOPE covers when viewing AS_OF; None for everything."""
    if scope.everything:
        return None
    condition = Q(pk__in=[])
    for day in {clock.today(), as_of}:
        for path in (
            OrgVersion.objects.as_of(day)
            .filter(org_id__in=scope.roots)
            .values_list("path", flat=True)
        ):
            condition |= active_on(day) & Q(path__startswith=path)
    return OrgVersion.objects.filter(condition).values_list("org_id", flat=True)


def org_filter(
    user: User,
    as_of: dt.date,
    *,
    resource: str = Resource.ORG,
    action: str = Action.VIEW,
    field_name: str = "org_id",
) -> Q:
    """Q restricting an organization-id FIELD_NAME to what USER may see on AS_OF."""
    ids = visible_org_ids(user_scope(user, resource, action), as_of)
    return Q() if ids is None else Q(**{f"{field_name}__in": ids})


def membership_filter(user: User, as_of: dt.date, *, action: str = Action.VIEW) -> Q:
    """Q over Membership rows the user may see: in their organizations, or their own."""
    scope = user_scope(user, Resource.MEMBER, action)
    ids = visible_org_ids(scope, as_of)
    if ids is None:
        return Q()
    return Q(org_id__in=ids) | Q(member_id__in=scope.member_ids)


def org_in_scope(user: User, resource: str, action: str, org_id: int, on: dt.date) -> bool:
    """Whether USER may do ACTION on RESOURCE at the organization ORG_ID, placed in the tree
    as it stands on ON or today."""
    ids = visible_org_ids(user_scope(user, resource, action), on)
    return ids is None or ids.filter(org_id=org_id).exists()


def member_in_scope(user: User, resource: str, action: str, member_id: int, on: dt.date) -> bool:
    """Whether USER may do ACTION on RESOURCE for the member MEMBER_ID: through their cell
    on ON, or their latest cell (a member who has left is reached through the cell they
    left, as it stood on their last day there), or as their own record."""
    scope = user_scope(user, resource, action)
    if scope.everything or member_id in scope.member_ids:
        return True
    rows = Membership.objects.filter(member_id=member_id)
    checks = [(row, on) for row in rows.as_of(on)]
    last = rows.order_by("-valid_from").first()
    if last is not None:
        checks.append((last, last.valid_to - dt.timedelta(days=1) if last.valid_to else on))
    return any(
        (ids := visible_org_ids(scope, day)) is None or ids.filter(org_id=row.org_id).exists()
        for row, day in checks
    )


class OutOfScope(Http404):
    """A write names an organization or a member outside the user's reach. It answers like
    a missing object: 404 on the web (hence Http404), a located problem in imports, a
    refusal in the CLI; the service's transaction writes nothing."""


def require(
    user: User,
    resource: str,
    action: str,
    *,
    on: dt.date | None = None,
    org: OrgUnit | None = None,
    member: Model | None = None,
) -> None:
    """The one check of every write, made by the service for the source and every
    destination it touches: USER may do ACTION on RESOURCE at ORG, or for MEMBER, on ON
    (the change's date; today if it has none). With neither, the target is the whole tree
    (a new top organization, a system-wide setting), which only those who see everything
    may touch. Raises OutOfScope."""
    on = on or clock.today()
    if member is not None:
        allowed = member.pk is not None and member_in_scope(user, resource, action, member.pk, on)
        what = _("Đảng viên")
    elif org is not None:
        allowed = org_in_scope(user, resource, action, org.pk, on)
        what = _("Tổ chức %(code)s") % {"code": org.code}
    else:
        allowed = user_scope(user, resource, action).everything
        what = _("Toàn bộ hệ thống")
    if not allowed:
        raise OutOfScope(_("%(what)s nằm ngoài phạm vi của bạn.") % {"what": what})
