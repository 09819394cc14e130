"""Writes to đảng phí: a member's basis, exemption and reduction decisions, and payments.
Those who may change a member's record (the secretary of their cell and the committees
above it) record them; each write checks its member or cell with `require` and leaves its
audit entry in the same transaction."""

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record, audit_rows_of
from dangvu.common.bulk import insert_rows
from dangvu.common.dates import Fact, date_problem
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.common.rulesets import NoRuleSet
from dangvu.dues.models import DuesBasis, DuesPayment, DuesRelief
from dangvu.dues.obligations import Obligations, month_start, months_between, next_month
from dangvu.dues.rules import Basis, Category, Region, Relief, ReliefGround, ReliefKind
from dangvu.dues.rulesets import month_rules
from dangvu.members.models import Member
from dangvu.organizations.access import User, org_filter, require
from dangvu.organizations.models import Membership, OrgUnit
from dangvu.organizations.roles import Action, Resource


class DuesError(ValidationError):
    """A dues write the rules refuse, with messages by field."""


def _lock(actor: User, member: Member, on: dt.date) -> Member:
    require(actor, Resource.MEMBER, Action.CHANGE, member=member, on=on)
    return Member.objects.select_for_update().get(pk=member.pk)


def _cell_on(member: Member, month: dt.date) -> OrgUnit | None:
    """The cell MEMBER belonged to during MONTH (the latest one, if they moved in it)."""
    row = (
        Membership.objects.filter(member=member, valid_from__lt=next_month(month))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=month))
        .select_related("org")
        .order_by("-valid_from")
        .first()
    )
    return row.org if row else None


def _month_problem(month: dt.date, label: str, today: dt.date) -> str | None:
    if month.day != 1:
        return _("%(label)s: ghi tháng, không ghi ngày.") % {"label": label}
    return date_problem(month, Fact.EVENT, label, today)


@transaction.atomic
def dues_basis_set(
    *,
    actor: User,
    member: Member,
    month: dt.date,
    category: str,
    income: int | None = None,
    region: int | None = None,
    past_retirement_age: bool = False,
    today: dt.date,
) -> DuesBasis:
    """MEMBER's dues basis from MONTH on: the basis open before it ends there. Recorded
    forward: refused before the latest basis's month (that one may be corrected)."""
    locked = _lock(actor, member, month)
    errors: dict[str, str] = {}
    if problem := _month_problem(month, str(_("Từ tháng")), today):
        errors["valid_from"] = problem
    if category not in Category.values:
        errors["category"] = _("Chọn đối tượng trong danh sách.")
    if region is not None and region not in Region.values:
        errors["region"] = _("Chọn vùng trong danh sách.")
    if errors:
        raise DuesError(errors)
    basis = Basis(category, income, region, past_retirement_age)
    if problems := month_rules(month).basis_problems(basis):
        raise DuesError(problems)
    latest = DuesBasis.objects.filter(member=locked).order_by("-valid_from").first()
    if latest is not None and month < latest.valid_from:
        raise DuesError(
            {
                "valid_from": _(
                    "Đã có căn cứ từ tháng %(month)s; chỉ ghi căn cứ từ tháng đó trở đi."
                )
                % {"month": f"{latest.valid_from:%m/%Y}"}
            }
        )
    values = {
        "category": category,
        "income": income,
        "region": region,
        "past_retirement_age": past_retirement_age,
    }
    if latest is not None and latest.valid_from == month:
        before = {name: getattr(latest, name) for name in values}
        for name, value in values.items():
            setattr(latest, name, value)
        latest.save()
        changes = {n: [before[n], values[n]] for n in values if before[n] != values[n]}
        row = latest
    else:
        if latest is not None and latest.valid_to is None:
            latest.valid_to = month
            latest.save(update_fields=["valid_to", "updated_at"])
        row = DuesBasis.objects.create(member=locked, valid_from=month, **values)
        changes = {name: [None, value] for name, value in values.items()}
    audit_record(
        actor=actor,
        action=Event.DUES_BASIS_SET,
        obj=row,
        org=_cell_on(locked, month),
        about=locked.full_name,
        changes=changes,
        data={"member": locked, "valid_from": month},
    )
    return row


@transaction.atomic
def dues_relief_grant(
    *,
    actor: User,
    member: Member,
    kind: str,
    ground: str,
    first_month: dt.date,
    last_month: dt.date | None,
    decision: str,
    decided_on: dt.date,
    percent: int = 0,
    today: dt.date,
) -> DuesRelief:
    """Record a decision exempting MEMBER from dues, or reducing them by PERCENT, from
    FIRST_MONTH to LAST_MONTH (None: while the ground lasts), as the rule set of
    FIRST_MONTH allows. Refused over months another decision covers."""
    locked = _lock(actor, member, first_month)
    errors: dict[str, str] = {}
    if kind not in ReliefKind.values:
        errors["kind"] = _("Chọn miễn hoặc giảm.")
    if ground not in ReliefGround.values:
        errors["ground"] = _("Chọn căn cứ trong danh sách.")
    if not decision.strip():
        errors["decision"] = _("Ghi số quyết định.")
    if problem := date_problem(decided_on, Fact.EVENT, str(_("Ngày quyết định")), today):
        errors["decided_on"] = problem
    if first_month.day != 1 or (last_month is not None and last_month.day != 1):
        errors["valid_from"] = _("Ghi tháng, không ghi ngày.")
    elif last_month is not None and last_month < first_month:
        errors["valid_to"] = _("Tháng cuối phải từ tháng đầu trở đi.")
    if errors:
        raise DuesError(errors)
    percent = percent if kind == ReliefKind.REDUCED else 0
    months = None if last_month is None else len(months_between(first_month, last_month))
    problems = month_rules(first_month).relief_problems(Relief(kind, ground, percent), months)
    if problems:
        raise DuesError({"percent" if kind == ReliefKind.REDUCED else "kind": " ".join(problems)})
    valid_to = None if last_month is None else next_month(last_month)
    overlap = DuesRelief.objects.filter(member=locked).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=first_month)
    )
    if valid_to is not None:
        overlap = overlap.filter(valid_from__lt=valid_to)
    if overlap.exists():
        raise DuesError({"valid_from": _("Trùng với thời gian của một quyết định đã ghi.")})
    relief = DuesRelief.objects.create(
        member=locked,
        kind=kind,
        ground=ground,
        percent=percent,
        valid_from=first_month,
        valid_to=valid_to,
        decision=decision.strip(),
        decided_on=decided_on,
    )
    audit_record(
        actor=actor,
        action=Event.DUES_RELIEF_GRANTED,
        obj=relief,
        org=_cell_on(locked, first_month),
        about=locked.full_name,
        data={
            "member": locked,
            "relief": kind,
            "decision": relief.decision,
            "decided_on": decided_on,
            "from": first_month,
            "to": last_month,
        },
    )
    return relief


@dataclass(frozen=True)
class Collected:
    """One member's payment for the month a cell records: AMOUNT đồng paid on PAID_ON."""

    member: Member
    amount: int
    paid_on: dt.date


def _payment_problems(
    payment: Collected, month: dt.date, paid: set[int], today: dt.date, paid_on: str
) -> str | None:
    """What is wrong with PAYMENT, or None; PAID_ON is its date's label, translated once
    for a whole sheet."""
    if payment.amount <= 0:
        return _("Số tiền nộp phải lớn hơn 0.")
    if problem := date_problem(payment.paid_on, Fact.EVENT, paid_on, today):
        return problem
    rules = month_rules(month)
    if month > _months_ahead(month_start(payment.paid_on), rules.advance_months):
        return rules.too_far_ahead()
    if payment.member.pk in paid:
        return _("Đảng viên này đã có khoản nộp cho tháng %(month)s.") % {"month": f"{month:%m/%Y}"}
    return None


def _months_ahead(month: dt.date, count: int) -> dt.date:
    for _step in range(count):
        month = next_month(month)
    return month


@transaction.atomic
def dues_collect(
    *,
    actor: User,
    cell: OrgUnit,
    month: dt.date,
    payments: Sequence[Collected],
    today: dt.date,
    source: str = "",
) -> int:
    """Record what the members of CELL paid for MONTH (the collection screen): one entry
    for the cell's month, one row per member, as `dues_collect_cells` does for several.
    Returns the number of payments recorded."""
    return dues_collect_cells(actor=actor, month=month, collections=[(cell, payments)],
                              today=today, source=source)  # fmt: skip


def _refuse_cells(actor: User, cells: Sequence[OrgUnit], month: dt.date) -> None:
    """`require` for every cell, in one query: raises OutOfScope for the first the actor
    may not record the dues of in MONTH."""
    allowed = set(
        OrgUnit.objects.filter(pk__in=[cell.pk for cell in cells])
        .filter(org_filter(actor, month, resource=Resource.MEMBER, action=Action.CHANGE,
                           field_name="pk"))
        .values_list("pk", flat=True)
    )  # fmt: skip
    for cell in cells:
        if cell.pk not in allowed:
            require(actor, Resource.MEMBER, Action.CHANGE, org=cell, on=month)


@transaction.atomic
def dues_collect_cells(
    *,
    actor: User,
    month: dt.date,
    collections: Sequence[tuple[OrgUnit, Sequence[Collected]]],
    today: dt.date,
    source: str = "",
) -> int:
    """Record what the members of each cell of COLLECTIONS paid for MONTH (a collection
    sheet from SOURCE): per cell one entry for its month, one row per member; the checks
    take a few queries whatever the number of cells. All or nothing: refused with a message
    per member (by id) when any payment is wrong, a member was not in that cell that month,
    or already paid for it. Returns the number of payments recorded."""
    _refuse_cells(actor, [cell for cell, _payments in collections], month)
    if month.day != 1:
        raise DuesError({"month": _("Ghi tháng, không ghi ngày.")})
    try:
        month_rules(month)
    except NoRuleSet as error:
        raise DuesError({"month": str(error)}) from None
    # The cells' members of the month, not an IN list of the payments' members: a large
    # sheet would pass SQLite's limit on a query's parameters.
    cell_members = (
        Membership.objects.filter(org_id__in=[cell.pk for cell, _payments in collections])
        .filter(valid_from__lt=next_month(month))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=month))
    )
    in_cell = set(cell_members.values_list("member_id", "org_id"))
    paid = set(
        DuesPayment.objects.filter(
            member_id__in=cell_members.values("member_id"), month=month
        ).values_list("member_id", flat=True)
    )
    problems: dict[str, str] = {}
    seen: set[int] = set()
    paid_on = _("Ngày nộp")
    for cell, payments in collections:
        for payment in payments:
            key = str(payment.member.pk)
            if (payment.member.pk, cell.pk) not in in_cell:
                problems[key] = _(
                    "Đảng viên không sinh hoạt ở chi bộ này trong tháng %(month)s."
                ) % {"month": f"{month:%m/%Y}"}
            elif payment.member.pk in seen:
                problems[key] = _("Đảng viên được ghi hai lần.")
            elif problem := _payment_problems(payment, month, paid, today, paid_on):
                problems[key] = problem
            seen.add(payment.member.pk)
    if problems:
        raise DuesError(problems)
    rows = [
        {"member_id": p.member.pk, "month": month, "amount": p.amount, "paid_on": p.paid_on,
         "cell_id": cell.pk}
        for cell, payments in collections
        for p in payments
    ]  # fmt: skip
    try:
        with transaction.atomic():
            insert_rows(DuesPayment, rows)
    except IntegrityError:  # another user recorded one of them meanwhile
        message = _("Có khoản nộp vừa được người khác ghi; tải lại trang.")
        raise DuesError({"month": message}) from None
    audit_rows_of(
        (
            _audit_collection(actor, cell, month, payments, source),
            _payment_rows(cell, month, payments),
        )
        for cell, payments in collections
    )
    return len(rows)


def _audit_collection(
    actor: User, cell: OrgUnit, month: dt.date, payments: Sequence[Collected], source: str
) -> AuditEntry:
    return audit_record(
        actor=actor,
        action=Event.DUES_COLLECTED,
        obj=cell,
        org=cell,
        data={
            "month": month,
            "count": len(payments),
            "amount": sum(p.amount for p in payments),
            **({"file": source} if source else {}),
        },
    )


def _payment_rows(
    cell: OrgUnit, month: dt.date, payments: Sequence[Collected]
) -> Iterator[dict[str, Any]]:
    for p in payments:
        yield {
            "action": Event.DUES_PAID,
            "object_type": Member._meta.label_lower,
            "object_id": p.member.pk,
            "object_repr": p.member.full_name[:255],
            "org_id": cell.pk,
            "changes": {},
            "data": {"month": month.isoformat(), "amount": p.amount},
        }


@transaction.atomic
def dues_payment_record(
    *,
    actor: User,
    member: Member,
    months: Sequence[dt.date],
    amount: int,
    paid_on: dt.date,
    today: dt.date,
) -> list[DuesPayment]:
    """Record that MEMBER paid AMOUNT on PAID_ON for MONTHS (late or ahead, as the rules
    allow). Each month takes what it owes, in order, and the last month the rest; refused
    when the amount does not reach into the last month."""
    locked = _lock(actor, member, paid_on)
    months = sorted(set(months))
    if not months:
        raise DuesError({"months": _("Chọn tháng nộp.")})
    for month in months:
        if month.day != 1:
            raise DuesError({"months": _("Ghi tháng, không ghi ngày.")})
    obligations = Obligations([locked.pk], months[0], months[-1])
    shares, left = [], amount
    for month in months[:-1]:
        owed = obligations.owed(locked.pk, month)
        share = min(left, owed.amount if owed else 0)
        shares.append(share)
        left -= share
    shares.append(left)
    if amount <= 0 or shares[-1] <= 0:
        raise DuesError({"amount": _("Số tiền không đủ cho các tháng đã chọn.")})
    paid = set(
        DuesPayment.objects.filter(member=locked, month__in=months).values_list("month", flat=True)
    )
    rows = []
    for month, share in zip(months, shares, strict=True):
        if month in paid:
            raise DuesError(
                {"months": _("Tháng %(month)s đã có khoản nộp.") % {"month": f"{month:%m/%Y}"}}
            )
        payment = Collected(locked, share, paid_on)
        if problem := _payment_problems(payment, month, set(), today, _("Ngày nộp")):
            raise DuesError({"amount" if share <= 0 else "paid_on": problem})
        cell = _cell_on(locked, month)
        if cell is None:
            raise DuesError(
                {
                    "months": _("Tháng %(month)s đảng viên chưa sinh hoạt ở chi bộ nào.")
                    % {"month": f"{month:%m/%Y}"}
                }
            )
        rows.append(
            DuesPayment.objects.create(
                member=locked, month=month, amount=share, paid_on=paid_on, cell=cell
            )
        )
    audit_record(
        actor=actor,
        action=Event.DUES_PAID,
        obj=locked,
        org=rows[-1].cell,
        data={"months": [m.isoformat() for m in months], "amount": amount, "on": paid_on},
    )
    return rows
