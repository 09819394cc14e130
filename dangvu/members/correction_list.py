"""Reads of the correction requests (yêu cầu điều chỉnh hồ sơ), from what the user may see:
those about members in their reach, a member's own, one request."""

import datetime as dt

from django.db.models import Case, QuerySet, When
from django.http import Http404

from dangvu.members.models import CorrectionRequest, Member
from dangvu.organizations.access import User, member_in_scope, membership_filter, user_scope
from dangvu.organizations.models import Membership
from dangvu.organizations.roles import Action, Resource


def own_member_id(user: User) -> int | None:
    """The record the user's member role names (the lowest id if, by mistake, several)."""
    own = user_scope(user, Resource.MEMBER, Action.VIEW).member_ids
    return min(own) if own else None


def corrections_visible_to(
    user: User, today: dt.date, action: str = Action.VIEW
) -> QuerySet[CorrectionRequest]:
    """Requests about the members USER may see (or, with ACTION, change) in their cell of
    TODAY, or about the user's own record; open ones first, then newest."""
    reach = Membership.objects.as_of(today).filter(membership_filter(user, today, action=action))
    return (
        CorrectionRequest.objects.filter(member_id__in=reach.values("member_id"))
        .select_related("member", "requested_by", "decided_by")
        .order_by(
            Case(When(status=CorrectionRequest.Status.PENDING, then=0), default=1),
            "-requested_at",
            "-id",
        )
    )


def correction_get_for_user(
    *, user: User, pk: int, today: dt.date, action: str = Action.VIEW
) -> CorrectionRequest:
    """The request if USER may see (or change) its member, through their cell of TODAY or
    their latest one, or as their own record; 404 otherwise, as for a missing one."""
    found = (
        CorrectionRequest.objects.select_related("member", "requested_by", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if found is None or not member_in_scope(user, Resource.MEMBER, action, found.member_id, today):
        raise Http404
    return found


def member_corrections(*, user: User, member: Member, today: dt.date) -> list[CorrectionRequest]:
    """MEMBER's requests, newest first, if USER may see the member (none otherwise)."""
    if not member_in_scope(user, Resource.MEMBER, Action.VIEW, member.pk, today):
        return []
    return list(
        CorrectionRequest.objects.filter(member=member)
        .select_related("decided_by")
        .order_by("-requested_at", "-id")
    )
