"""The member registry (registry.py) and the records of its lifecycle (lifecycle.py).
`Status` is derived from a member's dates, never stored (`members.facts`)."""

from dangvu.members.facts import Status
from dangvu.members.models.lifecycle import AdmissionCase, BadgeAward, Exemption, Transfer
from dangvu.members.models.registry import (
    ExitReason,
    Gender,
    LifecycleState,
    Member,
    MemberQuerySet,
    RemovalReason,
)

__all__ = [
    "AdmissionCase",
    "BadgeAward",
    "Exemption",
    "ExitReason",
    "Gender",
    "LifecycleState",
    "Member",
    "MemberQuerySet",
    "RemovalReason",
    "Status",
    "Transfer",
]
