"""The month's ledger as one SQL query: for each member of a scope (a query of membership
rows with `member_id` and `org_id`), the basis and decision covering the month, the amount
owed under the month's rule set (`dues.owed_sql`), what was paid for it, and the months of
the year so far that owed something and were not paid.

Most members' year is one basis and no decision, owing something from January to the
month: their unpaid months are the months less the payments (one GROUP BY). Only the
others (few) have their months counted one member at a time by a correlated subquery,
each month under its own rule set, against the payments. Either every member's line comes
back, or each cell's figures and the members in arrears only (the committee's page and the
due list), in one query too.
"""

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import QuerySet

from dangvu.dues.models import DuesBasis, DuesPayment, DuesRelief
from dangvu.dues.obligations import months_between
from dangvu.dues.owed_sql import (
    Columns,
    age_cutoff,
    exempt_flag_sql,
    full_sql,
    owed_sql,
    relief_sql,
)
from dangvu.dues.rulesets import Dues342, month_rules
from dangvu.members.models import Member

BASIS, RELIEF, PAYMENT, MEMBER = (
    DuesBasis._meta.db_table,
    DuesRelief._meta.db_table,
    DuesPayment._meta.db_table,
    Member._meta.db_table,
)
AGE_START = "COALESCE(m.admission_decision_date, m.admission_date)"


def _columns(basis: str, relief: str, cutoff: str) -> Columns:
    return Columns(
        category=f"{basis}.category",
        income=f"{basis}.income",
        region=f"{basis}.region",
        past_retirement_age=f"{basis}.past_retirement_age",
        relief_kind=f"{relief}.kind",
        relief_ground=f"{relief}.ground",
        relief_percent=f"{relief}.percent",
        age_start=AGE_START,
        age_cutoff=cutoff,
    )


def _covers(alias: str, month: str) -> str:
    start, end = f"{alias}.valid_from", f"{alias}.valid_to"
    return f"{start} <= {month} AND ({end} IS NULL OR {end} > {month})"


def _plain(cutoff: str) -> Columns:
    """The month's basis with no decision, at the party-age cutoff CUTOFF."""
    return dataclasses.replace(
        _columns("b", "", cutoff), relief_kind="NULL", relief_ground="NULL", relief_percent="0"
    )


def _owed(rules: Dues342, columns: Columns) -> str:
    return owed_sql(rules, columns, full_sql(rules, columns))


def _segments(months: list[dt.date]) -> list[tuple[Dues342, dt.date, dt.date]]:
    """MONTHS (consecutive) cut where the rule set changes: (rules, first, last)."""
    segments: list[tuple[Dues342, dt.date, dt.date]] = []
    for each in months:
        rules = month_rules(each)
        if segments and segments[-1][0] is rules:
            segments[-1] = (rules, segments[-1][1], each)
        else:
            segments.append((rules, each, each))
    return segments


@dataclasses.dataclass(frozen=True)
class _Paid:
    """The year's payments of a member of the scope `s`, as `base` reads them: the number
    of months paid from January to the end of each segment, and the month's amount."""

    upto: list[str]
    amount: str
    cte: str = ""  # a WITH entry the expressions read, ending in a comma
    join: str = ""  # its join in `base`


def _payments(segments: int, *, whole: bool) -> _Paid:
    """PostgreSQL adds up the year's payments once (a hash aggregate) and joins them;
    WHOLE: the scope is every membership of the month, so without the scope (joining a
    million payments to the whole registry costs more than adding up the few of members
    who left). SQLite's GROUP BY sorts those million rows instead, so there each member's
    few payments are looked up in the (member, month) index: 1.22 s to 0.97 s for the
    ledger of 104,000 members, and the cost follows the scope, not the whole table."""
    if connection.vendor != "postgresql":
        of_member = f"FROM {PAYMENT} x WHERE x.member_id = s.member_id AND x.month"
        return _Paid(
            upto=[
                f"(SELECT COUNT(*) {of_member} >= %(january)s AND x.month <= %(s{k}_to)s)"
                for k in range(segments)
            ],
            amount=f"(SELECT x.amount {of_member} = %(month)s)",
        )
    counts = [
        f"SUM(CASE WHEN p.month <= %(s{k}_to)s THEN 1 ELSE 0 END) AS upto{k}"
        for k in range(segments - 1)
    ] + [f"COUNT(*) AS upto{segments - 1}"]
    cte = f"""
paid AS (
  SELECT p.member_id, {", ".join(counts)},
         SUM(CASE WHEN p.month = %(month)s THEN p.amount ELSE 0 END) AS amount
  FROM {PAYMENT} p {"" if whole else "JOIN scope s ON s.member_id = p.member_id"}
  WHERE p.month >= %(january)s AND p.month <= %(month)s
  GROUP BY p.member_id
),"""
    return _Paid(
        upto=[f"COALESCE(p.upto{k}, 0)" for k in range(segments)],
        amount="p.amount",
        cte=cte,
        join="\n  LEFT JOIN paid p ON p.member_id = s.member_id",
    )


def _with_lines(
    month: dt.date, scope_sql: str, *, whole: bool, names: bool
) -> tuple[str, dict[str, Any]]:
    """The WITH clause ending in `line`: one row per member of the scope, with `unpaid`,
    and with NAMES their national_id, full_name and sort_key (a `line` read twice is
    written out in full by PostgreSQL: narrower without them). WHOLE: the scope is every
    membership of the month (`_payments`)."""
    january = month.replace(month=1)
    months = months_between(january, month)
    rules = month_rules(month)
    segments = _segments(months)
    params: dict[str, Any] = {
        "month": month,
        "january": january,
        "cutoff": age_cutoff(rules, month),
    }
    rule_sets: list[Dues342] = []
    values = []
    for number, each in enumerate(months):
        if (of_month := month_rules(each)) not in rule_sets:
            rule_sets.append(of_month)
        params[f"m{number}"], params[f"c{number}"] = each, age_cutoff(of_month, each)
        values.append(f"(%(m{number})s, {rule_sets.index(of_month)}, %(c{number})s)")
    # A month of a member whose year is not plain, read row by row (they are few): the
    # correlated count below runs only for them.
    expanded_columns = dataclasses.replace(
        _columns("b2", "r2", "mo.cutoff"), age_start="o.age_start"
    )
    expanded = [_owed(each, expanded_columns) for each in rule_sets]
    owed_expanded = (
        expanded[0]
        if len(expanded) == 1
        else "CASE mo.rs "
        + " ".join(f"WHEN {n} THEN {sql}" for n, sql in enumerate(expanded))
        + " END"
    )
    at_month = _columns("b", "r", "%(cutoff)s")
    owed = _owed(rules, at_month)
    # A plain year: one basis from January and no decision. Under one rule set its amount
    # changes with the month only when the member reaches the party age that exempts, after
    # which it stays 0; so a segment owes in all its months or in none, unless the member
    # reaches that age within it this year: only they have their months counted one by one.
    # (The test compares the exemption, not the amounts: SQLite computes every amount it
    # is given, and a full amount is a CASE over the categories.)
    plain = "b.id IS NOT NULL AND b.valid_from <= %(january)s AND rx.member_id IS NULL"
    paid = _payments(len(segments), whole=whole)
    same, owing = ["1 = 1"], []
    for k, (of_segment, first_month, last_month) in enumerate(segments):
        params[f"s{k}_from"], params[f"s{k}_to"] = first_month, last_month
        params[f"s{k}_from_cutoff"] = age_cutoff(of_segment, first_month)
        params[f"s{k}_to_cutoff"] = age_cutoff(of_segment, last_month)
        first_exempt = exempt_flag_sql(of_segment, _plain(f"%(s{k}_from_cutoff)s"))
        last_exempt = exempt_flag_sql(of_segment, _plain(f"%(s{k}_to_cutoff)s"))
        if first_exempt is not None and last_exempt is not None:
            same.append(f"{first_exempt} = {last_exempt}")
        last_sql = _owed(of_segment, _plain(f"%(s{k}_to_cutoff)s"))
        count = len(months_between(first_month, last_month))
        # Payments up to the segment's end, less those up to the previous one's.
        paid_in = paid.upto[k] + (f" - {paid.upto[k - 1]}" if k else "")
        owing.append(f"CASE WHEN ({last_sql}) > 0 THEN {count} - ({paid_in}) ELSE 0 END")

    def member_names(alias: str) -> str:
        return f", {alias}.national_id, {alias}.full_name, {alias}.sort_key" if names else ""

    sql = f"""
WITH scope AS ({scope_sql}),
mo(month, rs, cutoff) AS (VALUES {", ".join(values)}),
relieved AS (
  SELECT DISTINCT member_id FROM {RELIEF}
  WHERE valid_from <= %(month)s AND (valid_to IS NULL OR valid_to > %(january)s)
),{paid.cte}
base AS (
  SELECT s.member_id, s.org_id, b.id AS basis_id,
         CASE WHEN b.id IS NULL THEN 0 ELSE {owed} END AS owed,
         CASE WHEN b.id IS NULL THEN ''
              ELSE {relief_sql(rules, at_month)} END AS relief,
         CASE WHEN {plain} AND {" AND ".join(same)} THEN {" + ".join(owing)} END AS unpaid,
         COALESCE({paid.amount}, 0) AS paid, {AGE_START} AS age_start{member_names("m")}
  FROM scope s
  JOIN {MEMBER} m ON m.id = s.member_id
  LEFT JOIN {BASIS} b ON b.member_id = s.member_id AND {_covers("b", "%(month)s")}
  LEFT JOIN {RELIEF} r ON r.member_id = s.member_id AND {_covers("r", "%(month)s")}
  LEFT JOIN relieved rx ON rx.member_id = s.member_id{paid.join}
),
line AS (
  SELECT o.member_id, o.org_id, o.basis_id, o.owed, o.relief, o.paid{member_names("o")},
         CASE WHEN o.unpaid IS NOT NULL THEN o.unpaid ELSE (
           SELECT COUNT(*) FROM mo
           JOIN {BASIS} b2 ON b2.member_id = o.member_id AND {_covers("b2", "mo.month")}
           LEFT JOIN {RELIEF} r2 ON r2.member_id = o.member_id AND {_covers("r2", "mo.month")}
           WHERE ({owed_expanded}) > 0
             AND NOT EXISTS (
               SELECT 1 FROM {PAYMENT} p2 WHERE p2.member_id = o.member_id AND p2.month = mo.month
             )
         ) END AS unpaid
  FROM base o
)"""
    return sql, params


def _run(sql: str, params: dict[str, Any], scope_params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """SQL with the scope's positional parameters first and the named ones after, numbered
    in their order: one query takes one style of placeholder."""
    names: list[str] = []

    def positional(found: re.Match[str]) -> str:
        names.append(found.group(1))
        return "%s"

    text = re.sub(r"%\((\w+)\)s", positional, sql)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The planner prices the rule sets' nested CASE far above JIT's thresholds, and
            # compiling them took longer than the query itself (seconds at 100,000 members).
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(text, [*scope_params, *(params[name] for name in names)])
        return cursor.fetchall()


def _scope(scope: QuerySet[Any, Any]) -> tuple[str, Sequence[Any]] | None:
    """SCOPE's SQL, or None where Django knows it matches nothing (a reader with no
    organization in reach: an empty IN has no SQL)."""
    try:
        return scope.values("member_id", "org_id").query.sql_with_params()
    except EmptyResultSet:
        return None


def member_rows(
    scope: QuerySet[Any, Any], month: dt.date, *, whole: bool = False
) -> list[tuple[Any, ...]]:
    """Every member of SCOPE in MONTH (its first day), by cell then Vietnamese order:
    (member_id, org_id, national_id, full_name, basis_id, owed, relief, paid, unpaid).
    WHOLE: SCOPE is every membership of the month."""
    scoped = _scope(scope)
    if scoped is None:
        return []
    scope_sql, scope_params = scoped
    with_lines, params = _with_lines(month, scope_sql, whole=whole, names=True)
    sql = f"""{with_lines}
SELECT member_id, org_id, national_id, full_name, basis_id, owed, relief, paid, unpaid
FROM line
ORDER BY org_id, sort_key, member_id"""
    return _run(sql, params, scope_params)


def cell_rows(
    scope: QuerySet[Any, Any], month: dt.date, arrears_months: int, *, whole: bool = False
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Each cell's figures, (org_id, members, owed, paid, in_arrears), and the members with
    ARREARS_MONTHS or more unpaid, as `member_rows` gives them: both from one query.
    WHOLE: SCOPE is every membership of the month."""
    scoped = _scope(scope)
    if scoped is None:
        return [], []
    scope_sql, scope_params = scoped
    with_lines, params = _with_lines(month, scope_sql, whole=whole, names=False)
    params["limit"] = arrears_months
    # The names of the few in arrears, one index lookup each (a join would read every member).
    names = ", ".join(
        f"(SELECT m.{name} FROM {MEMBER} m WHERE m.id = l.member_id)"
        for name in ("national_id", "full_name", "sort_key")
    )
    sql = f"""{with_lines},
cells AS (
  SELECT org_id, COUNT(*) AS members, SUM(owed) AS owed, SUM(paid) AS paid,
         SUM(CASE WHEN unpaid >= %(limit)s THEN 1 ELSE 0 END) AS in_arrears
  FROM line GROUP BY org_id
)
SELECT 0, c.org_id, c.members, c.owed, c.paid, c.in_arrears,
       NULL, NULL, NULL, NULL, NULL
FROM cells c
UNION ALL
SELECT 1, l.org_id, l.member_id, l.owed, l.paid, l.unpaid, l.basis_id, l.relief,
       {names}
FROM line l
WHERE l.unpaid >= %(limit)s
ORDER BY 1, 2, 11, 3"""
    cells, members = [], []
    for part, org_id, a, owed, paid, b, basis_id, relief, national_id, name, _key in _run(
        sql, params, scope_params
    ):
        if part == 0:
            cells.append((org_id, a, owed, paid, b))
        else:
            members.append((a, org_id, national_id, name, basis_id, owed, relief, paid, b))
    return cells, members
