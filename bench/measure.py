"""The measurements, run inside one Django process against one database.

Import only after `django.setup()` (see `bench.run`).
"""

import dataclasses
import datetime as dt
import sqlite3
import sys
import tempfile
import tracemalloc
from collections import Counter
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any, TypedDict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, reset_queries
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.timing import Timing, stopwatch, time_calls, time_pair
from dangvu.common import clock
from dangvu.demo.builder import TARGET_MEMBERS, demo_reset
from dangvu.members.export import members_export
from dangvu.members.models import Gender, Member, Status
from dangvu.members.selectors import MemberFilter, member_page
from dangvu.organizations.access import Operator
from dangvu.organizations.models import GRASSROOTS_KINDS, Membership, OrgUnit, OrgVersion

SEED = 2020
HTTP_PATH = "/app/members/?q=nguyen+van"
HTTP_HOST = "127.0.0.1"


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    page: int = 1
    status: str = ""
    gender: str = ""
    query: str = ""
    large_org: bool = False


SCENARIOS = (
    Scenario("default_p1", "a. default list, page 1"),
    Scenario("default_p50", "b. default list, page 50", page=50),
    Scenario("search_nguyen_van", 'c. search "nguyen van"', query="nguyen van"),
    Scenario("search_dang", 'd. search "dang"', query="dang"),
    Scenario(
        "official_female",
        "e. status OFFICIAL + gender F",
        status=Status.OFFICIAL,
        gender=Gender.FEMALE,
    ),
    Scenario("org_subtree", "f. subtree of largest grassroots org", large_org=True),
)


class BuildResult(TypedDict):
    scale: float
    seconds: float
    organizations: int
    members: int
    members_today: int


class ScenarioResult(TypedDict):
    key: str
    label: str
    queries: int
    page: int
    rows: int
    total: int
    timing: Timing


class HttpResult(TypedDict):
    path: str
    status: int
    bytes: int
    queries: int
    timing: Timing


class OrgChoice(TypedDict):
    code: str
    name: str
    members: int


class DatasetResult(TypedDict):
    build: BuildResult
    analyze_seconds: float | None
    as_of: str
    org: OrgChoice
    scenarios: list[ScenarioResult]
    http: HttpResult


def log(message: str) -> None:
    print(f"[bench {connection.vendor}] {message}", file=sys.stderr, flush=True)


def database_info() -> dict[str, Any]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = str(cursor.fetchone()[0]).split()[0]
        name = "PostgreSQL"
    else:
        version, name = sqlite3.sqlite_version, "SQLite"
    return {
        "vendor": connection.vendor,
        "name": name,
        "version": version,
        "database": str(connection.settings_dict["NAME"]),
        "debug": settings.DEBUG,
        "conn_max_age": connection.settings_dict.get("CONN_MAX_AGE", 0),
    }


def count_queries() -> CaptureQueriesContext:
    """CaptureQueriesContext on a cleared log: with DEBUG on, the demo build fills the
    connection's bounded query log, and a full log would make every capture count zero."""
    reset_queries()
    return CaptureQueriesContext(connection)


def migrate() -> float:
    log("migrating a fresh database")
    seconds, _ = stopwatch(lambda: call_command("migrate", interactive=False, verbosity=0))
    return round(seconds, 2)


def build(scale: float) -> BuildResult:
    """Time `dangvu demo --seed 2020 --scale SCALE` on an empty registry (reset untimed)."""
    if OrgUnit.objects.exists():
        log("removing the previous demo data (untimed)")
        demo_reset()
    log(f"building the demo at scale {scale:.4f}")
    output = StringIO()
    # At scale 1.0 the history since the installation date goes through the services, as
    # `make run` builds it; the 100,000-member registry for the list benchmarks imports all
    # of it in one batch (installation date today), which is what a large customer does.
    # The rounds are left out there too: the list benchmarks read the registry only.
    extra = {} if scale == 1.0 else {"installed_on": clock.today(), "rounds": False}
    seconds, _ = stopwatch(
        lambda: call_command("demo", seed=SEED, scale=scale, stdout=output, **extra)
    )
    log(output.getvalue().strip())
    today = clock.today()
    return BuildResult(
        scale=round(scale, 4),
        seconds=round(seconds, 2),
        organizations=OrgUnit.objects.count(),
        members=Member.objects.count(),
        members_today=Membership.objects.as_of(today).count(),
    )


def analyze() -> float | None:
    """Refresh PostgreSQL's planner statistics, as autovacuum would shortly after a bulk load.
    SQLite is left as Django leaves it (no ANALYZE)."""
    if connection.vendor != "postgresql":
        return None
    seconds, _ = stopwatch(_analyze_all)
    return round(seconds, 2)


def _analyze_all() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def grassroots_sizes(as_of: dt.date) -> list[tuple[OrgVersion, int]]:
    """Each grassroots organization on AS_OF with the number of members in its subtree."""
    per_cell = dict(
        Membership.objects.as_of(as_of)
        .values("org_id")
        .annotate(members=Count("id"))
        .values_list("org_id", "members")
    )
    versions = list(OrgVersion.objects.as_of(as_of).select_related("org"))
    totals: Counter[int] = Counter()
    for version in versions:
        members = per_cell.get(version.org_id, 0)
        for ancestor in filter(None, version.path.split("/")):
            totals[int(ancestor)] += members
    return [(v, totals[v.org_id]) for v in versions if v.kind in GRASSROOTS_KINDS]


def largest_grassroots(as_of: dt.date) -> tuple[OrgUnit, OrgChoice]:
    """The grassroots organization with the most members in its subtree on AS_OF."""
    best, members = max(grassroots_sizes(as_of), key=lambda pair: (pair[1], -pair[0].org_id))
    return best.org, OrgChoice(code=best.org.code, name=best.name, members=members)


def _filters(scenario: Scenario, as_of: dt.date, org: OrgUnit) -> MemberFilter:
    return MemberFilter(
        as_of=as_of,
        org=org if scenario.large_org else None,
        status=scenario.status,
        gender=scenario.gender,
        query=scenario.query,
    )


def _load_page(filters: MemberFilter, params: dict[str, str]) -> tuple[int, int, int]:
    """One page as the list view needs it, fully evaluated: (page number, rows, total)."""
    result = member_page(user=Operator(), filters=filters, params=params)
    rows = list(result.page.object_list)
    cells = dict(result.cells)
    if len(cells) != len(rows):
        raise AssertionError(f"{len(rows) - len(cells)} members on the page have no cell")
    return result.page.number, len(rows), result.page.count


def _link_to_page(filters: MemberFilter, number: int) -> dict[str, str]:
    """The query a reader who clicked "Sau" to page NUMBER sends (walked there, untimed)."""
    params: dict[str, str] = {}
    for _ in range(number - 1):
        page = member_page(user=Operator(), filters=filters, params=params).page
        if page.next_after is None:
            break
        params = {"after": str(page.next_after), "n": str(page.number + 1)}
    return params


def run_scenario(
    scenario: Scenario, as_of: dt.date, org: OrgUnit, *, runs: int, warmups: int
) -> ScenarioResult:
    filters = _filters(scenario, as_of, org)
    params = _link_to_page(filters, scenario.page)
    timing = time_calls(lambda: _load_page(filters, params), runs=runs, warmups=warmups)
    with count_queries() as captured:
        number, rows, total = _load_page(filters, params)
    log(
        f"{scenario.label}: p50 {timing['p50_ms']} ms, p95 {timing['p95_ms']} ms, "
        f"{len(captured)} queries, {total} matches"
    )
    return ScenarioResult(
        key=scenario.key,
        label=scenario.label,
        queries=len(captured),
        page=number,
        rows=rows,
        total=total,
        timing=timing,
    )


def run_http(*, runs: int, warmups: int) -> HttpResult:
    """The full list page through Django's test client, logged in as the demo admin."""
    client = Client(HTTP_HOST=HTTP_HOST)
    # force_login: the lockout backend (django-axes) needs a real request to check a password.
    client.force_login(get_user_model().objects.get(username="admin"))

    def get() -> int:
        response = client.get(HTTP_PATH)
        if response.status_code != 200:
            raise RuntimeError(f"GET {HTTP_PATH} answered {response.status_code}")
        return len(response.content)

    timing = time_calls(get, runs=runs, warmups=warmups)
    with count_queries() as captured:
        size = get()
    log(f"GET {HTTP_PATH}: p50 {timing['p50_ms']} ms, p95 {timing['p95_ms']} ms")
    return HttpResult(path=HTTP_PATH, status=200, bytes=size, queries=len(captured), timing=timing)


def measure_dataset(scale: float, *, runs: int, warmups: int) -> DatasetResult:
    built = build(scale)
    analyzed = analyze()
    as_of = clock.today()
    org, choice = largest_grassroots(as_of)
    log(f"largest grassroots org: {choice['code']} {choice['name']} ({choice['members']})")
    scenarios = [
        run_scenario(scenario, as_of, org, runs=runs, warmups=warmups) for scenario in SCENARIOS
    ]
    return DatasetResult(
        build=built,
        analyze_seconds=analyzed,
        as_of=as_of.isoformat(),
        org=choice,
        scenarios=scenarios,
        http=run_http(runs=runs, warmups=warmups),
    )


def run_all(*, members: int, runs: int, warmups: int) -> dict[str, Any]:
    """Migrate, then the demo at scale 1.0 and at MEMBERS members, each measured; the
    evaluation's figures and the annual report on the first, the statistics pack on
    both; the dues ledger and the portal's cached article on the second."""
    result: dict[str, Any] = {"database": database_info(), "migrate_seconds": migrate()}
    result["small"] = measure_dataset(1.0, runs=runs, warmups=warmups)
    from bench.evaluation import measure_evaluation  # it reuses this module's helpers

    result["evaluation"] = measure_evaluation(runs=runs, warmups=warmups)
    from bench.reports import measure_pack, measure_report

    result["reports"] = measure_report(runs=runs, warmups=warmups)
    result["large"] = measure_dataset(members / TARGET_MEMBERS, runs=runs, warmups=warmups)
    result["reports_large"] = measure_pack(runs=runs, warmups=warmups)
    from bench.dues import measure_dues

    result["dues"] = measure_dues(runs=runs, warmups=warmups)
    from bench.portal import measure_portal  # the demo built above includes the portal

    result["portal"] = measure_portal()
    return result


def run_reports(*, members: int, runs: int, warmups: int) -> dict[str, Any]:
    """The reports' part of `run_all` alone (`--only reports`): migrate, the demo at scale
    1.0 with its annual report DOCX and its pack against the SQL, then the demo at MEMBERS
    members and the pack against the SQL there."""
    from bench.reports import measure_pack, measure_report

    result: dict[str, Any] = {"database": database_info(), "migrate_seconds": migrate()}
    result["small_build"] = build(1.0)
    analyze()
    result["reports"] = measure_report(runs=runs, warmups=warmups)
    result["large_build"] = build(members / TARGET_MEMBERS)
    analyze()
    result["reports_large"] = measure_pack(runs=runs, warmups=warmups)
    return result


NATIONAL_SCENARIOS = (
    Scenario("default_p1", "a. list, page 1"),
    Scenario("default_p500", "b. list, page 500", page=500),
    Scenario("search_nguyen_van", 'c. search "nguyen van"', query="nguyen van"),
    Scenario("official_female", "d. official women", status=Status.OFFICIAL, gender="F"),
    Scenario("org_subtree", "e. subtree of the largest TCCSĐ", large_org=True),
)


def measure_national(*, members: int, runs: int, warmups: int) -> dict[str, Any]:
    """The list pages on a registry of MEMBERS members written by `bench.national`."""
    from bench.national import national_build

    migrated = migrate()
    today = clock.today()
    log(f"writing a registry of {members:,} members")
    seconds, summary = stopwatch(lambda: national_build(members, today=today))
    log(f"written in {seconds:.0f} s: {summary}")
    org, choice = largest_grassroots(today)
    return {
        "database": database_info(),
        "migrate_seconds": migrated,
        "build": {"seconds": round(seconds, 1), **dataclasses.asdict(summary)},
        "org": choice,
        "scenarios": [
            run_scenario(scenario, today, org, runs=runs, warmups=warmups)
            for scenario in NATIONAL_SCENARIOS
        ],
        "figures": measure_figures(today, runs=runs, warmups=warmups),
        "export": measure_export(today),
    }


# The same per-cell figures as `stats.selectors.org_tree` counts (official and probationary
# by gender, on the day), written by hand: the floor any as-of figure can reach in SQL.
_CELL_FIGURES_SQL = """
SELECT ms.org_id, m.gender,
       m.official_date IS NOT NULL AND m.official_date <= %(on)s AS official, COUNT(*)
FROM organizations_membership ms JOIN members_member m ON m.id = ms.member_id
WHERE ms.valid_from <= %(on)s AND (ms.valid_to IS NULL OR ms.valid_to > %(on)s)
  AND m.admission_date <= %(on)s AND (m.exit_date IS NULL OR m.exit_date > %(on)s)
GROUP BY 1, 2, 3
"""


def measure_figures(as_of: dt.date, *, runs: int, warmups: int) -> dict[str, Any]:
    """The whole tree's as-of figures (`org_tree`, rolled up) against the hand-written
    GROUP BY of its per-cell counts, in the same run: the day read from its kept figures,
    the first reader who counts the day, and a reader after writes changed 100 cells."""
    from dangvu.stats.models import CountedDay, DirtyCell
    from dangvu.stats.selectors import org_tree

    def by_hand() -> int:
        with connection.cursor() as cursor:
            cursor.execute(_CELL_FIGURES_SQL, {"on": as_of})
            return len(cursor.fetchall())

    def tree() -> None:
        org_tree(user=Operator(), as_of=as_of)

    def first_reader() -> None:
        CountedDay.objects.filter(day=as_of).delete()
        tree()

    cells = list(Membership.objects.as_of(as_of).values_list("org_id", flat=True).distinct()[:100])

    def after_writes() -> None:
        DirtyCell.objects.bulk_create(DirtyCell(org_id=cell) for cell in cells)
        tree()

    ours, floor = time_pair(tree, by_hand, runs=runs, warmups=warmups)
    ratio = ours["p50_ms"] / floor["p50_ms"]
    first = time_calls(first_reader, runs=max(runs // 4, 2), warmups=0)
    recount = time_calls(after_writes, runs=max(runs // 4, 2), warmups=1)
    log(
        f"figures: org_tree p50 {ours['p50_ms']} ms, by hand {floor['p50_ms']} ms: {ratio:.2f}x; "
        f"counting the day {first['p50_ms']} ms, after 100 cells changed {recount['p50_ms']} ms"
    )
    return {
        "org_tree": ours,
        "sql": floor,
        "ratio": round(ratio, 2),
        "first_reader": first,
        "first_ratio": round(first["p50_ms"] / floor["p50_ms"], 2),
        "after_writes": recount,
        "changed_cells": len(cells),
    }


def measure_export(as_of: dt.date) -> dict[str, Any]:
    """The whole registry exported as CSV, as the list's export link does: rows per second,
    then again under tracemalloc for the peak of Python memory it took."""
    path = Path(tempfile.mkdtemp(prefix="dangvu-bench-")) / "dang-vien.csv"

    def export() -> int:
        return members_export(user=Operator(), filters=MemberFilter(as_of=as_of), path=path)

    seconds, rows = stopwatch(export)
    tracemalloc.start()
    export()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    size = path.stat().st_size
    path.unlink()
    log(f"export: {rows:,} rows in {seconds:.1f} s, peak {peak / 2**20:.1f} MB")
    return {
        "rows": rows,
        "seconds": round(seconds, 1),
        "rows_per_second": round(rows / seconds),
        "peak_mb": round(peak / 2**20, 1),
        "file_mb": round(size / 2**20, 1),
    }


def run_dues(*, members: int, runs: int, warmups: int) -> dict[str, Any]:
    """Migrate, build the registry of MEMBERS members, and measure the dues ledger only."""
    from bench.dues import measure_dues

    result: dict[str, Any] = {"database": database_info(), "migrate_seconds": migrate()}
    result["build"] = build(members / TARGET_MEMBERS)
    analyze()
    result["dues"] = measure_dues(runs=runs, warmups=warmups)
    return result


def run_portal() -> dict[str, Any]:
    """Migrate, write the demo's portal content only, and measure its cached article."""
    from bench.portal import measure_portal
    from dangvu.demo.portal import demo_portal

    result: dict[str, Any] = {"database": database_info(), "migrate_seconds": migrate()}
    demo_portal()
    result["portal"] = measure_portal()
    return result
