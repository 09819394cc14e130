"""A member's dues as the member reads them (their own page, `web`'s "Hồ sơ của tôi"): the
months paid, the month paid up to, and the months that are over and owed something but are
unpaid. Four queries whatever the number of months."""

import datetime as dt
from dataclasses import dataclass

from dangvu.common.rulesets import NoRuleSet
from dangvu.dues.models import DuesBasis, DuesPayment
from dangvu.dues.obligations import Obligations, month_start, months_between
from dangvu.members.models import Member
from dangvu.organizations.access import User, member_in_scope
from dangvu.organizations.roles import Action, Resource


@dataclass(frozen=True)
class DuesStanding:
    payments: list[DuesPayment]  # newest first
    paid_until: dt.date | None  # the last month paid to the end of, without a gap before it
    unpaid: list[dt.date]  # months that are over, owed something, and have no payment
    has_basis: bool


def member_dues_standing(*, user: User, member: Member, today: dt.date) -> DuesStanding | None:
    """MEMBER's dues up to the last month that is over on TODAY, or None when USER may not
    see the member's record. A month before the dues rules begin owes nothing known."""
    if not member_in_scope(user, Resource.MEMBER, Action.VIEW, member.pk, today):
        return None
    payments = list(
        DuesPayment.objects.filter(member=member).select_related("cell").order_by("-month", "-pk")
    )
    first = DuesBasis.objects.filter(member=member).order_by("valid_from").first()
    if first is None:
        return DuesStanding(payments, None, [], has_basis=False)
    paid = {payment.month for payment in payments}
    last_closed = month_start(month_start(today) - dt.timedelta(days=1))
    obligations = Obligations([member.pk], first.valid_from, last_closed)
    unpaid: list[dt.date] = []
    paid_until = None
    for month in months_between(first.valid_from, last_closed):
        try:
            owed = obligations.owed(member.pk, month)
        except NoRuleSet:
            owed = None
        if month in paid or owed is None or owed.amount == 0:
            paid_until = paid_until if unpaid else month
        else:
            unpaid.append(month)
    return DuesStanding(payments, paid_until, unpaid, has_basis=True)
