"""Corrections of a recorded payment: its amount and date put right, or the payment removed,
by those who may record the collecting cell's dues; each audited and revertible from the
audit trail, and refused when the payment changed since."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import TODAY, AddMember, MakeUser, Outside, Tree
from dangvu.common.audit import audit_revert
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.dues.corrections import dues_payment_correct, dues_payment_remove
from dangvu.dues.models import DuesPayment
from dangvu.dues.services import Collected, dues_collect
from dangvu.organizations.access import OPERATOR, OutOfScope
from dangvu.organizations.roles import Role

D = dt.date


@pytest.fixture
def payment(tree: Tree, add_member: AddMember) -> DuesPayment:
    member = add_member(tree.cell_a1, full_name="Nguyễn Văn Đóng")
    dues_collect(actor=OPERATOR, cell=tree.cell_a1, month=D(2026, 9, 1), today=TODAY,
                 payments=[Collected(member, 100_000, D(2026, 9, 5))])  # fmt: skip
    return DuesPayment.objects.get(member=member)


def test_a_correction_puts_the_amount_and_date_right_and_is_audited(payment: DuesPayment) -> None:
    corrected = dues_payment_correct(actor=OPERATOR, payment=payment, amount=120_000,
                                     paid_on=D(2026, 9, 6), today=TODAY)  # fmt: skip

    entry = AuditEntry.objects.get(action=Event.DUES_PAYMENT_CORRECTED)
    assert (corrected.amount, corrected.paid_on) == (120_000, D(2026, 9, 6))
    assert entry.changes == {"amount": [100_000, 120_000], "paid_on": ["2026-09-05", "2026-09-06"]}
    assert entry.org_id == payment.cell_id


def test_a_correction_is_refused_with_a_message(payment: DuesPayment) -> None:
    with pytest.raises(ValidationError) as refused:
        dues_payment_correct(actor=OPERATOR, payment=payment, amount=0,
                             paid_on=D(2026, 9, 5), today=TODAY)  # fmt: skip

    assert refused.value.message_dict == {"amount": ["Số tiền nộp phải lớn hơn 0."]}


def test_a_secretary_cannot_correct_another_committees_payment(
    payment: DuesPayment, add_member: AddMember, make_user: MakeUser
) -> None:
    outside = Outside(add_member)
    secretary = make_user("bithu-x", Role.SECRETARY, outside.cell)

    with pytest.raises(OutOfScope):
        dues_payment_remove(actor=secretary, payment=payment, reason="Ghi nhầm")

    assert DuesPayment.objects.filter(pk=payment.pk).exists()


def test_a_removal_keeps_the_payment_in_its_entry_and_the_revert_brings_it_back(
    payment: DuesPayment,
) -> None:
    dues_payment_remove(actor=OPERATOR, payment=payment, reason="Ghi nhầm tháng")
    entry = AuditEntry.objects.get(action=Event.DUES_PAYMENT_REMOVED)

    assert not DuesPayment.objects.filter(member=payment.member).exists()
    audit_revert(actor=OPERATOR, entry=entry, today=TODAY)

    back = DuesPayment.objects.get(member=payment.member, month=D(2026, 9, 1))
    assert (back.amount, back.paid_on, back.cell_id) == (100_000, D(2026, 9, 5), payment.cell_id)
    assert entry.reason == "Ghi nhầm tháng"
    assert AuditEntry.objects.get(action=Event.DUES_PAYMENT_RESTORED).data["reverts"] == entry.pk


def test_a_corrections_revert_puts_back_the_values_unless_changed_since(
    payment: DuesPayment,
) -> None:
    dues_payment_correct(actor=OPERATOR, payment=payment, amount=120_000,
                         paid_on=D(2026, 9, 5), today=TODAY)  # fmt: skip
    first = AuditEntry.objects.get(action=Event.DUES_PAYMENT_CORRECTED)

    audit_revert(actor=OPERATOR, entry=first, today=TODAY)
    dues_payment_correct(actor=OPERATOR, payment=payment, amount=130_000,
                         paid_on=D(2026, 9, 5), today=TODAY)  # fmt: skip

    assert DuesPayment.objects.get(pk=payment.pk).amount == 130_000
    with pytest.raises(ValidationError, match="đã được sửa tiếp sau lần này"):
        audit_revert(actor=OPERATOR, entry=first, today=TODAY)


def test_a_secretary_corrects_and_removes_a_payment_from_the_members_page(
    tree: Tree, payment: DuesPayment, make_user: MakeUser
) -> None:
    client = Client()
    client.force_login(make_user("bithu", Role.SECRETARY, tree.grassroots_a))
    page = reverse("dues:member", args=[payment.member_id])
    action = "dues:member_action"

    shown = client.get(page).content.decode()
    wrong = client.post(reverse(action, args=[payment.member_id, "payment"]),
                        {"payment": payment.pk, "amount": "abc", "paid_on": "05/09/2026"},
                        follow=True)  # fmt: skip
    client.post(reverse(action, args=[payment.member_id, "payment"]),
                {"payment": payment.pk, "amount": "110000", "paid_on": "06/09/2026"})  # fmt: skip
    corrected = DuesPayment.objects.get(pk=payment.pk)
    client.post(reverse(action, args=[payment.member_id, "payment_remove"]),
                {"payment": payment.pk, "reason": "Ghi nhầm"})  # fmt: skip

    assert "Sửa hoặc xóa" in shown
    assert [str(message) for message in wrong.context["messages"]] == ["Hãy nhập một số nguyên."]
    assert (corrected.amount, corrected.paid_on) == (110_000, D(2026, 9, 6))
    assert not DuesPayment.objects.filter(pk=payment.pk).exists()
