"""The dues' lines on the due list (Việc đến hạn): members with unpaid months enough in the
year to be considered for removal from the list (xóa tên). A line to act on, never a removal:
the cell weighs whether there was good reason, and the committee decides."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.common.rulesets import NoRuleSet
from dangvu.dues.obligations import month_start, next_month
from dangvu.dues.selectors import dues_ledger
from dangvu.members.deadlines import Found
from dangvu.organizations.access import User

KINDS = {"DUES_ARREARS": _("Chưa đóng đảng phí: xem xét xóa tên")}


def last_closed_month(today: dt.date) -> dt.date:
    """The latest month that is over on TODAY: the arrears count up to it."""
    return month_start(month_start(today) - dt.timedelta(days=1))


def dues_arrears_due(user: User, today: dt.date) -> list[Found]:
    """One line per member USER may see who, by the end of the last closed month, has gone
    unpaid for the rule set's number of months in that year; due from the month after. One
    query of the ledger, which returns the members in arrears only."""
    month = last_closed_month(today)
    try:
        ledger = dues_ledger(user=user, month=month, every_member=False)
    except NoRuleSet:
        return []
    found: list[Found] = []
    for line in ledger.members:
        if line.in_arrears:
            url = reverse("members:detail", args=[line.member_id])
            name = f"{line.full_name} ({ledger.rules.arrears_text(line.arrears_months)})"
            found.append(("DUES_ARREARS", next_month(month), name, url, False, line.cell_id))
    return found
