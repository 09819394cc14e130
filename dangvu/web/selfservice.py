"""Hồ sơ của tôi: a member's own page, assembled from every module through its scoped
selectors: the record and its history, ratings by year, badges, the decisions addressed
to them, their cell's meetings with their attendance, their dues, and the corrections they
asked for. The member is the one their member role names: nobody reaches another's here."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from dangvu.discipline.models import Decision
from dangvu.discipline.selectors import decisions_visible_to
from dangvu.dues.standing import DuesStanding, member_dues_standing
from dangvu.evaluation.models import Rating
from dangvu.evaluation.selectors import member_ratings
from dangvu.members.correction_list import member_corrections, own_member_id
from dangvu.members.hooks import record_lines
from dangvu.members.models import CorrectionRequest, Member
from dangvu.members.selectors import (
    MemberLifecycle,
    TimelineItem,
    member_cells,
    member_get_for_user,
    member_lifecycle,
    member_places,
    member_timeline,
)
from dangvu.organizations.access import User
from dangvu.organizations.selectors import Place
from dangvu.plans.models import Attendance, Meeting
from dangvu.plans.selectors import member_meetings


@dataclass(frozen=True)
class OwnRecord:
    member: Member
    place: Place | None  # their cell and its TCCSĐ today
    timeline: list[TimelineItem]
    lifecycle: MemberLifecycle  # badges, transfers, exemptions, party age
    ratings: list[Rating]
    decisions: QuerySet[Decision]
    meetings: list[tuple[Meeting, Attendance | None]]
    dues: DuesStanding | None
    corrections: list[CorrectionRequest]


def own_record(*, user: User, today: dt.date) -> OwnRecord | None:
    """The user's own record and what every module holds about it, or None when no member
    role names one. A constant number of queries, whatever the length of the history."""
    member_id = own_member_id(user)
    if member_id is None:
        return None
    member = member_get_for_user(user=user, pk=member_id, as_of=today)
    places = member_places(member_cells([member], today), today)
    return OwnRecord(
        member=member,
        place=places.get(member.pk),
        timeline=member_timeline(member, record_lines(user, member)),
        lifecycle=member_lifecycle(member, on=today),
        ratings=member_ratings(user=user, member_id=member.pk, today=today),
        decisions=decisions_visible_to(user).filter(subject_member_id=member.pk),
        meetings=member_meetings(user=user, member_id=member.pk, today=today),
        dues=member_dues_standing(user=user, member=member, today=today),
        corrections=member_corrections(user=user, member=member, today=today),
    )
