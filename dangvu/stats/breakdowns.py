"""Organizations by kind and sector, and members by each attribute the registry holds, on
one day for one subtree. One grouped query per attribute: the cost grows with the number
of attributes and organizations, never with the number of members."""

from collections import Counter
from typing import Any

from django.db.models import Case, CharField, Count, Q, Value, When
from django.db.models.query import QuerySet
from django.utils.translation import gettext as _

from dangvu.members.facts import official_on, probationary_on
from dangvu.members.models import Gender, Member
from dangvu.members.rules import AGE_BANDS, birth_date_range
from dangvu.organizations.access import org_filter
from dangvu.organizations.models import GRASSROOTS_KINDS, Membership, OrgKind, Sector
from dangvu.organizations.selectors import versions_visible
from dangvu.stats.scope import Scope, org_ids

# The member's fields counted, in the order of the statistical forms (Biểu 1–4-TCTW).
ATTRIBUTES = (
    "gender",
    "ethnicity",
    "religion",
    "general_education",
    "professional_qualification",
    "political_theory",
    "occupation",
)


def age_band_expression(scope: Scope) -> Case:
    """The member's age band on the scope's END as an SQL expression ('' under 18)."""
    whens = []
    for code, _youngest, _oldest in AGE_BANDS:
        earliest, latest = birth_date_range(code, scope.end)
        condition = Q(member__birth_date__lte=latest)
        if earliest is not None:
            condition &= Q(member__birth_date__gt=earliest)
        whens.append(When(condition, then=Value(code)))
    return Case(*whens, default=Value(""), output_field=CharField())


def members_on_roll(scope: Scope) -> QuerySet[Membership]:
    """The memberships of the members on the roll on END (admitted by then, not exited:
    official or probationary), in the scope's subtree. Over the whole tree of a user who
    sees all of it, no list of organizations: the database counts the roll alone."""
    on = scope.end
    roll = Membership.objects.as_of(on).filter(
        ~Q(member__exit_date__lte=on), member__admission_date__lte=on
    )
    if scope.root is None and not org_filter(scope.user, on):
        return roll
    return roll.filter(org_id__in=org_ids(scope, on))


def _labelled(field: str, counts: Counter[str]) -> list[dict[str, Any]]:
    """COUNTS of FIELD's codes as rows {code, label, count}: in the order of the field's
    choices, or the largest first for free text; blanks last as “not recorded”."""
    choices = getattr(Member._meta.get_field(field), "choices", None)
    if choices:
        order = [(str(code), str(label)) for code, label in choices]
    else:
        order = [(code, code) for code, _n in counts.most_common() if code]
    rows = [{"code": code, "label": label, "count": counts[code]} for code, label in order]
    rows = [row for row in rows if row["count"]]
    if counts[""]:
        rows.append({"code": "", "label": _("Chưa ghi"), "count": counts[""]})
    return rows


def member_breakdowns(scope: Scope) -> dict[str, Any]:
    """Members on the roll on END by status, age band and each of ATTRIBUTES."""
    roll = members_on_roll(scope)
    found: dict[str, Any] = {}
    statuses = roll.aggregate(
        official=Count("id", filter=official_on(scope.end, "member__")),
        probationary=Count("id", filter=probationary_on(scope.end, "member__")),
    )
    found["status"] = {**statuses, "total": statuses["official"] + statuses["probationary"]}
    bands = Counter(
        dict(roll.values_list(age_band_expression(scope)).annotate(n=Count("id")).order_by())
    )
    found["age_band"] = [
        {"code": code, "label": code, "count": bands[code]} for code, _lo, _hi in AGE_BANDS
    ]
    for field in ATTRIBUTES:
        rows = roll.values_list(f"member__{field}").annotate(n=Count("id")).order_by()
        found[field] = _labelled(field, Counter({code or "": n for code, n in rows}))
    found["women"] = next((r["count"] for r in found["gender"] if r["code"] == Gender.FEMALE), 0)
    found["ethnic_minority"] = sum(r["count"] for r in found["ethnicity"] if r["code"] != "01")
    found["religious"] = sum(r["count"] for r in found["religion"] if r["code"] not in ("", "00"))
    return found


def org_breakdowns(scope: Scope) -> dict[str, Any]:
    """Organizations on END by kind, and the TCCSĐ by sector (loại hình)."""
    versions = versions_visible(user=scope.user, as_of=scope.end, root=scope.root)
    kinds = Counter(version.kind for version in versions)
    sectors = Counter(v.org.sector for v in versions if v.kind in GRASSROOTS_KINDS)
    return {
        "grassroots": sum(kinds[kind] for kind in GRASSROOTS_KINDS),
        "by_kind": [
            {"code": code, "label": str(label), "count": kinds[code]}
            for code, label in OrgKind.choices
        ],
        "grassroots_by_sector": [
            {"code": code, "label": str(label), "count": sectors[code]}
            for code, label in Sector.choices
            if sectors[code]
        ],
    }
