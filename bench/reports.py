"""The reports' measurements: the statistics pack's member figures against a hand-written
SQL GROUP BY of the same counts, and (on the demo at scale 1.0) the 2021 annual report as
DOCX. Import only after `django.setup()` (see `bench.run`)."""

import datetime as dt
from typing import Any, TypedDict

from django.db import connection

from bench.measure import count_queries, log
from bench.timing import Timing, time_calls, time_pair
from dangvu.demo.builder import BLOC
from dangvu.members.rules import AGE_BANDS, birth_date_range
from dangvu.organizations.access import Operator
from dangvu.organizations.models import OrgUnit
from dangvu.reports.services import annual_report_file
from dangvu.stats.breakdowns import ATTRIBUTES, member_breakdowns
from dangvu.stats.scope import Scope

YEAR = 2021
DAY = dt.date(YEAR, 12, 31)
# The members on the roll on the day (an open membership, admitted, not exited), counted
# by one attribute: what the pack counts, by hand.
ROLL_SQL = """
SELECT {column}, COUNT(*)
FROM organizations_membership s JOIN members_member m ON m.id = s.member_id
WHERE s.valid_from <= %(day)s AND (s.valid_to IS NULL OR s.valid_to > %(day)s)
  AND m.admission_date <= %(day)s AND (m.exit_date IS NULL OR m.exit_date > %(day)s)
GROUP BY 1
"""


class PackResult(TypedDict):
    members: int
    queries: int
    pack: Timing
    sql: Timing
    ratio_p50: float


def _age_column() -> str:
    whens = []
    for code, _youngest, _oldest in AGE_BANDS:
        earliest, latest = birth_date_range(code, DAY)
        low = f" AND m.birth_date > '{earliest.isoformat()}'" if earliest else ""
        whens.append(f"WHEN m.birth_date <= '{latest.isoformat()}'{low} THEN '{code}'")
    return f"CASE {' '.join(whens)} ELSE '' END"


def _by_hand() -> dict[str, dict[str, int]]:
    columns = {
        "status": f"CASE WHEN m.official_date <= '{DAY.isoformat()}' THEN 'OFFICIAL' "
        "ELSE 'PROBATIONARY' END",
        "age_band": _age_column(),
        **{name: f"m.{name}" for name in ATTRIBUTES},
    }
    found = {}
    with connection.cursor() as cursor:
        for name, column in columns.items():
            cursor.execute(ROLL_SQL.format(column=column), {"day": DAY})
            found[name] = {str(code): n for code, n in cursor.fetchall()}
    return found


def measure_pack(*, runs: int, warmups: int) -> PackResult:
    """The pack's member figures of the whole tree on 31/12/2021 against the SQL."""
    scope = Scope(user=Operator(), root=None, start=dt.date(YEAR, 1, 1), end=DAY, as_of=DAY)
    with count_queries() as queries:
        figures = member_breakdowns(scope)
    by_hand = _by_hand()
    assert figures["status"]["total"] == sum(by_hand["status"].values()), "pack ≠ SQL"
    log(f"statistics pack of {figures['status']['total']:,} members against SQL")
    pack, sql = time_pair(lambda: member_breakdowns(scope), _by_hand, runs=runs,
                          warmups=warmups)  # fmt: skip
    return {
        "members": figures["status"]["total"],
        "queries": len(queries),
        "pack": pack,
        "sql": sql,
        "ratio_p50": pack["p50_ms"] / sql["p50_ms"],
    }


def measure_report(*, runs: int, warmups: int) -> dict[str, Any]:
    """The Bloc's 2021 report as DOCX, and its pack against the SQL."""
    bloc = OrgUnit.objects.get(code=BLOC[0])
    log("the 2021 annual report as DOCX")

    def docx() -> bytes:
        return annual_report_file(user=Operator(), committee=bloc, year=YEAR, as_of=DAY,
                                  issued_on=dt.date(YEAR + 1, 1, 14), fmt="docx")  # fmt: skip

    return {
        "docx": time_calls(docx, runs=max(3, runs // 4), warmups=1),
        "pack": measure_pack(runs=runs, warmups=warmups),
    }
