"""The dated tree (tree.py), who belongs to which cell when (membership.py), who may act
where (assignment.py), and which đảng ủy cơ sở may admit (authority.py): everything
anchored on a node of the tree."""

from dangvu.organizations.models.assignment import RoleAssignment
from dangvu.organizations.models.authority import AdmissionAuthority
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
    "AdmissionAuthority",
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
