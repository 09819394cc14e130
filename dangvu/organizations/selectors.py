"""Reads of the organization tree, always through the scoping layer."""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404

from dangvu.accounts.roles import Action
from dangvu.common.access import User, org_filter
from dangvu.organizations.models import OrgEvent, OrgUnit, OrgVersion

if TYPE_CHECKING:
    from dangvu.members.selectors import MemberPage
    from dangvu.stats.selectors import TreeNode


@dataclass(frozen=True)
class OrgView:
    org: OrgUnit
    # The version on the requested date, or the last one for an organization already gone.
    version: OrgVersion
    active: bool
    versions: list[OrgVersion]
    events: list[OrgEvent]


def org_get_for_user(
    *, user: User, code: str, as_of: dt.date, action: str = Action.VIEW
) -> OrgView:
    """The organization and its history if the user may read it; 404 otherwise, the same
    as for a code that does not exist."""
    org = OrgUnit.objects.filter(code=code).first()
    if org is None:
        raise Http404
    versions = list(org.versions.select_related("parent").order_by("valid_from"))
    current = next(
        (
            v
            for v in versions
            if v.valid_from <= as_of and (v.valid_to is None or as_of < v.valid_to)
        ),
        None,
    )
    shown = current or versions[-1]
    on = as_of if current else (shown.valid_to or as_of) - dt.timedelta(days=1)
    scope = org_filter(user, on, action=action)
    if not OrgVersion.objects.filter(pk=shown.pk).filter(scope).exists():
        raise Http404
    events = list(org.events.order_by("effective_date", "id"))
    return OrgView(
        org=org, version=shown, active=current is not None, versions=versions, events=events
    )


@dataclass(frozen=True)
class OrgPage:
    view: OrgView
    # The date the page's figures are for: the requested one, or the organization's last
    # day for one that no longer exists.
    on: dt.date
    nodes: "list[TreeNode]"
    members: "MemberPage"


def org_page(*, user: User, code: str, as_of: dt.date, page_number: str | None) -> OrgPage:
    """Everything the organization page shows: the record and its history, the
    sub-organizations with their counts, and a page of its members."""
    from dangvu.members.selectors import MemberFilter, member_page
    from dangvu.stats.selectors import flatten, org_tree

    view = org_get_for_user(user=user, code=code, as_of=as_of)
    on = as_of if view.active else (view.version.valid_to or as_of) - dt.timedelta(days=1)
    return OrgPage(
        view=view,
        on=on,
        nodes=flatten(org_tree(user=user, as_of=on, root=view.org))[1:],
        members=member_page(
            user=user, filters=MemberFilter(as_of=on, org=view.org), number=page_number
        ),
    )
