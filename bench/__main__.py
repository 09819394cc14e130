"""`python -m bench`: run each database's part in a subprocess, print the report and write
var/bench.json.

PostgreSQL is measured when DATABASE_URL names a PostgreSQL server (as `make bench` arranges
through scripts/with-postgres); otherwise SQLite only, and the report says so.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import django

from bench.report import render
from bench.run import ROOT, is_postgres_url

SETTINGS = "config.settings.dev"


def _run_child(
    db: str, args: argparse.Namespace, workdir: Path, members: int
) -> dict[str, Any] | None:
    out = workdir / f"{db}.json"
    command = [
        sys.executable,
        "-m",
        "bench.run",
        "--db",
        db,
        "--out",
        str(out),
        "--members",
        str(members),
        "--runs",
        str(args.runs),
        "--warmups",
        str(args.warmups),
    ]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}
    completed = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if completed.returncode != 0 or not out.exists():
        print(f"bench: the {db} run failed (exit {completed.returncode})", file=sys.stderr)
        return None
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--members", type=int, default=100_000, help="size of the large run")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per page")
    parser.add_argument("--warmups", type=int, default=2, help="untimed runs before them")
    parser.add_argument(
        "--national",
        type=int,
        default=1_000_000,
        help="members of the national-size registry on PostgreSQL (0: skip it)",
    )
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench.json")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    started_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")  # the report's wall clock, not "today"
    notes: list[str] = []
    dbs = ["sqlite"]
    if args.sqlite_only:
        notes.append("PostgreSQL not measured (--sqlite-only).")
    elif is_postgres_url(os.environ.get("DATABASE_URL", "")):
        dbs.append("postgres")
        if args.national:
            dbs.append("national")
    else:
        notes.append(
            "PostgreSQL not measured: DATABASE_URL does not name a PostgreSQL database "
            "(run `make bench` for both)."
        )

    results: dict[str, dict[str, Any]] = {}
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="dangvu-bench-") as workdir:
        for db in dbs:
            members = args.national if db == "national" else args.members
            result = _run_child(db, args, Path(workdir), members)
            if result is None:
                failed.append(db)
            else:
                results[db] = result

    first: dict[str, Any] = next(iter(results.values()), {"database": {}})["database"]
    for db, result in results.items():
        if not result["database"].get("fresh", True):
            notes.append(f"{db}: measured in the given database after resetting its party data.")
    document: dict[str, Any] = {
        "started_at": started_at,
        "environment": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "django": django.get_version(),
            "settings": SETTINGS,
            "debug": first.get("debug"),
            "conn_max_age": first.get("conn_max_age"),
        },
        "members": args.members,
        "runs": args.runs,
        "warmups": args.warmups,
        "notes": notes,
        "failed": failed,
        "databases": results,
    }
    document["wall_seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    print(render(document))
    print(f"Written: {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
