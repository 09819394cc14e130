"""Effective-dated rule tables: rows of (valid_from, valid_to exclusive or None, rules)."""

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def in_force(table: Sequence[tuple[dt.date, dt.date | None, T]], day: dt.date) -> T:
    """The row of TABLE in force on DAY: a newer regulation applies from its effective date."""
    for valid_from, valid_to, rules in table:
        if valid_from <= day and (valid_to is None or day < valid_to):
            return rules
    raise LookupError(f"no rules in force on {day}")
