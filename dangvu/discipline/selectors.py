"""Reads of inspection, supervision and discipline, through the one scoping layer.

Two rights (`organizations.roles`): DISCIPLINE, the cases themselves (programs, checks,
complaints, decisions with the case behind them), which only the Inspection commission and
the leadership hold; DECISIONS, the decisions once issued, which a secretary holds for their
organization's members and a member for their own. A denouncer's name is for the
commission alone (those who may change DISCIPLINE)."""

import datetime as dt
from collections.abc import Collection

from django.db.models import Q, QuerySet
from django.http import Http404

from dangvu.common import clock
from dangvu.discipline.models import Appeal, Check, Complaint, Decision, Program
from dangvu.organizations.access import User, org_filter, user_scope
from dangvu.organizations.roles import Action, Resource


def cases_filter(user: User, field_name: str = "org_id", action: str = Action.VIEW) -> Q:
    return org_filter(user, clock.today(), resource=Resource.DISCIPLINE, action=action,
                      field_name=field_name)  # fmt: skip


def programs_visible_to(user: User) -> QuerySet[Program]:
    return (
        Program.objects.filter(cases_filter(user, "committee_id"))
        .select_related("committee")
        .prefetch_related("committee__versions")  # the committee's name on each row
        .order_by("-year", "holder", "id")
    )


def program_get_for_user(user: User, pk: int) -> Program:
    found = programs_visible_to(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def checks_visible_to(user: User) -> QuerySet[Check]:
    return (
        Check.objects.filter(cases_filter(user))
        .select_related("program", "subject_org", "subject_member", "org")
        .order_by("starts_on", "id")
    )


def check_get_for_user(user: User, pk: int) -> Check:
    found = checks_visible_to(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def complaints_visible_to(user: User) -> QuerySet[Complaint]:
    return (
        Complaint.objects.filter(cases_filter(user, "committee_id"))
        .select_related("subject_org", "subject_member")
        .order_by("-received_on", "-id")
    )


def complaint_get_for_user(user: User, pk: int) -> Complaint:
    found = complaints_visible_to(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def sees_senders(user: User, complaint: Complaint) -> bool:
    """Whether USER may read who sent COMPLAINT: the commission, which changes cases."""
    return Complaint.objects.filter(
        cases_filter(user, "committee_id", Action.CHANGE), pk=complaint.pk
    ).exists()


def sees_cases(user: User, decision: Decision) -> bool:
    """Whether USER may read the case behind DECISION (its check, findings, appeals)."""
    return Decision.objects.filter(cases_filter(user), pk=decision.pk).exists()


def decisions_visible_to(user: User) -> QuerySet[Decision]:
    """Issued decisions USER may read: in their DECISIONS scope, or about themselves."""
    scope = user_scope(user, Resource.DECISIONS, Action.VIEW)
    in_orgs = org_filter(user, clock.today(), resource=Resource.DECISIONS)
    # An empty Q is everything; OR-ing it would keep only the other side.
    visible = in_orgs | Q(subject_member_id__in=scope.member_ids) if in_orgs else Q()
    return (
        Decision.objects.filter(visible)
        .select_related("subject_org", "subject_member", "org", "body_org")
        .prefetch_related("body_org__versions")  # the deciding body's name on each row
        .order_by("-decided_on", "-id")
    )


def decision_get_for_user(user: User, pk: int) -> Decision:
    found = decisions_visible_to(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def appeals_of(decision: Decision) -> QuerySet[Appeal]:
    return decision.appeals.order_by("filed_on", "id")


def in_force(on: dt.date) -> Q:
    """Decisions taken by ON and not annulled (their effective form holds)."""
    return Q(decided_on__lte=on) & ~Q(effective_form="")


def member_decisions(member_ids: Collection[int], on: dt.date) -> QuerySet[Decision]:
    """The decisions about MEMBER_IDS in force on ON, unscoped: the effects' reader."""
    return Decision.objects.filter(in_force(on), subject_member_id__in=member_ids)
