"""The dated tree (tree.py), who belongs to which cell when (membership.py), and who may
act where (assignment.py): everything anchored on a node of the tree."""

from dangvu.organizations.models.assignment import RoleAssignment
from dangvu.organizations.models.membership import Membership, MembershipQuerySet
from dangvu.organizations.models.tree import (
    CELL_KINDS,
    GRASSROOTS_KINDS,
    OrgEvent,
    OrgKind,
    OrgUnit,
    OrgVersion,
    OrgVersionQuerySet,
    Sector,
    active_on,
)

__all__ = [
    "CELL_KINDS",
    "GRASSROOTS_KINDS",
    "Membership",
    "MembershipQuerySet",
    "OrgEvent",
    "OrgKind",
    "OrgUnit",
    "OrgVersion",
    "OrgVersionQuerySet",
    "RoleAssignment",
    "Sector",
    "active_on",
]
