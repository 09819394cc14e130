"""Movements of a period in a subtree: admitted, recognized official, transferred in and
out, and the exits by reason (removed, expelled, died, probationers not recognized), the
removals (xóa tên) by their ground under the Charter.

The subtree is taken as it stood at the period's start and at its end, so that units that
moved in or out during the period keep the movements they had; a period across a change of
the tree says so (`tree_changes`). Counted in grouped queries: constant in the members."""

from typing import Any

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from dangvu.members.models import ExitReason, RemovalReason
from dangvu.organizations.models import GRASSROOTS_KINDS, Membership, OrgEvent, OrgKind, OrgVersion
from dangvu.stats.scope import Scope, org_ids

# The changes that move organizations between committees (a rename changes no figure).
RESTRUCTURING = (
    OrgEvent.Kind.CREATED,
    OrgEvent.Kind.MOVED,
    OrgEvent.Kind.MERGED,
    OrgEvent.Kind.SPLIT,
    OrgEvent.Kind.DISSOLVED,
)


def _covering(day: str) -> Q:
    """The membership held on the member's DAY (a field of the member)."""
    return Q(valid_from__lte=F(f"member__{day}")) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=F(f"member__{day}"))
    )


def movements(scope: Scope) -> dict[str, Any]:
    """What happened to the roll of SCOPE's subtree from START to END, both included."""
    ids = sorted(set(org_ids(scope, scope.start)) | set(org_ids(scope, scope.end)))
    period = (scope.start, scope.end)
    inside = Membership.objects.filter(org_id__in=ids)
    starts = dict(
        inside.filter(valid_from__range=period, start__in=["ADMITTED", "TRANSFER_IN"])
        .values_list("start")
        .annotate(n=Count("member_id", distinct=True))
        .order_by()
    )
    recognized = (
        inside.filter(_covering("official_date"), member__official_date__range=period)
        .values("member_id")
        .distinct()
        .count()
    )
    exits: dict[str, int] = {}
    removals: dict[str, int] = {}
    grouped = (
        inside.filter(_covering("exit_date"), member__exit_date__range=period)
        .values_list("member__exit_reason", "member__exit_detail")
        .annotate(n=Count("member_id", distinct=True))
        .order_by()
    )
    for reason, detail, n in grouped:  # a member has one reason and one detail
        exits[reason] = exits.get(reason, 0) + n
        if reason == ExitReason.REMOVED:
            removals[detail] = removals.get(detail, 0) + n
    return {
        "from": scope.start.isoformat(),
        "to": scope.end.isoformat(),
        "admitted": starts.get("ADMITTED", 0),
        "recognized": recognized,
        "transferred_in": starts.get("TRANSFER_IN", 0),
        "transferred_out": exits.get(ExitReason.TRANSFERRED_OUT, 0),
        "removed": exits.get(ExitReason.REMOVED, 0),
        "expelled": exits.get(ExitReason.EXPELLED, 0),
        "died": exits.get(ExitReason.DIED, 0),
        "not_recognized": exits.get(ExitReason.NOT_RECOGNIZED, 0),
        "removed_by_reason": _removals(removals),
        "tree_changes": tree_changes(scope, ids),
    }


def _removals(counts: dict[str, int]) -> list[dict[str, Any]]:
    """The removals by ground, as rows {code, label, count} in the Charter's order; a
    removal recorded without one of its grounds (before the registry asked) last."""
    rows = [
        {"code": code, "label": str(label), "count": counts.get(code, 0)}
        for code, label in RemovalReason.choices
    ]
    other = sum(n for code, n in counts.items() if code not in RemovalReason.values)
    if other:
        rows.append({"code": "", "label": _("Không ghi căn cứ"), "count": other})
    return rows


def tree_changes(scope: Scope, ids: list[int]) -> dict[str, Any]:
    """The restructuring of committees and TCCSĐ within the period (after START, up to
    END): the committees created or dissolved by name, the TCCSĐ affected by count."""
    events = list(
        OrgEvent.objects.filter(
            org_id__in=ids,
            kind__in=RESTRUCTURING,
            effective_date__gt=scope.start,
            effective_date__lte=scope.end,
            undone_by__isnull=True,
        ).values_list("org_id", "kind", "effective_date")
    )
    days = {org_id: day for org_id, _kind, day in events}
    described: dict[int, tuple[str, str, str]] = {}
    versions = OrgVersion.objects.filter(org_id__in=days).select_related("org")
    for version in versions.order_by("valid_from"):  # the version in force on the day
        if version.org_id not in described or version.valid_from <= days[version.org_id]:
            described[version.org_id] = (version.kind, version.name, version.org.code)
    committees, grassroots = [], set()
    for org_id, kind, day in sorted(events, key=lambda e: (e[2], e[0])):
        org_kind, name, code = described.get(org_id, ("", "", ""))
        if org_kind == OrgKind.UPPER_COMMITTEE:
            committees.append({"on": day.isoformat(), "kind": kind, "code": code, "name": name})
        elif org_kind in GRASSROOTS_KINDS:
            grassroots.add(org_id)
    return {
        "changed": bool(committees or grassroots),
        "dates": sorted({e["on"] for e in committees}),
        "committees": committees,
        "grassroots_affected": len(grassroots),
    }
