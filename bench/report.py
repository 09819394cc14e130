"""The plain-text report of a benchmark document (the JSON written to var/bench.json)."""

from typing import Any

BUILD_GOAL_SECONDS = 20.0
LARGE_BUILD_EXPECTED_SECONDS = 60.0
PACK_GOAL_RATIO = 1.5  # the results pack against a hand-written GROUP BY (issue 12)
REPORT_GOAL_MS = 3000  # issue 15: the demo's annual report DOCX in 3 s or less
CHECK_GOAL_MS = 100.0  # the entry screen's live check, p95 (issue 12)
NATIONAL_GOAL_MS = 50.0  # each list page at a million members, p95 (issue 18)
PORTAL_GOAL_RATIO = 0.5  # a cached article against a static file of its size (bench/portal.py)


def _table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    """Columns padded to width; ALIGN has one 'l' or 'r' per column."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        padded = [
            cell.ljust(width) if side == "l" else cell.rjust(width)
            for cell, width, side in zip(cells, widths, align, strict=True)
        ]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return [line(header), rule, *(line(row) for row in rows)]


def _ms(value: float) -> str:
    return f"{value:,.1f}"


def _db_title(db: dict[str, Any]) -> str:
    info = db["database"]
    return f"{info['name']} {info['version']}"


def queries_differing(db: dict[str, Any]) -> list[str]:
    """Labels of the pages whose query count differs between scale 1.0 and the large scale."""
    small = {row["key"]: row["queries"] for row in db["small"]["scenarios"]}
    small["http"] = db["small"]["http"]["queries"]
    large = {row["key"]: row["queries"] for row in db["large"]["scenarios"]}
    large["http"] = db["large"]["http"]["queries"]
    return [key for key in large if small.get(key) != large[key]]


def _build_section(dbs: dict[str, dict[str, Any]]) -> list[str]:
    names = list(dbs)
    header = ["demo build (seed 2020)", *(_db_title(dbs[name]) for name in names)]
    rows = [["migrate, fresh database", *(f"{dbs[n]['migrate_seconds']:.1f} s" for n in names)]]
    for size in ("small", "large"):
        scale = dbs[names[0]][size]["build"]["scale"]
        builds = [dbs[name][size]["build"] for name in names]
        rows.append([f"build at scale {scale:g}", *(f"{b['seconds']:.1f} s" for b in builds)])
        rows.append(
            [
                "  members built / orgs",
                *(f"{b['members']:,} / {b['organizations']:,}" for b in builds),
            ]
        )
    lines = _table(header, rows, "l" + "r" * len(names))
    small = [dbs[name]["small"]["build"]["seconds"] for name in names]
    verdict = "met" if max(small) <= BUILD_GOAL_SECONDS else "MISSED"
    lines.append(
        f"Goal: scale-1.0 build <= {BUILD_GOAL_SECONDS:g} s: {verdict} (worst {max(small):.1f} s)."
    )
    slow = [
        f"{_db_title(dbs[name])} {dbs[name]['large']['build']['seconds']:.0f} s"
        for name in names
        if dbs[name]["large"]["build"]["seconds"] > LARGE_BUILD_EXPECTED_SECONDS
    ]
    if slow:
        lines.append(
            f"FLAG: large build over {LARGE_BUILD_EXPECTED_SECONDS:g} s "
            f"(expected well under a minute): {', '.join(slow)}."
        )
    return lines


def _list_section(db: dict[str, Any], runs: int, warmups: int) -> list[str]:
    large, small = db["large"], db["small"]
    build = large["build"]
    org = large["org"]
    lines = [
        f"member_page() at {build['members_today']:,} members on the registry "
        f"(scale {build['scale']:g}, as of {large['as_of']}); {runs} runs after {warmups} "
        "warm-ups, ms",
        f"  f. = {org['code']} {org['name']} ({org['members']:,} members; "
        f"at scale 1.0: {small['org']['code']}, {small['org']['members']:,})",
    ]
    if large["analyze_seconds"] is not None:
        lines.append(
            f"  ANALYZE run after each build ({large['analyze_seconds']:.1f} s), "
            "as autovacuum would shortly after a bulk load."
        )
    header = ["page", "matches", "p50", "p95", "queries", "queries@1.0", "p50@1.0", "p95@1.0"]
    small_by_key = {row["key"]: row for row in small["scenarios"]}
    rows = []
    for row in large["scenarios"]:
        base = small_by_key[row["key"]]
        rows.append(
            [
                row["label"],
                f"{row['total']:,}",
                _ms(row["timing"]["p50_ms"]),
                _ms(row["timing"]["p95_ms"]),
                str(row["queries"]),
                str(base["queries"]) + ("" if base["queries"] == row["queries"] else " !"),
                _ms(base["timing"]["p50_ms"]),
                _ms(base["timing"]["p95_ms"]),
            ]
        )
    http, base_http = large["http"], small["http"]
    rows.append(
        [
            f"HTTP GET {http['path']}",
            "",
            _ms(http["timing"]["p50_ms"]),
            _ms(http["timing"]["p95_ms"]),
            str(http["queries"]),
            str(base_http["queries"]) + ("" if base_http["queries"] == http["queries"] else " !"),
            _ms(base_http["timing"]["p50_ms"]),
            _ms(base_http["timing"]["p95_ms"]),
        ]
    )
    lines += _table(header, rows, "lrrrrrrr")
    differing = queries_differing(db)
    if differing:
        lines.append(f"FLAG: queries per page differ between sizes for: {', '.join(differing)}")
    else:
        lines.append("Queries per page identical at scale 1.0 and at the large scale: yes.")
    return lines


def render(document: dict[str, Any]) -> str:
    env = document["environment"]
    national = document["databases"].get("national")
    dbs = {name: db for name, db in document["databases"].items() if name != "national"}
    lines = [
        f"dangvu benchmark, {document['started_at']}",
        f"{env['cpus']} CPUs, Python {env['python']}, Django {env['django']}, "
        f"settings {env['settings']} (DEBUG={env['debug']}, CONN_MAX_AGE={env['conn_max_age']})",
    ]
    lines += [f"Note: {note}" for note in document["notes"]]
    if dbs:
        lines += ["", "1. Demo build", *_build_section(dbs)]
        for index, db in enumerate(dbs.values()):
            lines += [
                "",
                f"2{'abc'[index]}. Member list and search, {_db_title(db)}",
                *_list_section(db, document["runs"], document["warmups"]),
            ]
    for db in dbs.values():
        if "evaluation" in db:
            lines += ["", f"4. Evaluation results and live check, {_db_title(db)}"]
            lines += _evaluation_section(db["evaluation"], document["runs"])
    for db in dbs.values():
        if "reports" in db:
            lines += ["", f"6. Statistics pack and annual report, {_db_title(db)}"]
            lines += _reports_section(db)
    for db in dbs.values():
        if "dues" in db:
            lines += ["", f"5. Dues ledger of a month, {_db_title(db)}"]
            lines += _dues_section(db["dues"], document["runs"])
        if "dues_import" in db:
            lines += _dues_import_section(db["dues_import"])
    for db in dbs.values():
        if "import" in db:
            lines += [
                "",
                f"3. Import of a {db['import']['rows']:,}-row XLSX, {_db_title(db)}",
                *_import_section(db["import"]),
            ]
    for db in dbs.values():
        if "audit" in db:
            lines += ["", f"6. Audit trail partitioned by month, {_db_title(db)}"]
            lines += _audit_section(db["audit"])
    for db in dbs.values():
        if "portal" in db:
            lines += ["", f"8. Portal: a cached article against a static file, {_db_title(db)}"]
            lines += _portal_section(db["portal"])
    if national:
        lines += ["", f"7. Member list at national size, {_db_title(national)}"]
        lines += _national_section(national, document["runs"], document["warmups"])
    failed = document.get("failed", [])
    if failed:
        lines += ["", f"FAILED: {', '.join(failed)} (see the messages above)"]
    lines += ["", f"Total wall time: {document['wall_seconds']:.0f} s"]
    return "\n".join(lines)


def _import_section(data: dict[str, Any]) -> list[str]:
    return [
        f"  file: {data['file_mb']} MB",
        f"  dry run (reads and checks every row, stages the good ones for the commit): "
        f"{data['dry_run_seconds']} s = {data['dry_run_rows_per_second']:,} rows/s",
        f"  commit (checks again what can have changed, writes members, cells and audit "
        f"rows): {data['commit_seconds']} s = {data['commit_rows_per_second']:,} rows/s "
        f"(created {data['commit_created_updated'][0]:,}, updated "
        f"{data['commit_created_updated'][1]:,})",
        f"  raw COPY of the same members into the member table: "
        f"{data['table_copy_rows_per_second']:,} rows/s; commit / that COPY: "
        f"{data['commit_vs_table_copy']:.1%} (goal: at least 40%)",
        f"  dry run and commit together: {data['dry_run_and_commit_rows_per_second']:,} "
        f"rows/s = {data['dry_run_and_commit_vs_table_copy']:.1%} of that COPY",
        f"  raw COPY of the file's cells into an unindexed temporary table: "
        f"{data['temp_copy_rows_per_second']:,} rows/s; commit / that COPY: "
        f"{data['commit_vs_temp_copy']:.1%}",
        f"  undo: {data['undo_seconds']} s",
        f"  peak Python memory during the dry run: {data['peak_python_mb_during_dry_run']} MB; "
        f"process max RSS {data['max_rss_mb']} MB; the workbook reader's "
        f"{data['reader_max_rss_mb']} MB",
    ]


def _dues_section(data: dict[str, Any], runs: int) -> list[str]:
    return [
        f"  ledger of {data['month']} ({data['members']:,} members, {data['payments']:,} "
        f"payments in the year, {data['in_arrears']:,} in arrears), {runs} runs: p50 "
        f"{_ms(data['ledger']['p50_ms'])} ms, p95 {_ms(data['ledger']['p95_ms'])} ms, "
        f"{data['queries']} queries",
        f"  hand-written SQL of the same figures per cell: p50 {_ms(data['sql']['p50_ms'])} "
        f"ms; ledger / SQL: {data['ratio_p50']:.2f}× (goal: 1.5× or less)",
        f"  with every member's line: p50 {_ms(data['every_member']['p50_ms'])} ms; / SQL: "
        f"{data['every_member_ratio_p50']:.2f}×",
    ]


def _dues_import_section(data: dict[str, Any]) -> list[str]:
    return [
        f"  collection sheet of {data['rows']:,} rows: dry run {data['dry_run_seconds']} s, "
        f"commit {data['commit_seconds']} s = {data['dry_run_and_commit_rows_per_second']:,} "
        f"rows/s; member import {data['member_import_rows_per_second']:,} rows/s; dues / "
        f"members: {data['vs_member_import']:.1%} (goal: at least 40%)",
    ]


def _evaluation_section(data: dict[str, Any], runs: int) -> list[str]:
    pack, check = data["pack"], data["check"]
    ratio = pack["ratio_p50"]
    p95 = check["timing"]["p95_ms"]
    return [
        f"  results pack of the {data['year']} round ({pack['ratings']:,} ratings, every one "
        f"decided; the year before {'compared' if pack['previous_year'] else 'absent'}), "
        f"{runs} runs: p50 {_ms(pack['pack']['p50_ms'])} ms, p95 {_ms(pack['pack']['p95_ms'])} "
        f"ms, {pack['queries']} queries",
        f"  hand-written SQL GROUP BY of the same counts: p50 {_ms(pack['sql']['p50_ms'])} ms, "
        f"p95 {_ms(pack['sql']['p95_ms'])} ms",
        f"  Goal: pack / SQL <= {PACK_GOAL_RATIO:g}x: "
        f"{'met' if ratio <= PACK_GOAL_RATIO else 'MISSED'} ({ratio:.2f}x at p50)",
        f"  live check POST of {check['members']} rows of {check['org']}: p50 "
        f"{_ms(check['timing']['p50_ms'])} ms, p95 {_ms(p95)} ms, {check['queries']} queries",
        f"  Goal: live check p95 < {CHECK_GOAL_MS:g} ms: "
        f"{'met' if p95 < CHECK_GOAL_MS else 'MISSED'} (its own CPU time: p95 "
        f"{_ms(check['cpu_p95_ms'])} ms)",
    ]


def _audit_section(data: dict[str, Any]) -> list[str]:
    return [
        f"  {data['events']:,} member edits over 12 months into {data['partitions']} "
        f"partitions: {data['insert_seconds']} s; {data['mb_per_million']} MB per million "
        f"events ({data['bytes_per_event']} bytes each, indexes included)",
        f"  newest 50 entries: p50 {_ms(data['newest_page']['p50_ms'])} ms, p95 "
        f"{_ms(data['newest_page']['p95_ms'])} ms; one record's history: p95 "
        f"{_ms(data['history']['p95_ms'])} ms",
    ]


def _national_section(data: dict[str, Any], runs: int, warmups: int) -> list[str]:
    build, org = data["build"], data["org"]
    lines = [
        f"  registry written by bench.national in {build['seconds']:.0f} s: "
        f"{build['members']:,} members, {build['memberships']:,} memberships, "
        f"{build['organizations']:,} organizations ({build['grassroots']:,} TCCSĐ)",
        f"  e. = {org['code']} ({org['members']:,} members); {runs} runs after {warmups} "
        "warm-ups, ms",
    ]
    rows = [
        [
            row["label"],
            f"{row['total']:,}",
            _ms(row["timing"]["p50_ms"]),
            _ms(row["timing"]["p95_ms"]),
            str(row["queries"]),
        ]
        for row in data["scenarios"]
    ]
    # The counts stop at 10,000, or at 1,000 for a filtered list (members.selectors).
    lines += _table(["page", "matches (capped)", "p50", "p95", "queries"], rows, "lrrrr")
    worst = max(row["timing"]["p95_ms"] for row in data["scenarios"])
    verdict = "met" if worst <= NATIONAL_GOAL_MS else "MISSED"
    lines.append(
        f"Goal: every page p95 <= {NATIONAL_GOAL_MS:g} ms: {verdict} (worst {_ms(worst)})."
    )
    figures = data["figures"]
    lines.append(
        f"  as-of figures of the whole tree (org_tree, rolled up): p50 "
        f"{_ms(figures['org_tree']['p50_ms'])} ms against {_ms(figures['sql']['p50_ms'])} ms for "
        f"a hand-written per-cell GROUP BY: {figures['ratio']:.2f}x "
        f"(goal <= {PACK_GOAL_RATIO:g}x); the first reader of the day, who counts it: "
        f"{_ms(figures['first_reader']['p50_ms'])} ms "
        f"({figures['first_ratio']:.2f}x); after writes changed {figures['changed_cells']} cells: "
        f"{_ms(figures['after_writes']['p50_ms'])} ms"
    )
    export = data["export"]
    lines.append(
        f"  export of the whole registry as CSV: {export['rows']:,} rows in {export['seconds']} s "
        f"= {export['rows_per_second']:,} rows/s; {export['file_mb']} MB; peak Python memory "
        f"{export['peak_mb']} MB (tracemalloc, second run)"
    )
    return lines


def _pack_line(data: dict[str, Any]) -> str:
    ratio = data["ratio_p50"]
    return (
        f"  pack's member figures of {data['members']:,} members ({data['queries']} queries): "
        f"p50 {_ms(data['pack']['p50_ms'])} ms; hand-written SQL GROUP BY: p50 "
        f"{_ms(data['sql']['p50_ms'])} ms; pack / SQL {ratio:.2f}× (goal: "
        f"{PACK_GOAL_RATIO:g}× or less: {'met' if ratio <= PACK_GOAL_RATIO else 'MISSED'})"
    )


def _reports_section(db: dict[str, Any]) -> list[str]:
    docx = db["reports"]["docx"]["p50_ms"]
    lines = [
        f"  2021 annual report as DOCX: p50 {_ms(docx)} ms (goal: {REPORT_GOAL_MS} ms or "
        f"less: {'met' if docx <= REPORT_GOAL_MS else 'MISSED'})",
        _pack_line(db["reports"]["pack"]),
    ]
    if "reports_large" in db:
        lines.append(_pack_line(db["reports_large"]))
    return lines


def _portal_section(data: dict[str, Any]) -> list[str]:
    ratio = data["ratio"]

    def rates(loads: list[dict[str, Any]]) -> str:
        return ", ".join(f"{load['requests_per_second']:,.0f}" for load in loads)

    return [
        f"  GET {data['path']} ({data['bytes']:,} bytes) through gunicorn ({data['workers']} "
        f"sync workers), {data['threads']} client threads, {data['seconds']:g} s a round; "
        f"load average {data['load_average']} at the start",
        f"  cached article: {data['article_rps']:,.0f} req/s (rounds: {rates(data['article'])})",
        f"  static file of the same bytes (WhiteNoise): {data['static_rps']:,.0f} req/s "
        f"(rounds: {rates(data['static'])})",
        f"  article / static {ratio:.2f} (goal: {PORTAL_GOAL_RATIO:g} or more: "
        f"{'met' if ratio >= PORTAL_GOAL_RATIO else 'MISSED'})",
    ]
