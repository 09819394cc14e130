"""Reads of the audit trail, scoped like everything else."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from dangvu.accounts.roles import Action, Resource
from dangvu.common.access import User, org_filter
from dangvu.common.models import AuditEntry


def audit_entries_visible_to(user: User) -> QuerySet[AuditEntry]:
    """Entries about organizations the user may audit today; newest first. Entries tied
    to no organization (system-wide batches) are for those who see everything."""
    scope = org_filter(user, timezone.localdate(), resource=Resource.AUDIT, action=Action.VIEW)
    return (
        AuditEntry.objects.filter(scope)
        .select_related("actor", "org")
        .order_by("-occurred_at", "-id")
    )


def audit_entry_get_for_user(*, user: User, pk: int) -> AuditEntry:
    entry = audit_entries_visible_to(user).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry
