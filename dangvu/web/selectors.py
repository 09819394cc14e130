"""Reads that assemble pages from several apps: an organization's page, and the audit
trail, scoped like everything else."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from dangvu.common import clock
from dangvu.common.audit_display import Line, actor_name, entry_changes, entry_facts
from dangvu.common.events import CONFIDENTIAL_EVENTS
from dangvu.common.models import AuditEntry
from dangvu.members.selectors import MemberFilter, MemberPage, member_page
from dangvu.organizations.access import User, org_filter
from dangvu.organizations.authorities import admission_authorities
from dangvu.organizations.models import AdmissionAuthority, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.rulesets import SharedWarning, shared_warnings
from dangvu.organizations.selectors import OrgView, org_get_for_user
from dangvu.stats.selectors import LevelNode, org_level


def audit_entries_visible_to(user: User) -> QuerySet[AuditEntry]:
    """Entries about organizations the user may audit today; newest first. Entries tied
    to no organization (system-wide batches) are for those who see everything. Entries of
    inspection and discipline only for those who may read the cases as well."""
    today = clock.today()
    scope = org_filter(user, today, resource=Resource.AUDIT, action=Action.VIEW)
    cases = org_filter(user, today, resource=Resource.DISCIPLINE, action=Action.VIEW)
    confidential = Q(action__startswith=CONFIDENTIAL_EVENTS)
    return (
        AuditEntry.objects.filter(scope)
        .filter(~confidential | (confidential & cases))
        .select_related("actor")
        .annotate(org_name=_latest_name("org_id"))
        .order_by("-occurred_at", "-id")
    )


@dataclass(frozen=True)
class AuditFilter:
    """The audit log's filters; empty ones filter nothing."""

    person: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    org: OrgUnit | None = None
    action: str = ""
    object: str = ""


def audit_entries_filtered(user: User, filters: AuditFilter) -> QuerySet[AuditEntry]:
    """The entries USER may see that match FILTERS: by who acted (every word of the name or
    the user name), the day it was recorded, the organization and those under it today,
    the action, and the record's name."""
    entries = audit_entries_visible_to(user).filter(batch__isnull=True)
    for word in filters.person.split():
        entries = entries.filter(
            Q(actor__username__icontains=word)
            | Q(actor__first_name__icontains=word)
            | Q(actor__last_name__icontains=word)
        )
    if filters.start is not None:
        entries = entries.filter(occurred_at__date__gte=filters.start)
    if filters.end is not None:
        entries = entries.filter(occurred_at__date__lte=filters.end)
    if filters.org is not None:
        today = clock.today()
        top = OrgVersion.objects.as_of(today).filter(org=filters.org).first()
        under = (
            OrgVersion.objects.as_of(today).in_subtree(top.path).values("org_id")
            if top is not None
            else [filters.org.pk]  # an organization gone since: its own entries
        )
        entries = entries.filter(org_id__in=under)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.object:
        entries = entries.filter(object_repr__icontains=filters.object)
    return entries


def audit_rows_of(entry: AuditEntry) -> QuerySet[AuditEntry]:
    """The per-record rows of a bulk entry, in the order they were written."""
    return (
        entry.rows.select_related("actor").annotate(org_name=_latest_name("org_id")).order_by("id")
    )


def _latest_name(column: str) -> Subquery:
    """The name of the organization in COLUMN, as it was last called (an entry outlives
    the names and even the organizations it was about)."""
    versions = OrgVersion.objects.filter(org_id=OuterRef(column)).order_by("-valid_from")
    return Subquery(versions.values("name")[:1])


def audit_entry_get_for_user(*, user: User, pk: int) -> AuditEntry:
    entry = audit_entries_visible_to(user).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


@dataclass(frozen=True)
class AuditShown:
    """An entry as its page shows it: labels, names and dates, never codes or ids."""

    entry: AuditEntry
    label: str
    actor: str
    org: str
    lines: list[Line]


def audit_shown(entry: AuditEntry) -> AuditShown:
    return AuditShown(
        entry=entry,
        label=entry.get_action_display(),
        actor=actor_name(entry),
        org=getattr(entry, "org_name", None) or "",
        lines=entry_changes(entry) + entry_facts(entry),
    )


@dataclass(frozen=True)
class OrgPage:
    view: OrgView
    # The date the page's figures are for: the requested one, or the organization's last
    # day for one that no longer exists.
    on: dt.date
    # The organizations directly under it, with the size notices most of them share said
    # once (`shared`) and left out of their rows.
    nodes: list[LevelNode]
    shared: list[SharedWarning]
    members: MemberPage
    # A đảng bộ cơ sở's authorisations to admit members, newest first (none for the others).
    authorities: list[AdmissionAuthority]


def org_page(*, user: User, code: str, as_of: dt.date, params: Mapping[str, str]) -> OrgPage:
    """Everything the organization page shows: the record and its history, the
    organizations directly under it with their counts (not its whole subtree: each has its
    own page), and a page of its members."""
    view = org_get_for_user(user=user, code=code, as_of=as_of)
    on = as_of if view.active else (view.version.valid_to or as_of) - dt.timedelta(days=1)
    nodes = org_level(user=user, as_of=on, parent=view.org)
    shared, left = shared_warnings([node.warnings for node in nodes])
    for node, warnings in zip(nodes, left, strict=True):
        node.warnings = warnings
    return OrgPage(
        view=view,
        on=on,
        nodes=nodes,
        shared=shared,
        members=member_page(user=user, filters=MemberFilter(as_of=on, org=view.org), params=params),
        authorities=list(admission_authorities(view.org)),
    )
