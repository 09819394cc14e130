"""The figures of inspection, supervision and discipline for a year, as they stood on a
date, within a user's reach and a subtree: what `dangvu stats`, the pages and the reports
share (the one statistics layer reads them here)."""

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Q

from dangvu.discipline.models import Appeal, Check, Complaint, Decision
from dangvu.discipline.rules import Form
from dangvu.organizations.access import User, org_filter
from dangvu.organizations.models import OrgUnit, OrgVersion
from dangvu.organizations.roles import Resource

MEMBER_FORMS = (Form.REPRIMAND, Form.WARNING, Form.DISMISSAL, Form.EXPULSION)
ORG_FORMS = (Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION)


def form_on(decision: Decision, appeals: list[Appeal], on: dt.date) -> str:
    """DECISION's form as it stood on ON: as decided, then as each appeal resolved by ON
    left it ('' once annulled)."""
    form = decision.form
    for appeal in sorted(appeals, key=lambda a: (a.resolved_on or dt.date.max, a.pk)):
        if appeal.resolved_on is None or appeal.resolved_on > on:
            break
        if appeal.outcome == Appeal.Outcome.CHANGED:
            form = appeal.new_form
        elif appeal.outcome == Appeal.Outcome.ANNULLED:
            form = ""
    return form


def _within(user: User, as_of: dt.date, root: OrgUnit | None) -> Q:
    """Records filed under organizations USER reaches, and under ROOT's subtree on AS_OF."""
    condition = org_filter(user, as_of, resource=Resource.DECISIONS)
    if root is not None:
        top = OrgVersion.objects.as_of(as_of).filter(org=root).first()
        inside = OrgVersion.objects.as_of(as_of).filter(path__startswith=top.path if top else "")
        condition &= Q(org_id__in=inside.values("org_id")) if top else Q(pk__in=[])
    return condition


def _labelled(counts: Counter[str], forms: tuple[str, ...]) -> dict[str, int]:
    return {str(Form(form).label).lower(): counts[form] for form in forms}


def discipline_figures(
    *, user: User, as_of: dt.date, root: OrgUnit | None = None
) -> dict[str, Any]:
    """For the year of AS_OF, up to AS_OF: members and organizations disciplined by form
    (as appeals had left them then), inspections and supervisions started, by kind, and
    complaints received, by outcome then."""
    year = as_of.year
    scope = _within(user, as_of, root)
    decisions = list(
        Decision.objects.filter(scope, decided_on__year=year, decided_on__lte=as_of)
        .prefetch_related("appeals")
    )  # fmt: skip
    members: Counter[str] = Counter()
    orgs: Counter[str] = Counter()
    for decision in decisions:
        form = form_on(decision, list(decision.appeals.all()), as_of)
        (members if decision.subject_member_id else orgs)[form] += 1
    checks = Check.objects.filter(scope, starts_on__year=year, starts_on__lte=as_of)
    by_activity = Counter(checks.values_list("activity", flat=True))
    by_kind = Counter(checks.values_list("activity", "kind"))
    complaints = Complaint.objects.filter(scope, received_on__year=year, received_on__lte=as_of)
    outcomes: Counter[str] = Counter(
        outcome if closed_on is not None and closed_on <= as_of else ""
        for outcome, closed_on in complaints.values_list("outcome", "closed_on")
    )
    return {
        "year": year,
        "members": _labelled(members, MEMBER_FORMS),
        "organizations": _labelled(orgs, ORG_FORMS),
        "inspections": by_activity[Check.Activity.INSPECTION],
        "supervisions": by_activity[Check.Activity.SUPERVISION],
        "checks_by_kind": {
            f"{activity}:{kind}": count for (activity, kind), count in sorted(by_kind.items())
        },
        "complaints": {
            str(Complaint.Outcome(outcome).label).lower(): outcomes[outcome]
            for outcome in Complaint.Outcome.values
        },
    }
