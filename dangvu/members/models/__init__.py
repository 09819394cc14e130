"""The member registry (registry.py), the records of its lifecycle (lifecycle.py), the
periods out of the Party (gaps.py) and the members' correction requests (corrections.py).
`Status` is derived from a member's dates, never stored (`members.facts`)."""

from dangvu.members.facts import Status
from dangvu.members.models.corrections import CORRECTABLE_FIELDS, CorrectionRequest
from dangvu.members.models.gaps import GapReason, PartyGap
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
    "CORRECTABLE_FIELDS",
    "AdmissionCase",
    "BadgeAward",
    "CorrectionRequest",
    "Exemption",
    "ExitReason",
    "GapReason",
    "Gender",
    "LifecycleState",
    "Member",
    "MemberQuerySet",
    "PartyGap",
    "RemovalReason",
    "Status",
    "Transfer",
]
