"""The month's dues ledger of an organization's subtree, as the user may see it: each
member's amount owed and paid and their unpaid months of the year; each organization's
figures and what it received, kept and remitted. The pages, `dangvu dues ledger`, the due
list's arrears and the transfer letter read it here.

Members are counted in the cell their membership names on the month's first day. The money
a cell collected for the month (what its members paid for it) is shared up the cell's chain
as the month's rule set says (`Dues342.chain_shares`).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from dangvu.dues.ledger_query import cell_rows, member_rows
from dangvu.dues.models import DuesBasis, DuesPayment, DuesRelief
from dangvu.dues.obligations import Obligations, month_start, months_between
from dangvu.dues.rules import split
from dangvu.dues.rulesets import Dues342, month_rules
from dangvu.members.models import Member
from dangvu.organizations.access import OutOfScope, User, membership_filter, org_in_scope
from dangvu.organizations.models import CELL_KINDS, Membership, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource


class MemberLine(NamedTuple):
    """A member's line (a tuple: the ledger of a province builds a hundred thousand)."""

    member_id: int
    national_id: str
    full_name: str
    cell_id: int
    has_basis: bool
    owed: int
    relief: str  # why less than the basis gives ("" when nothing reduced it)
    paid: int
    arrears_months: int  # months of the year up to this one owed and not paid
    in_arrears: bool


@dataclass
class OrgLine:
    org_id: int
    code: str
    name: str
    kind: str
    path: str
    depth: int
    members: int = 0
    owed: int = 0
    paid: int = 0
    in_arrears: int = 0
    received: int = 0
    kept: int = 0
    remitted: int = 0


@dataclass(frozen=True)
class Ledger:
    """MEMBERS are every member's line, or only those in arrears when EVERY_MEMBER is
    False (the figures of ORGS and TOTALS count everyone either way)."""

    month: dt.date
    rules: Dues342
    members: list[MemberLine]
    orgs: list[OrgLine]  # parents first, as the tree reads
    root: OrgLine | None
    totals: dict[str, int] = field(default_factory=dict)
    every_member: bool = True


# A cell's figures: (org id, members, owed, paid, members in arrears).
CellFigures = tuple[int, int, int, int, int]


class _Version(NamedTuple):
    """An organization as it stood in the month: the fields its ledger line shows, read as
    a tuple (thousands of them at national size: model instances cost more than the
    ledger's query)."""

    org_id: int
    path: str
    kind: str
    name: str
    depth: int
    code: str


def _member_line(row: tuple[Any, ...], rules: Dues342) -> MemberLine:
    member_id, cell_id, national_id, full_name, basis_id, owed, relief, paid, unpaid = row
    return MemberLine(
        member_id=member_id,
        national_id=national_id or "",
        full_name=full_name,
        cell_id=cell_id,
        has_basis=basis_id is not None,
        owed=int(owed),
        relief=relief,
        paid=int(paid),
        arrears_months=int(unpaid),
        in_arrears=rules.in_arrears(int(unpaid)),
    )


def _cells_of(lines: list[MemberLine]) -> list[CellFigures]:
    cells: dict[int, CellFigures] = {}
    for line in lines:
        _cell, members, owed, paid, arrears = cells.get(line.cell_id, (line.cell_id, 0, 0, 0, 0))
        cells[line.cell_id] = (line.cell_id, members + 1, owed + line.owed, paid + line.paid,
                               arrears + line.in_arrears)  # fmt: skip
    return list(cells.values())


def dues_ledger(
    *, user: User, month: dt.date, org: OrgUnit | None = None, every_member: bool = True
) -> Ledger:
    """The ledger of MONTH for ORG's subtree (everything USER sees without ORG), computed in
    one SQL query (`dues.ledger_query`); with EVERY_MEMBER False, only the members in
    arrears get a line. Raises OutOfScope for an ORG outside USER's reach, and NoRuleSet
    before the rules start."""
    month = month_start(month)
    rules = month_rules(month)
    if org is not None and not org_in_scope(user, Resource.MEMBER, Action.VIEW, org.pk, month):
        raise OutOfScope(org.code)
    versions = {
        row[0]: _Version(*row)
        for row in OrgVersion.objects.as_of(month).values_list(
            "org_id", "path", "kind", "name", "depth", "org__code"
        )
    }
    seen = membership_filter(user, month)
    memberships = Membership.objects.as_of(month).filter(seen)
    whole = org is None and not seen  # every membership of the month
    root_path = ""
    if org is not None:
        if org.pk not in versions:
            raise OutOfScope(org.code)
        root_path = versions[org.pk].path
        memberships = memberships.filter(
            org_id__in=[pk for pk, v in versions.items() if v.path.startswith(root_path)]
        )
    if every_member:
        lines = [_member_line(row, rules) for row in member_rows(memberships, month, whole=whole)]
        cells = _cells_of(lines)
    else:
        cells, arrears = cell_rows(memberships, month, rules.arrears_months, whole=whole)
        lines = [_member_line(row, rules) for row in arrears]
    orgs = _org_lines(versions, cells, root_path, rules)
    root = orgs.get(org.pk) if org is not None else None
    paid = sum(int(cell[3]) for cell in cells)
    kept = sum(line.kept for line in orgs.values())
    totals = {
        "members": sum(int(cell[1]) for cell in cells),
        "owed": sum(int(cell[2]) for cell in cells),
        "paid": paid,
        "kept": kept,
        "remitted": paid - kept,
        "in_arrears": sum(int(cell[4]) for cell in cells),
    }
    ordered = sorted(orgs.values(), key=lambda line: (line.path, line.org_id))
    return Ledger(month, rules, lines, ordered, root, totals, every_member)


def _org_lines(
    versions: dict[int, _Version],
    cells: list[CellFigures],
    root_path: str,
    rules: Dues342,
) -> dict[int, OrgLine]:
    """Each organization on the way from the ledger's cells up to its root (the top of the
    tree without one), with its members' figures and what it received, kept and remitted."""
    lines: dict[int, OrgLine] = {}
    # The shares depend on the chain's kinds only: asked of the rules once for each shape.
    shares_of: dict[tuple[str, ...], list[Decimal]] = {}

    def line_of(org_id: int) -> OrgLine:
        if org_id not in lines:
            v = versions[org_id]
            lines[org_id] = OrgLine(org_id, v.code, v.name, v.kind, v.path, v.depth)
        return lines[org_id]

    for cell_id, members, owed, collected, arrears in cells:
        chain_ids = [int(pk) for pk in versions[cell_id].path.strip("/").split("/")][::-1]
        for pk in chain_ids:
            if versions[pk].path.startswith(root_path):
                target = line_of(pk)
                target.members += int(members)
                target.owed += int(owed)
                target.paid += int(collected)
                target.in_arrears += int(arrears)
        kinds = tuple(versions[pk].kind for pk in chain_ids)
        if kinds not in shares_of:
            shares_of[kinds] = [
                share for _pk, share in rules.chain_shares(list(zip(chain_ids, kinds, strict=True)))
            ]
        chain = list(zip(chain_ids, shares_of[kinds], strict=True))
        for share in split(int(collected), chain):
            if share.org_id in lines:
                target = lines[share.org_id]
                target.received += share.received
                target.kept += share.kept
                target.remitted += share.remitted
    return lines


def collection_cell(user: User, code: str, month: dt.date) -> OrgUnit:
    """The cell CODE as it stands in MONTH, if USER may record its dues; OutOfScope (404)
    like a missing one otherwise."""
    version = (
        OrgVersion.objects.as_of(month)
        .filter(org__code=code.upper(), kind__in=CELL_KINDS)
        .select_related("org")
        .first()
    )
    if version is None or not org_in_scope(user, Resource.MEMBER, Action.CHANGE,
                                           version.org_id, month):  # fmt: skip
        raise OutOfScope(code)
    return version.org


def dues_paid_until(member: Member, today: dt.date) -> dt.date | None:
    """The last month MEMBER has paid to the end of: the month before the first month
    since their first basis that owed something and has no payment (up to TODAY's month),
    or the last month paid when none is missing; None without a basis or a payment."""
    first = DuesBasis.objects.filter(member=member).order_by("valid_from").first()
    if first is None:
        return None
    paid = set(DuesPayment.objects.filter(member=member).values_list("month", flat=True))
    current = month_start(today)
    obligations = Obligations([member.pk], first.valid_from, current)
    last = None
    for month in months_between(first.valid_from, current):
        owed = obligations.owed(member.pk, month)
        if month not in paid and owed is not None and owed.amount > 0:
            return last
        last = month
    return max(paid) if paid else last


def member_payment_get(member: Member, pk: int) -> DuesPayment | None:
    """MEMBER's payment PK (the caller checked the member is in reach), or None."""
    return DuesPayment.objects.filter(member=member, pk=pk).select_related("cell").first()


@dataclass(frozen=True)
class MemberDues:
    bases: list[DuesBasis]
    reliefs: list[DuesRelief]
    payments: list[DuesPayment]


def member_dues_history(member: Member) -> MemberDues:
    """MEMBER's bases, decisions and payments, newest first (the caller checked the
    member is in sight)."""
    return MemberDues(
        bases=list(DuesBasis.objects.filter(member=member).order_by("-valid_from", "-pk")),
        reliefs=list(DuesRelief.objects.filter(member=member).order_by("-valid_from", "-pk")),
        payments=list(
            DuesPayment.objects.filter(member=member)
            .select_related("cell")
            .order_by("-month", "-pk")
        ),
    )
