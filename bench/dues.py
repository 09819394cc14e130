"""The dues ledger's measurement, on the registry as it stands (the large demo in `make
bench`): the month's ledger of everything as the operator, as the committee's page and the
due list read it (`dues_ledger(every_member=False)`: each cell's figures, the levels' shares
and the members in arrears), against a hand-written SQL aggregate of the same figures per
cell (members, owed by the basis's rate, paid, members with three months unpaid), timed in
turns; and the ledger with every member's line (`dangvu dues ledger --json`) beside it.

Set-up, untimed and in bulk: a basis for every member without one, from January, and
payments for the year's months up to the last closed one, 97% of members each month (so a
few hundred miss three). Import only after `django.setup()` (see `bench.run`)."""

import datetime as dt
import random
from typing import Any, TypedDict

from django.db import connection

from bench.measure import count_queries, log
from bench.timing import Timing, time_pair
from dangvu.common import clock
from dangvu.dues.deadlines import last_closed_month
from dangvu.dues.models import DuesBasis, DuesPayment
from dangvu.dues.obligations import months_between
from dangvu.dues.rules import Category
from dangvu.dues.selectors import dues_ledger
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import Membership

SEED = 2020
PAYING = 0.97
# The same figures as the ledger, by hand: the month's members by cell, their basis's amount
# (the rates of Quy định 01-QĐ/TW for the categories the set-up uses), what they paid for the
# month, and how many paid fewer than all but two of the year's months.
LEDGER_SQL = """
SELECT m.org_id, COUNT(*),
       SUM(CASE b.category WHEN 'PENSION' THEN ROUND(b.income * 0.005)
                           WHEN 'STUDENT' THEN 5000
                           ELSE ROUND(COALESCE(b.income, 0) * 0.01) END),
       SUM(COALESCE(p.paid, 0)),
       SUM(CASE WHEN %(months)s - COALESCE(p.months, 0) >= 3 THEN 1 ELSE 0 END)
FROM organizations_membership m
LEFT JOIN dues_duesbasis b ON b.member_id = m.member_id AND b.valid_from <= %(month)s
     AND (b.valid_to IS NULL OR b.valid_to > %(month)s)
LEFT JOIN (
    SELECT member_id, COUNT(*) AS months,
           SUM(CASE WHEN month = %(month)s THEN amount ELSE 0 END) AS paid
    FROM dues_duespayment WHERE month >= %(january)s AND month <= %(month)s
    GROUP BY member_id
) p ON p.member_id = m.member_id
WHERE m.valid_from <= %(month)s AND (m.valid_to IS NULL OR m.valid_to > %(month)s)
GROUP BY m.org_id
"""


class DuesResult(TypedDict):
    month: str
    members: int
    payments: int
    in_arrears: int
    queries: int
    ledger: Timing
    sql: Timing
    ratio_p50: float
    every_member: Timing
    every_member_ratio_p50: float


def _set_up(month: dt.date) -> int:
    """Bases and payments in bulk; the number of payments the year holds."""
    rng = random.Random(SEED)
    january = month.replace(month=1)
    rows = list(
        Membership.objects.as_of(month)
        .exclude(member__dues_bases__isnull=False)
        .values_list("member_id", "org_id")
    )
    bases = []
    for member_id, _cell in rows:
        draw = rng.random()
        category = Category.PENSION if draw < 0.08 else Category.SALARY_STATE
        income = rng.randrange(5_000_000, 25_000_000, 1000)
        bases.append(DuesBasis(member_id=member_id, valid_from=january, category=category,
                               income=income))  # fmt: skip
    DuesBasis.objects.bulk_create(bases, batch_size=5000)
    payments = []
    for each in months_between(january, month):
        for member_id, cell in rows:
            if rng.random() < PAYING:
                payments.append(DuesPayment(member_id=member_id, month=each, amount=100_000,
                                            paid_on=each, cell_id=cell))  # fmt: skip
    DuesPayment.objects.bulk_create(payments, batch_size=5000, ignore_conflicts=True)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE dues_duesbasis; ANALYZE dues_duespayment")
        else:
            cursor.execute("ANALYZE")
    return DuesPayment.objects.filter(month__gte=january, month__lte=month).count()


def _hand_sql(month: dt.date) -> list[Any]:
    params: dict[str, dt.date | int] = {
        "month": month,
        "january": month.replace(month=1),
        "months": len(months_between(month.replace(month=1), month)),
    }
    with connection.cursor() as cursor:
        cursor.execute(LEDGER_SQL, params)
        return cursor.fetchall()


def measure_dues(*, runs: int, warmups: int) -> DuesResult:
    """The last closed month's ledger of the top committee, and the hand SQL."""
    month = last_closed_month(clock.today())
    payments = _set_up(month)
    ledger = dues_ledger(user=OPERATOR, month=month, every_member=False)
    log(f"dues ledger of {month:%m/%Y}: {ledger.totals}")
    with count_queries() as captured:
        dues_ledger(user=OPERATOR, month=month, every_member=False)
    timed_ledger, timed_sql = time_pair(
        lambda: dues_ledger(user=OPERATOR, month=month, every_member=False),
        lambda: _hand_sql(month),
        runs=runs,
        warmups=warmups,
    )
    timed_every, timed_sql_again = time_pair(
        lambda: dues_ledger(user=OPERATOR, month=month),
        lambda: _hand_sql(month),
        runs=max(3, runs // 4),
        warmups=1,
    )
    log(f"dues ledger p50 {timed_ledger['p50_ms']} ms, every member {timed_every['p50_ms']} "
        f"ms, hand SQL {timed_sql['p50_ms']} ms")  # fmt: skip
    return DuesResult(
        month=f"{month:%Y-%m}",
        members=ledger.totals["members"],
        payments=payments,
        in_arrears=ledger.totals["in_arrears"],
        queries=len(captured.captured_queries),
        ledger=timed_ledger,
        sql=timed_sql,
        ratio_p50=round(timed_ledger["p50_ms"] / max(timed_sql["p50_ms"], 0.001), 2),
        every_member=timed_every,
        every_member_ratio_p50=round(
            timed_every["p50_ms"] / max(timed_sql_again["p50_ms"], 0.001), 2
        ),
    )
