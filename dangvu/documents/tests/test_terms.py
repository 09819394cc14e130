"""The cấp ủy term holding a day (HD 36-HD/VPTW: numbers from 01 per type within a term,
which runs from the day after the congress closes to the close of the next one)."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_dates_by_key
from dangvu.documents.terms import Term, term_on

D = dt.date
STARTS = (D(2020, 9, 1), D(2025, 9, 1))


@pytest.mark.parametrize(
    ("established", "day", "expected"),
    [
        # Within a term, across calendar years: one term.
        (D(2008, 6, 1), D(2021, 1, 4), Term(D(2020, 9, 1), D(2025, 9, 1))),
        (D(2008, 6, 1), D(2024, 12, 31), Term(D(2020, 9, 1), D(2025, 9, 1))),
        # The term's first day opens the new term; its eve is the old one's last.
        (D(2008, 6, 1), D(2025, 8, 31), Term(D(2020, 9, 1), D(2025, 9, 1))),
        (D(2008, 6, 1), D(2025, 9, 1), Term(D(2025, 9, 1), None)),
        (D(2008, 6, 1), D(2026, 11, 26), Term(D(2025, 9, 1), None)),
        # Before the first term recorded: from the committee's creation.
        (D(2008, 6, 1), D(2019, 5, 6), Term(D(2008, 6, 1), D(2020, 9, 1))),
        # A committee created within a term (the Bloc's 2025 successors) opens its own.
        (D(2025, 2, 1), D(2025, 2, 3), Term(D(2025, 2, 1), D(2025, 9, 1))),
        (D(2025, 2, 1), D(2025, 9, 3), Term(D(2025, 9, 1), None)),
    ],
)
def test_term_on(established: dt.date, day: dt.date, expected: Term) -> None:
    term = term_on(STARTS, established, day)

    assert term == expected
    assert term.holds(day)


def test_the_setting_fails_loudly_on_a_bad_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCUMENT_TERM_STARTS", '{"": ["01/09/2025"]}')

    with pytest.raises(ImproperlyConfigured):
        env_dates_by_key("DOCUMENT_TERM_STARTS", {})


def test_the_setting_reads_dates_sorted_by_committee(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCUMENT_TERM_STARTS", '{"": ["2025-09-01", "2020-09-01"], "DBUB": []}')

    assert env_dates_by_key("DOCUMENT_TERM_STARTS", {}) == {
        "": (D(2020, 9, 1), D(2025, 9, 1)), "DBUB": ()}  # fmt: skip
