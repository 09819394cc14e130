"""Reads of accounts for the administrator's pages and `dangvu users list`: the list with
its filters, one account, its roles and what the trail says about it. Only those who hold
the whole system's settings see accounts; to anyone else there are none."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from dangvu.accounts.lockout import recent_failures
from dangvu.accounts.two_factor import confirmed_device
from dangvu.common.audit_display import Line, actor_name, entry_facts
from dangvu.common.models import AuditEntry
from dangvu.common.text import fold, person_sort_key
from dangvu.organizations.access import User, user_scope
from dangvu.organizations.models import OrgUnit, OrgVersion, RoleAssignment, active_on
from dangvu.organizations.roles import Action, Resource, Role

ACTIVE, LOCKED = "active", "locked"


def may_administer(user: User) -> bool:
    """Whether USER manages accounts: the whole system's settings (administrators)."""
    return user_scope(user, Resource.SETTINGS, Action.CHANGE).everything


def accounts_visible_to(user: User) -> QuerySet[AbstractUser]:
    accounts = get_user_model().objects.all()
    return accounts if may_administer(user) else accounts.none()


def full_name(account: AbstractUser) -> str:
    return account.get_full_name() or account.get_username()


def role_label(assignment: RoleAssignment) -> str:
    """The role and where it applies: "Bí thư, phó bí thư – Đảng bộ Sở Tài chính"."""
    label = str(Role(assignment.role).label)
    if assignment.org is not None:
        versions = list(assignment.org.versions.all())
        name = max(versions, key=lambda v: v.valid_from).name if versions else assignment.org.code
        return f"{label} – {name}"
    if assignment.member is not None:
        return f"{label} – {assignment.member.full_name}"
    return label


@dataclass(frozen=True)
class AccountFilter:
    query: str = ""
    role: str = ""
    org: OrgUnit | None = None
    status: str = ""  # ACTIVE, LOCKED or all


@dataclass(frozen=True)
class AccountRow:
    account: AbstractUser
    name: str
    roles: list[str] = field(default_factory=list)
    assignments: list[RoleAssignment] = field(default_factory=list)  # today's


def _assignments(today: dt.date, *, current: bool) -> QuerySet[RoleAssignment]:
    rows = RoleAssignment.objects.select_related("org", "member").prefetch_related("org__versions")
    return rows.filter(active_on(today)) if current else rows


def account_list(*, user: User, filters: AccountFilter, today: dt.date) -> list[AccountRow]:
    """The accounts USER manages that FILTERS keep, with their roles today, in the order of
    a Vietnamese list: by given name, then full name (names are few enough to sort here,
    and the search folds accents the same way as the members')."""
    accounts = accounts_visible_to(user)
    if filters.status:
        accounts = accounts.filter(is_active=filters.status == ACTIVE)
    held = RoleAssignment.objects.filter(active_on(today))
    if filters.role:
        held = held.filter(role=filters.role)
    if filters.org is not None:
        versions = OrgVersion.objects.as_of(today)
        path = versions.filter(org=filters.org).values_list("path", flat=True).first()
        held = held.filter(org_id__in=versions.in_subtree(path or "-").values("org_id"))
    if filters.role or filters.org is not None:
        accounts = accounts.filter(pk__in=held.values("user_id"))
    current = Prefetch("assignments", _assignments(today, current=True), to_attr="current")
    words = fold(filters.query).split()
    rows = []
    for account in accounts.prefetch_related(current):
        name = full_name(account)
        folded = fold(f"{name} {account.get_username()}")
        if all(word in folded for word in words):
            holding = sorted(account.current, key=lambda a: (role_label(a), a.pk))
            rows.append(AccountRow(account, name, [role_label(a) for a in holding], holding))
    rows.sort(key=lambda row: (person_sort_key(row.name), row.account.pk))
    return rows


def account_get_for_user(*, user: User, pk: int) -> AbstractUser:
    """One account USER manages; 404 for a missing one and for anyone else alike."""
    account = accounts_visible_to(user).filter(pk=pk).first()
    if account is None:
        raise Http404
    return account


def account_by_username(*, user: User, username: str) -> AbstractUser | None:
    return accounts_visible_to(user).filter(username=username).first()


@dataclass(frozen=True)
class RoleLine:
    assignment: RoleAssignment
    label: str
    state: str  # "current", "future" or "ended" on the day asked


def account_roles(account: AbstractUser, today: dt.date) -> list[RoleLine]:
    """ACCOUNT's role assignments, current and future first, then ended, latest first."""
    lines = []
    for assignment in _assignments(today, current=False).filter(user_id=account.pk):
        if assignment.valid_to is not None and assignment.valid_to <= today:
            state = "ended"
        else:
            state = "future" if assignment.valid_from > today else "current"
        lines.append(RoleLine(assignment, role_label(assignment), state))
    lines.sort(key=lambda line: (line.state == "ended", -line.assignment.valid_from.toordinal(),
                                 line.assignment.pk))  # fmt: skip
    return lines


def open_assignments(account: AbstractUser, today: dt.date) -> list[RoleLine]:
    """The assignments that have not ended by TODAY: those one may end."""
    return [line for line in account_roles(account, today) if line.state != "ended"]


@dataclass(frozen=True)
class HistoryLine:
    entry: AuditEntry
    label: str
    actor: str
    lines: list[Line]


def account_history(account: AbstractUser, limit: int = 20) -> list[HistoryLine]:
    """The latest LIMIT entries of the trail about ACCOUNT: its logins and their failures,
    its password and second factor, its locks, and its role assignments."""
    assignments = RoleAssignment.objects.filter(user_id=account.pk).values("pk")
    about = Q(object_type=get_user_model()._meta.label_lower, object_id=account.pk) | Q(
        object_type=RoleAssignment._meta.label_lower, object_id__in=assignments
    )
    entries = AuditEntry.objects.filter(about).select_related("actor")
    return [
        HistoryLine(entry, entry.get_action_display(), actor_name(entry), entry_facts(entry))
        for entry in entries.order_by("-occurred_at", "-id")[:limit]
    ]


@dataclass(frozen=True)
class AccountState:
    """What the account's page says of its access: locked, locked out by failed logins,
    and whether it has a confirmed authenticator."""

    locked: bool
    failures: int
    locked_out: bool
    two_factor: bool


def account_state(account: AbstractUser, now: dt.datetime) -> AccountState:
    failures = recent_failures(account.get_username(), now)
    return AccountState(
        locked=not account.is_active,
        failures=failures,
        locked_out=failures >= settings.AXES_FAILURE_LIMIT,
        two_factor=confirmed_device(account) is not None,
    )
