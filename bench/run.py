"""One database's part of the benchmark: `python -m bench.run --db sqlite|postgres --out FILE`.

SQLite: a fresh file under var/bench/. PostgreSQL: a fresh database `dangvu_bench` next to
the one DATABASE_URL names (created through psycopg, dropped at the end); if the role may
not create databases, the given database itself, with its party data reset.
"""

import argparse
import json
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
SQLITE_PATH = BENCH_DIR / "bench.sqlite3"
PG_BENCH_DB = "dangvu_bench"
POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql")


def is_postgres_url(url: str) -> bool:
    return urlsplit(url).scheme in POSTGRES_SCHEMES


def _fresh_sqlite() -> str:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{SQLITE_PATH}"


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _libpq_url(url: str) -> str:
    """dj-database-url accepts schemes libpq does not; libpq wants postgresql://."""
    return urlunsplit(urlsplit(url)._replace(scheme="postgresql"))


def _create_pg_database(url: str) -> bool:
    """(Re)create PG_BENCH_DB on URL's server; False if this role may not."""
    import psycopg
    from psycopg import sql

    try:
        with psycopg.connect(_libpq_url(url), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(PG_BENCH_DB)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(PG_BENCH_DB)))
    except psycopg.errors.InsufficientPrivilege as error:
        print(f"[bench postgresql] cannot create {PG_BENCH_DB}: {error}", file=sys.stderr)
        return False
    return True


def _drop_pg_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(_libpq_url(url), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(PG_BENCH_DB)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    # national: a fresh PostgreSQL database holding a registry of --members written by
    # bench.national, for the list pages at national size.
    parser.add_argument("--db", choices=("sqlite", "postgres", "national"), required=True)
    parser.add_argument("--out", type=Path, required=True, help="where to write the JSON")
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmups", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument(
        "--only",
        choices=("dues", "reports", "portal"),
        help="that part only: dues (the large registry, both imports); reports (the demo's "
        "annual report DOCX and the statistics pack against SQL at --members); portal (a "
        "cached article through gunicorn against a static file of its size)",
    )
    args = parser.parse_args(argv)

    given = os.environ.get("DATABASE_URL", "")
    created = False
    if args.db == "sqlite":
        os.environ["DATABASE_URL"] = _fresh_sqlite()
    else:
        if not is_postgres_url(given):
            parser.error("--db postgres needs DATABASE_URL to name a PostgreSQL database")
        created = _create_pg_database(given)
        if created:
            os.environ["DATABASE_URL"] = _with_database(given, PG_BENCH_DB)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"

    import django

    django.setup()

    from django.db import connections

    from bench.dues_import import measure_both_imports
    from bench.measure import run_all, run_dues

    if args.db == "national":
        from bench.measure import measure_national

        result = measure_national(members=args.members, runs=args.runs, warmups=args.warmups)
    elif args.only == "dues":
        result = run_dues(members=args.members, runs=args.runs, warmups=args.warmups)
    elif args.only == "reports":
        from bench.measure import run_reports

        result = run_reports(members=args.members, runs=args.runs, warmups=args.warmups)
    elif args.only == "portal":
        from bench.measure import run_portal

        result = run_portal()
    else:
        result = run_all(members=args.members, runs=args.runs, warmups=args.warmups)
    # The imports and the audit trail go with the whole run and with --only dues.
    imports = args.only not in ("reports", "portal")
    if args.db == "postgres" and imports:
        from bench.imports import measure_import

        result["import"] = measure_import(args.members)
        from bench.audit import measure_audit

        result["audit"] = measure_audit(runs=args.runs, warmups=args.warmups)
    if args.db != "national" and imports:
        result["dues_import"] = measure_both_imports(args.members, result.get("import"))
    result["database"]["fresh"] = args.db == "sqlite" or created
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")

    connections.close_all()
    if not args.keep:
        if args.db == "sqlite":
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        elif created:
            _drop_pg_database(given)
    return 0


if __name__ == "__main__":
    sys.exit(main())
