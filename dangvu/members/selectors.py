"""Reads of the member registry, always starting from what the user may see."""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from dangvu.common.audit_display import Line, actor_name, entry_changes
from dangvu.common.events import EDITS, Event
from dangvu.common.keyset import COUNT_LIMIT, KeysetPage, keyset_page
from dangvu.common.models import AuditEntry
from dangvu.common.months import age_in_months
from dangvu.common.rulesets import rules_for
from dangvu.common.text import fold
from dangvu.members import facts, rules
from dangvu.members.hooks import RecordLine, disciplines_of
from dangvu.members.models import (
    AdmissionCase,
    BadgeAward,
    Exemption,
    ExitReason,
    Member,
    MemberQuerySet,
    PartyGap,
    Status,
    Transfer,
)
from dangvu.members.rulesets.badges import BADGES, BadgeCandidate, BadgeDue, Discipline
from dangvu.organizations.access import User, membership_filter, org_filter, user_scope
from dangvu.organizations.models import Membership, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.selectors import Place, places_of


def memberships_visible_to(user: User, as_of: dt.date) -> QuerySet[Membership]:
    """Memberships active on AS_OF in cells the user may read on that date."""
    return Membership.objects.as_of(as_of).filter(membership_filter(user, as_of))


@dataclass(frozen=True)
class MemberFilter:
    as_of: dt.date
    org: OrgUnit | None = None
    status: str = ""
    gender: str = ""
    age_band: str = ""
    query: str = ""


def member_list(*, user: User, filters: MemberFilter) -> MemberQuerySet:
    """Members on the registry on the filter's date, in Vietnamese order (given name, then
    full name), with a primary-key tie-breaker."""
    as_of = filters.as_of
    memberships = memberships_visible_to(user, as_of)
    if filters.org is not None:
        version = OrgVersion.objects.as_of(as_of).filter(org=filters.org).first()
        if version is None:
            return Member.objects.none()
        memberships = memberships.filter(
            org_id__in=OrgVersion.objects.as_of(as_of).in_subtree(version.path).values("org_id")
        )
    if filters.org is None and user_scope(user, Resource.MEMBER, Action.VIEW).everything:
        # The whole roll: EXISTS, so SQLite walks the sort order and probes each member's
        # periods; it materializes an IN subquery, every membership of the day (100 ms at
        # 100,000 members). PostgreSQL plans both as the same semi-join.
        members = Member.objects.filter(Exists(memberships.filter(member_id=OuterRef("pk"))))
    else:
        # A subtree or a scope: its few memberships, read once.
        members = Member.objects.filter(id__in=memberships.values("member_id"))
    if filters.status == Status.OFFICIAL:
        members = members.filter(facts.official_on(as_of))
    elif filters.status == Status.PROBATIONARY:
        members = members.filter(facts.probationary_on(as_of))
    if filters.gender:
        members = members.filter(gender=filters.gender)
    if filters.age_band:
        earliest, latest = rules.birth_date_range(filters.age_band, as_of)
        members = members.filter(birth_date__lte=latest)
        if earliest is not None:
            members = members.filter(birth_date__gt=earliest)
    for token in fold(filters.query).split():
        if token.isdigit():
            members = members.filter(
                Q(national_id__startswith=token) | Q(party_card_number__startswith=token)
            )
        else:
            members = members.filter(search_text__contains=token)
    return members.with_status_on(as_of).order_by("sort_key", "id")


def member_cells(members: list[Member], as_of: dt.date) -> dict[int, OrgVersion]:
    """Each member's cell on AS_OF, for one page of a list: two queries whatever its size."""
    cell_by_member = dict(
        Membership.objects.as_of(as_of)
        .filter(member_id__in=[member.pk for member in members])
        .values_list("member_id", "org_id")
    )
    versions = {
        version.org_id: version
        for version in OrgVersion.objects.as_of(as_of)
        .filter(org_id__in=cell_by_member.values())
        .select_related("org")
    }
    return {member_id: versions[org_id] for member_id, org_id in cell_by_member.items()}


def member_get_for_user(
    *, user: User, pk: int, as_of: dt.date, action: str = Action.VIEW
) -> Member:
    """The member if the user may see (or, with ACTION, change) them: through their cell on
    AS_OF, or their latest cell. Missing and out-of-scope both answer 404, so nothing leaks
    a record's existence."""
    rows = Membership.objects.filter(member_id=pk)
    checks = [(row, as_of) for row in rows.as_of(as_of)[:1]]
    last = rows.order_by("-valid_from").first()
    if last is not None:
        checks.append((last, last.valid_to - dt.timedelta(days=1) if last.valid_to else as_of))
    if not any(
        rows.filter(pk=row.pk).filter(membership_filter(user, on, action=action)).exists()
        for row, on in checks
    ):
        raise Http404
    return Member.objects.with_status_on(as_of).get(pk=pk)


def member_memberships(member: Member) -> list[tuple[Membership, str]]:
    """The member's cells over time, newest first, each with the cell's name at its start."""
    rows = list(member.memberships.select_related("org").order_by("-valid_from", "-id"))
    names = {
        (version.org_id, version.valid_from): version.name
        for version in OrgVersion.objects.filter(org_id__in={row.org_id for row in rows})
    }
    result = []
    for row in rows:
        candidates = [
            (start, name)
            for (org_id, start), name in names.items()
            if org_id == row.org_id and start <= row.valid_from
        ]
        result.append((row, max(candidates)[1] if candidates else row.org.code))
    return result


@dataclass(frozen=True)
class MemberPage:
    page: KeysetPage[Member]
    cells: dict[int, OrgVersion]
    # By member: the cell and its TCCSĐ.
    places: dict[int, Place]


# A filtered list counts its matches to this many: a search matching a tenth of a million
# members would otherwise test 100,000 rows to count 10,000 (docs/performance.md).
FILTERED_COUNT_LIMIT = 1_000


def member_page(*, user: User, filters: MemberFilter, params: Mapping[str, str]) -> MemberPage:
    """The page of `member_list` that PARAMS ask for (`common.keyset`), with each member's
    cell and its TCCSĐ: seven queries at any data size (eight when filtered to an
    organization's subtree), none of which reads past the page except the count, which
    stops at its cap."""
    filtered = filters.query or filters.status or filters.gender or filters.age_band
    page = keyset_page(
        member_list(user=user, filters=filters),
        params,
        key="sort_key",
        count_limit=FILTERED_COUNT_LIMIT if filtered else COUNT_LIMIT,
    )
    cells = member_cells(page.object_list, filters.as_of)
    return MemberPage(page=page, cells=cells, places=member_places(cells, filters.as_of))


def member_places(cells: Mapping[int, OrgVersion], on: dt.date) -> dict[int, Place]:
    """By member, the cell of CELLS (`member_cells`) and its TCCSĐ on ON: one query."""
    places = places_of({cell.org_id: cell for cell in cells.values()}.values(), on)
    return {member_id: places[cell.org_id] for member_id, cell in cells.items()}


@dataclass(frozen=True)
class TimelineItem:
    on: dt.date
    kind: str
    title: str
    entry: AuditEntry | None = None
    # For a recorded edit: its label, who made it, what it changed, and whether a later
    # revert (or an import's undo) has put it back already.
    lines: tuple[Line, ...] = ()
    actor: str = ""
    reverted: bool = False
    url: str = ""

    @property
    def revertible(self) -> bool:
        """A plain edit not put back yet, which the timeline offers to revert."""
        return self.entry is not None and self.entry.action == Event.UPDATED and not self.reverted


def member_timeline(member: Member, extra: Iterable[RecordLine] = ()) -> list[TimelineItem]:
    """The member's history, newest first: admission, recognition, cells over time, exit,
    the EXTRA lines of the modules above (`hooks.record_lines`: discipline), and every
    recorded edit with its changes (a revert after the edit it puts back)."""
    items = [TimelineItem(member.admission_date, "admitted", "")]
    items += [TimelineItem(on, "record", title, url=url) for on, title, url in extra]
    if member.official_date:
        items.append(TimelineItem(member.official_date, "official", ""))
    for membership, cell_name in member_memberships(member):
        items.append(TimelineItem(membership.valid_from, f"cell_{membership.start}", cell_name))
    if member.exit_date:
        items.append(TimelineItem(member.exit_date, "exited", member.get_exit_reason_display()))
    entries = list(
        AuditEntry.objects.filter(
            object_type=member._meta.label_lower, object_id=member.pk, action__in=EDITS
        )
        .select_related("actor")
        .order_by("occurred_at", "id")
    )
    reverted = {entry.data.get("reverts") for entry in entries}
    edits = [
        TimelineItem(
            timezone.localtime(entry.occurred_at).date(),
            "edited",
            entry.get_action_display(),
            entry,
            lines=tuple(entry_changes(entry)),
            actor=actor_name(entry),
            reverted=entry.pk in reverted,
        )
        for entry in entries
    ]
    # Newest first; on one day, the recorded edits after the dated facts, latest on top.
    ordered = sorted(items, key=lambda item: item.on, reverse=True)
    for edit in edits:
        at = next((i for i, item in enumerate(ordered) if item.on <= edit.on), len(ordered))
        ordered.insert(at, edit)
    return ordered


def admission_cases_visible_to(
    user: User, today: dt.date, action: str = Action.VIEW
) -> QuerySet[AdmissionCase]:
    """Admission cases in cells the user may see (or change) today, newest first."""
    scope = org_filter(user, today, resource=Resource.MEMBER, action=action, field_name="cell_id")
    return (
        AdmissionCase.objects.filter(scope)
        .select_related("cell")
        .prefetch_related("cell__versions")  # the cell's name on each row
        .order_by("-created_at", "-id")
    )


def admission_case_get_for_user(
    *, user: User, pk: int, today: dt.date, action: str = Action.VIEW
) -> AdmissionCase:
    case = admission_cases_visible_to(user, today, action).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def cell_changeable_by(user: User, cell: OrgUnit, today: dt.date) -> bool:
    scope = org_filter(user, today, resource=Resource.MEMBER, action=Action.CHANGE)
    return OrgVersion.objects.as_of(today).filter(scope, org=cell).exists()


@dataclass(frozen=True)
class MemberLifecycle:
    open_transfer: Transfer | None
    transfers: list[Transfer]
    exemptions: list[Exemption]
    badges: list[BadgeAward]
    gaps: list[PartyGap]
    party_age_months: int | None  # on the day asked, less the gaps; None before it starts
    # Re-admitted, but the time out before the re-admission is not recorded (mục 4.5.2).
    readmission_gap_missing: bool

    @property
    def party_age_years(self) -> int:
        return (self.party_age_months or 0) // 12

    @property
    def party_age_extra_months(self) -> int:
        return (self.party_age_months or 0) % 12


def member_lifecycle(member: Member, *, on: dt.date) -> MemberLifecycle:
    """The member's transfers, exemptions, badges and periods out of the Party, for their
    page, with their party age on ON."""
    transfers = list(
        member.transfers.select_related("from_org", "to_org").order_by("-decision_date", "-id")
    )
    open_states = (Transfer.State.IN_TRANSIT, Transfer.State.AWAY)
    gaps = list(member.party_gaps.order_by("start_date"))
    start = facts.party_age_start(
        admission_decision_date=member.admission_decision_date,
        admission_date=member.admission_date,
    )
    counted_from = facts.party_age_counted_from(
        start, [(gap.start_date, gap.end_date) for gap in gaps], on
    )
    return MemberLifecycle(
        open_transfer=next((t for t in transfers if t.state in open_states), None),
        transfers=transfers,
        exemptions=list(member.exemptions.order_by("-valid_from")),
        badges=list(member.badges.order_by("milestone")),
        gaps=gaps,
        party_age_months=age_in_months(counted_from, on) if counted_from <= on else None,
        readmission_gap_missing=member.readmission_date is not None
        and all(gap.end_date != member.readmission_date for gap in gaps),
    )


def badge_candidate(
    member: Member,
    *,
    awarded: frozenset[int],
    on: dt.date,
    seriously_ill: bool = False,
    disciplines: tuple[Discipline, ...] = (),
) -> BadgeCandidate:
    """MEMBER as the badge rules see them on ON: party age from the admission decision
    less their periods out of the Party before ON, the milestones already AWARDED, the
    DISCIPLINES in force (`hooks.disciplines_of`), and the day of death for a truy tặng.
    Reads `member.party_gaps` (prefetch it for many)."""
    start = facts.party_age_start(
        admission_decision_date=member.admission_decision_date,
        admission_date=member.admission_date,
    )
    gaps = [(gap.start_date, gap.end_date) for gap in member.party_gaps.all()]
    return BadgeCandidate(
        member_id=member.pk,
        party_age_start=facts.party_age_counted_from(start, gaps, on),
        awarded=awarded,
        disciplines=disciplines,
        seriously_ill=seriously_ill,
        deceased_on=member.exit_date if member.exit_reason == ExitReason.DIED else None,
    )


def badge_candidates(*, user: User, occasion: dt.date) -> list[tuple[Member, BadgeDue]]:
    """Members in the user's scope due a badge at OCCASION under the badge rules of that
    day: those on the roll, and those who died recently (truy tặng), as the last cell
    they were in stood on OCCASION. Raises NoRuleSet before the first badge rules.

    The SQL filter compares the uncorrected start: periods out of the Party only delay a
    milestone, so it keeps everyone who can be due; the rule set then decides in Python
    with the periods, fetched in one query for the members the filter kept."""
    rules = rules_for(BADGES, occasion)
    old_enough = Q(party_age_start__lte=rules.latest_party_age_start(occasion))
    on_roll = Q(id__in=memberships_visible_to(user, occasion).values("member_id"))
    died = Q(
        id__in=Membership.objects.filter(
            membership_filter(user, occasion),
            valid_to=F("member__exit_date"),
            member__exit_reason=ExitReason.DIED,
            member__exit_date__gte=rules.deaths_listed_from(occasion),
            member__exit_date__lte=occasion,
        ).values("member_id")
    )
    members = {
        member.pk: member
        for member in Member.objects.alias(party_age_start=facts.party_age_start_expression())
        .filter(old_enough, on_roll | died)
        .prefetch_related("badges", "party_gaps")
    }
    disciplines = disciplines_of(list(members), occasion)
    candidates = [
        badge_candidate(
            member,
            awarded=frozenset(badge.milestone for badge in member.badges.all()),
            on=occasion,
            disciplines=disciplines[member.pk],
        )
        for member in members.values()
    ]
    rows = [(members[due.member_id], due) for due in rules.badges_due(candidates, occasion)]
    return sorted(rows, key=lambda row: (-row[1].milestone, bytes(row[0].sort_key), row[0].pk))
