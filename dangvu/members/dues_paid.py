"""The month a member has paid dues to the end of, which the transfer letter states ("đã
đóng đảng phí đến hết tháng …"). The dues app knows it and sits above members, so it
registers its answer at start-up (`paid_until_register`); without it the letter's field
starts empty for the cell to fill."""

import datetime as dt
from collections.abc import Callable

from dangvu.members.models import Member

PaidUntil = Callable[[Member, dt.date], dt.date | None]
_PROVIDERS: list[PaidUntil] = []


def paid_until_register(provider: PaidUntil) -> None:
    _PROVIDERS.append(provider)


def paid_until(member: Member, today: dt.date) -> dt.date | None:
    """The last month (its first day) MEMBER has paid dues to the end of, seen on TODAY;
    None when nobody knows."""
    for provider in _PROVIDERS:
        if (month := provider(member, today)) is not None:
            return month
    return None
