"""Pages of đảng phí: the month's figures of the organizations the user sees (the
committee's totals, kept and remitted at each level, the members in arrears) and a cell's
collection screen. Thin: the ledger reads, `dues_collect` writes."""

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.common import clock
from dangvu.common.rulesets import NoRuleSet
from dangvu.common.spreadsheets import EXPORT_TYPES
from dangvu.dues.corrections import dues_payment_correct, dues_payment_remove
from dangvu.dues.export import dues_ledger_export
from dangvu.dues.forms import (
    BasisForm,
    CollectionForm,
    LedgerForm,
    PaymentCorrectForm,
    PaymentRemoveForm,
    ReliefForm,
    amount_field,
)
from dangvu.dues.models import DuesPayment
from dangvu.dues.obligations import month_start, next_month
from dangvu.dues.selectors import (
    Ledger,
    collection_cell,
    dues_ledger,
    dues_paid_until,
    member_dues_history,
    member_payment_get,
)
from dangvu.dues.services import (
    Collected,
    DuesError,
    dues_basis_set,
    dues_collect,
    dues_relief_grant,
)
from dangvu.members.models import Member
from dangvu.members.selectors import member_get_for_user
from dangvu.organizations.access import OutOfScope, member_in_scope, org_in_scope
from dangvu.organizations.decorators import requires
from dangvu.organizations.models import CELL_KINDS, OrgUnit
from dangvu.organizations.roles import Action, Resource

MEMBER, VIEW, CHANGE = Resource.MEMBER, Action.VIEW, Action.CHANGE


def _previous(month: dt.date) -> dt.date:
    return month_start(month - dt.timedelta(days=1))


@requires(MEMBER, VIEW)
def ledger(request: HttpRequest) -> HttpResponse:
    """The month's figures (this month unless asked), for one organization's subtree or
    everything the user sees."""
    form = LedgerForm(request.GET or None, user=request.user)
    month, org = month_start(clock.today()), None
    if form.is_valid():
        month = form.cleaned_data["month"] or month
        org = form.cleaned_data["org"]
    try:
        if form.is_valid() and request.GET.get("format") == "xlsx":
            return _export(request, month, org, whole_year=request.GET.get("period") == "year")
        found = dues_ledger(user=request.user, month=month, org=org, every_member=False)
    except NoRuleSet as missing:
        form.add_error("month", str(missing))
        found = None
    context = {
        "form": form,
        "month": month,
        "ledger": found,
        "org": org,
        "previous": _previous(month),
        "next": next_month(month),
        "cells": _collectable(request, found),
        "arrears": [line for line in found.members if line.in_arrears] if found else [],
    }
    return render(request, "dues/ledger.html", context)


def _export(
    request: HttpRequest, month: dt.date, org: OrgUnit | None, *, whole_year: bool
) -> HttpResponse:
    """The ledger of the month, or of its year, as an XLSX file; the export is logged."""
    name = f"so-dang-phi-{month:%Y}" if whole_year else f"so-dang-phi-{month:%Y-%m}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.xlsx"
        dues_ledger_export(user=request.user, month=month, org=org, path=path,
                           today=clock.today(), whole_year=whole_year)  # fmt: skip
        response = HttpResponse(path.read_bytes(), content_type=EXPORT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _collectable(request: HttpRequest, found: Ledger | None) -> set[int]:
    """The ledger's cells whose collection screen the user may open."""
    if found is None:
        return set()
    return {
        line.org_id
        for line in found.orgs
        if line.kind in CELL_KINDS
        and org_in_scope(request.user, MEMBER, CHANGE, line.org_id, found.month)
    }


@requires(MEMBER, CHANGE)
def collect(request: HttpRequest, code: str, month: dt.date) -> HttpResponse:
    """The cell's collection screen for MONTH: who owes what, who paid; a POST records
    the amounts filled in, paid on one date."""
    cell = collection_cell(request.user, code, month)
    try:
        found = dues_ledger(user=request.user, month=month, org=cell)
    except (NoRuleSet, OutOfScope):
        raise Http404(code) from None
    today = clock.today()
    form = CollectionForm(request.POST or None, lines=found.members, today=today)
    if request.method == "POST" and form.is_valid():
        amounts = form.amounts()
        members = Member.objects.in_bulk(list(amounts))
        payments = [
            Collected(members[pk], amount, form.cleaned_data["paid_on"])
            for pk, amount in amounts.items()
        ]
        if not payments:
            form.add_error(None, _("Ghi số tiền nộp của ít nhất một đảng viên."))
        else:
            try:
                dues_collect(actor=request.user, cell=cell, month=month, payments=payments,
                             today=today)  # fmt: skip
            except DuesError as refused:
                _show_refusal(form, refused)
            else:
                messages.success(
                    request,
                    _("Đã ghi %(count)s khoản nộp đảng phí tháng %(month)s.")
                    % {"count": len(payments), "month": f"{month:%m/%Y}"},
                )
                return redirect("dues:collect", code=cell.code, month=month)
    context = {
        "cell": cell,
        "month": month,
        "ledger": found,
        "form": form,
        "rows": [
            (line, form[amount_field(line.member_id)] if not line.paid else None)
            for line in found.members
        ],
        "arrears": [line for line in found.members if line.in_arrears],
        "previous": _previous(month),
        "next": next_month(month),
    }
    return render(request, "dues/collect.html", context)


def _show_refusal(form: CollectionForm, refused: DuesError) -> None:
    """The service's refusal by member, on that member's amount."""
    by_member = {str(line.member_id): amount_field(line.member_id) for line in form.lines}
    for key, errors in refused.message_dict.items():
        name = by_member.get(key)
        for message in errors:
            form.add_error(name if name in form.fields else None, message)


@requires(MEMBER, VIEW)
def member_dues(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's dues: bases, decisions, payments; the forms to record a basis or a
    decision for those who may change the member."""
    today = clock.today()
    member = member_get_for_user(user=request.user, pk=pk, as_of=today)
    context = {
        "member": member,
        "history": member_dues_history(member),
        "paid_until": dues_paid_until(member, today),
        "may_change": member_in_scope(request.user, MEMBER, CHANGE, member.pk, today),
        "forms": {"basis": BasisForm(), "relief": ReliefForm()},
    }
    return render(request, "dues/member.html", context)


def _record_basis(request: HttpRequest, member: Member, data: dict[str, Any]) -> None:
    dues_basis_set(actor=request.user, member=member, month=data["month"],
                   category=data["category"], income=data["income"], region=data["region"],
                   past_retirement_age=data["past_retirement_age"],
                   today=clock.today())  # fmt: skip


def _grant_relief(request: HttpRequest, member: Member, data: dict[str, Any]) -> None:
    dues_relief_grant(actor=request.user, member=member, kind=data["kind"],
                      ground=data["ground"], percent=data["percent"] or 0,
                      first_month=data["first_month"], last_month=data["last_month"],
                      decision=data["decision"], decided_on=data["decided_on"],
                      today=clock.today())  # fmt: skip


def _payment(member: Member, data: dict[str, Any]) -> DuesPayment:
    payment = member_payment_get(member, data["payment"])
    if payment is None:
        raise DuesError({"payment": _("Không tìm thấy khoản nộp này; tải lại trang.")})
    return payment


def _correct_payment(request: HttpRequest, member: Member, data: dict[str, Any]) -> None:
    dues_payment_correct(actor=request.user, payment=_payment(member, data),
                         amount=data["amount"], paid_on=data["paid_on"],
                         today=clock.today())  # fmt: skip


def _remove_payment(request: HttpRequest, member: Member, data: dict[str, Any]) -> None:
    dues_payment_remove(actor=request.user, payment=_payment(member, data),
                        reason=data["reason"])  # fmt: skip


# Each action of the member's dues page: its form, and the one service call it makes.
MEMBER_ACTIONS: dict[str, tuple[type[forms.Form], Callable[..., None]]] = {
    "basis": (BasisForm, _record_basis),
    "relief": (ReliefForm, _grant_relief),
    "payment": (PaymentCorrectForm, _correct_payment),
    "payment_remove": (PaymentRemoveForm, _remove_payment),
}


@require_POST
@requires(MEMBER, CHANGE)
def member_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Record a basis or a decision, or correct or remove a payment, from the member's dues
    page."""
    if action not in MEMBER_ACTIONS:
        raise Http404(action)
    member = member_get_for_user(user=request.user, pk=pk, as_of=clock.today(), action=CHANGE)
    form_class, write = MEMBER_ACTIONS[action]
    form = form_class(request.POST)
    try:
        if not form.is_valid():
            raise DuesError(form.errors.as_data())
        write(request, member, form.cleaned_data)
    except DuesError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("Đã ghi nhận."))
    return redirect("dues:member", pk=member.pk)
