"""Corrections of a recorded payment (đảng phí đã nộp): its amount or date put right, or the
payment removed when it was recorded by mistake. Those who may record the collecting
cell's dues in that month correct them; each change is audited with what it replaced, and
an administrator may revert it from the audit trail (`dues_correction_revert`)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record, field_changes
from dangvu.common.dates import Fact, date_problem
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.dues.models import DuesPayment
from dangvu.dues.obligations import month_start, next_month
from dangvu.dues.rulesets import month_rules
from dangvu.dues.services import DuesError
from dangvu.members.models import Member
from dangvu.organizations.access import User, require
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Action, Resource


def _locked(actor: User, payment: DuesPayment) -> DuesPayment:
    require(actor, Resource.MEMBER, Action.CHANGE, org=payment.cell, on=payment.month)
    found = (
        DuesPayment.objects.select_for_update()
        .select_related("member", "cell")
        .filter(pk=payment.pk)
        .first()
    )
    if found is None:
        raise DuesError({"payment": _("Khoản nộp này không còn; tải lại trang.")})
    return found


def _problems(month: dt.date, amount: int, paid_on: dt.date, today: dt.date) -> dict[str, str]:
    errors = {}
    if amount <= 0:
        errors["amount"] = _("Số tiền nộp phải lớn hơn 0.")
    if problem := date_problem(paid_on, Fact.EVENT, str(_("Ngày nộp")), today):
        errors["paid_on"] = problem
    else:
        rules, ahead = month_rules(month), month_start(paid_on)
        for _step in range(rules.advance_months):
            ahead = next_month(ahead)
        if month > ahead:
            errors["paid_on"] = rules.too_far_ahead()
    return errors


@transaction.atomic
def dues_payment_correct(
    *,
    actor: User,
    payment: DuesPayment,
    amount: int,
    paid_on: dt.date,
    today: dt.date,
    reverts: int | None = None,
) -> DuesPayment:
    """Put right the AMOUNT and the date PAID_ON of PAYMENT, as the rules of its month allow
    a payment; audited with the values replaced (REVERTS: the entry this puts back)."""
    locked = _locked(actor, payment)
    if errors := _problems(locked.month, amount, paid_on, today):
        raise DuesError(errors)
    before = {"amount": locked.amount, "paid_on": locked.paid_on}
    after = {"amount": amount, "paid_on": paid_on}
    if before == after:
        raise DuesError({"amount": _("Không có gì thay đổi.")})
    locked.amount, locked.paid_on = amount, paid_on
    locked.save(update_fields=["amount", "paid_on"])
    audit_record(
        actor=actor,
        action=Event.DUES_PAYMENT_CORRECTED,
        obj=locked,
        org=locked.cell,
        about=locked.member.full_name,
        changes=field_changes(before, after),
        data={
            "member": locked.member,
            "month": locked.month,
            **({"reverts": reverts} if reverts else {}),
        },
    )
    return locked


@transaction.atomic
def dues_payment_remove(*, actor: User, payment: DuesPayment, reason: str) -> Member:
    """Remove PAYMENT, recorded by mistake, for REASON; the entry keeps everything needed to
    put it back. Returns the member."""
    locked = _locked(actor, payment)
    if not reason.strip():
        raise DuesError({"reason": _("Ghi lý do xóa khoản nộp.")})
    audit_record(
        actor=actor,
        action=Event.DUES_PAYMENT_REMOVED,
        obj=locked,
        org=locked.cell,
        about=locked.member.full_name,
        data={
            "member": locked.member,
            "month": locked.month,
            "amount": locked.amount,
            "on": locked.paid_on,
            "cell": locked.cell,
        },
        reason=reason.strip(),
    )
    locked.delete()
    return locked.member


@transaction.atomic
def dues_correction_revert(*, actor: User, entry: AuditEntry, today: dt.date) -> Member:
    """Hoàn tác a correction (the values it replaced come back, if nobody has changed the
    payment since) or a removal (the payment comes back, if its month has none now)."""
    entry = AuditEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.action == Event.DUES_PAYMENT_CORRECTED:
        payment = DuesPayment.objects.filter(pk=entry.object_id).first()
        if payment is None:
            raise DuesError({"payment": _("Khoản nộp này đã bị xóa; không hoàn tác được.")})
        current = {"amount": payment.amount, "paid_on": payment.paid_on.isoformat()}
        if any(current[name] != after for name, (_before, after) in entry.changes.items()):
            raise DuesError(
                {"payment": _("Khoản nộp đã được sửa tiếp sau lần này; không hoàn tác được.")}
            )
        restored = {name: before for name, (before, _after) in entry.changes.items()}
        paid_on = restored.get("paid_on", current["paid_on"])
        dues_payment_correct(actor=actor, payment=payment,
                             amount=int(restored.get("amount", payment.amount)),
                             paid_on=dt.date.fromisoformat(paid_on), today=today,
                             reverts=entry.pk)  # fmt: skip
        return payment.member
    data = entry.data
    member = Member.objects.get(pk=data["member"]["id"])
    cell = OrgUnit.objects.get(pk=data["cell"]["id"])
    month = dt.date.fromisoformat(data["month"])
    require(actor, Resource.MEMBER, Action.CHANGE, org=cell, on=month)
    if DuesPayment.objects.filter(member=member, month=month).exists():
        raise DuesError({"payment": _("Tháng này đã có khoản nộp khác; không hoàn tác được.")})
    payment = DuesPayment.objects.create(
        member=member,
        month=month,
        amount=data["amount"],
        paid_on=dt.date.fromisoformat(data["on"]),
        cell=cell,
    )
    audit_record(
        actor=actor,
        action=Event.DUES_PAYMENT_RESTORED,
        obj=payment,
        org=cell,
        about=member.full_name,
        data={"member": member, "month": month, "amount": payment.amount, "reverts": entry.pk},
    )
    return member
