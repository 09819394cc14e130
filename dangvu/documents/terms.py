"""Cấp ủy terms (nhiệm kỳ) of the register of outgoing documents: HD 36-HD/VPTW numbers a
committee's documents "from 01 for each document type within one cấp ủy term", a term
running from the day after the committee's congress closes to the close of the next one.

The first days of the terms are a setting (`DOCUMENT_TERM_STARTS`, by committee code, ""
for the others), not a record of the tree: a term changes once in five years, the same
campaign sets it for every committee of a level (Chỉ thị 35-CT/TW, 45-CT/TW), and a
committee whose congress closed on another day names its own days. A committee created
within a term (the 2025 successors of the Bloc) opens its register on its creation."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from dangvu.organizations.models import OrgUnit


@dataclass(frozen=True)
class Term:
    """A committee's term: from START to END (exclusive; open while None)."""

    start: dt.date
    end: dt.date | None

    def holds(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def term_on(starts: Sequence[dt.date], established: dt.date, day: dt.date) -> Term:
    """The term holding DAY of a committee established on ESTABLISHED whose terms start on
    STARTS (sorted): from the last start on or before DAY, or from ESTABLISHED when the
    committee was created later within that term; to the next start."""
    begun = [start for start in starts if start <= day]
    opened = [established] if established <= day else []
    start = max([*begun[-1:], *opened], default=dt.date.min)
    end = next((start_ for start_ in starts if start_ > day), None)
    return Term(start, end)


def committee_term(committee: OrgUnit, day: dt.date) -> Term:
    """The term of COMMITTEE holding DAY, from the settings (see the module's docstring)."""
    starts = settings.DOCUMENT_TERM_STARTS
    own = starts.get(committee.code, starts.get("", ()))
    return term_on(own, committee.established_date, day)
