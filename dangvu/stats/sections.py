"""The figures each module contributes to the pack, one small function per module over a
`Scope`. A module that grows a figure adds it to its own function here; a new module adds
a function and its entry in `pack.SECTIONS`."""

from typing import Any

from django.db.models import Count, F, Q, Sum

from dangvu.discipline.figures import discipline_figures
from dangvu.dues.models import DuesPayment
from dangvu.evaluation.models import Round
from dangvu.evaluation.selectors import evaluation_results
from dangvu.members.models import BadgeAward
from dangvu.organizations.models import OrgKind, OrgUnit
from dangvu.organizations.selectors import versions_visible
from dangvu.plans.selectors import plan_as_json, plans_visible_on
from dangvu.stats.scope import Scope, org_ids


def committees(scope: Scope) -> list[OrgUnit]:
    """The upper committees of the scope on END, whose rounds and plans the pack reads."""
    versions = versions_visible(user=scope.user, as_of=scope.end, root=scope.root)
    return [version.org for version in versions if version.kind == OrgKind.UPPER_COMMITTEE]


def evaluation_section(scope: Scope) -> list[dict[str, object]]:
    """The decided levels of the year's round of each committee, over what the user sees."""
    rounds = Round.objects.filter(committee__in=committees(scope), year=scope.year)
    return [
        evaluation_results(user=scope.user, round_=round_).as_json()
        for round_ in rounds.select_related("committee").order_by("committee__code")
    ]


def plans_section(scope: Scope) -> dict[str, list[dict[str, Any]]]:
    """Each committee's plan of the year, its targets and tasks on AS_OF, and the tasks
    set for the year after (the year-end conference sets them)."""
    plans = plans_visible_on(scope.user, scope.end).filter(
        committee__in=committees(scope), year__in=(scope.year, scope.year + 1)
    )
    found: dict[str, list[dict[str, Any]]] = {"year": [], "next_year": []}
    for plan in plans.select_related("committee").order_by("committee__code", "year"):
        key = "year" if plan.year == scope.year else "next_year"
        found[key].append(plan_as_json(plan, scope.as_of))
    return found


def badges_section(scope: Scope) -> dict[str, Any]:
    """Party badges awarded in the period to members of the subtree (on the day of the
    award, or on their last day for a posthumous one), by milestone (years of party age)."""
    ids = sorted(set(org_ids(scope, scope.start)) | set(org_ids(scope, scope.end)))
    held = (
        Q(member__memberships__org_id__in=ids)
        & Q(member__memberships__valid_from__lte=F("awarded_on"))
        & (
            Q(member__memberships__valid_to__isnull=True)
            | Q(member__memberships__valid_to__gt=F("awarded_on"))
            | Q(member__memberships__valid_to=F("member__exit_date"))
        )
    )
    rows = (
        BadgeAward.objects.filter(held, awarded_on__range=(scope.start, scope.end))
        .values_list("milestone")
        .annotate(n=Count("id", distinct=True))
        .order_by("milestone")
    )
    by_milestone = {str(milestone): n for milestone, n in rows}
    return {"awarded": sum(by_milestone.values()), "by_milestone": by_milestone}


def dues_section(scope: Scope) -> dict[str, object]:
    """Dues paid for the months of the period in the subtree's cells: the sum and the
    members who paid."""
    paid = DuesPayment.objects.filter(
        cell_id__in=org_ids(scope, scope.end),
        month__gte=scope.start.replace(day=1),
        month__lte=scope.end,
    ).aggregate(amount=Sum("amount"), members=Count("member_id", distinct=True))
    return {"paid": int(paid["amount"] or 0), "members_paying": paid["members"]}


def discipline_section(scope: Scope) -> dict[str, Any]:
    """Inspection, supervision and discipline of END's year up to END."""
    return discipline_figures(user=scope.user, as_of=scope.end, root=scope.root)
