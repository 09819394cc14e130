"""The one scoping layer: every read of party data starts from what a user may see.

Today the registry has one kind of user, the committee's staff, who see every
organization. Role assignments scoped to subtrees plug in here (see docs/ARCHITECTURE.md):
`visible_roots` is the only function that decides, and every selector goes through it.
"""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q


class Operator:
    """The person at the server's console (management commands without --user): every
    organization, like a system administrator. Audited with no user attached."""

    is_active = True
    is_staff = True
    is_superuser = True
    is_authenticated = True
    pk = None


User = AbstractBaseUser | AnonymousUser | Operator

EVERYTHING = None


def visible_roots(user: User, as_of: dt.date) -> list[str] | None:
    """Paths of the subtrees USER may read on AS_OF; None means every organization."""
    if user.is_active and getattr(user, "is_staff", False):
        return EVERYTHING
    return []


def path_visible(user: User, path: str, as_of: dt.date) -> bool:
    roots = visible_roots(user, as_of)
    return roots is EVERYTHING or any(path.startswith(root) for root in roots)


def path_filter(user: User, as_of: dt.date, field: str = "path") -> Q:
    """Q restricting an organization-path FIELD to what USER may read on AS_OF."""
    roots = visible_roots(user, as_of)
    if roots is EVERYTHING:
        return Q()
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(**{f"{field}__startswith": root})
    return condition
