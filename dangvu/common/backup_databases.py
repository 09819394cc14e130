"""The database half of a backup: a consistent copy out, and the copy put back, for SQLite
(its online backup API) and PostgreSQL (pg_dump and pg_restore, custom format).

Both copies are of one committed state: SQLite's backup reads committed pages only, and
pg_dump reads one snapshot, which `database_dump` shares with the counts it records, so a
backup taken while an import is writing holds the state before the import or after it,
never a state between."""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says why, in Vietnamese."""


def vendor() -> str:
    return str(connection.vendor)


def _sqlite_connect() -> sqlite3.Connection:
    params = connection.get_connection_params()
    return sqlite3.connect(params["database"], uri=True, timeout=60)


def table_counts(cursor: Any) -> dict[str, int]:
    """Rows per table of the project's models: what a restore must give back."""
    names = sorted(connection.introspection.django_table_names(only_existing=True))
    counts = {}
    for name in names:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")
        counts[name] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor: Any) -> list[list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [list(row) for row in cursor.fetchall()]


def database_dump(target: Path) -> tuple[dict[str, int], list[list[str]]]:
    """Copy the database into TARGET; returns the copy's row counts and migrations."""
    if vendor() == "sqlite":
        return _sqlite_dump(target)
    if vendor() == "postgresql":
        return _postgres_dump(target)
    raise BackupError(_("Không hỗ trợ sao lưu cơ sở dữ liệu loại %s.") % vendor())


def _sqlite_dump(target: Path) -> tuple[dict[str, int], list[list[str]]]:
    source = _sqlite_connect()
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        cursor = copy.cursor()
        return _counts_of_copy(cursor)
    finally:
        copy.close()
        source.close()


def _counts_of_copy(cursor: sqlite3.Cursor) -> tuple[dict[str, int], list[list[str]]]:
    tables = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    names = sorted(tables & set(connection.introspection.django_table_names()))
    counts = {}
    for name in names:
        counts[name] = cursor.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
    return counts, applied_migrations(cursor)


def _postgres_dump(target: Path) -> tuple[dict[str, int], list[list[str]]]:
    # One repeatable-read transaction exports its snapshot to pg_dump and counts the rows
    # in it: the dump and the counts describe the same state.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run([_binary("pg_dump"), "--format=custom", f"--snapshot={snapshot}", "-f", str(target)])
        return table_counts(cursor), applied_migrations(cursor)


def database_load(source: Path) -> None:
    """Replace the database's contents with the copy in SOURCE, all or nothing."""
    connection.close()
    if vendor() == "sqlite":
        copy = sqlite3.connect(source)
        live = _sqlite_connect()
        try:
            copy.backup(live)  # page by page under one write lock: all or nothing
        finally:
            live.close()
            copy.close()
        return
    _postgres_load(source)


def _postgres_load(source: Path) -> None:
    # The extensions (unaccent, pg_trgm) belong to the server's administrator: they stay, and
    # the dump's entries for them are left out. Everything the project owns is dropped and
    # recreated in one transaction, so a failed restore leaves the database as it was.
    listing = _run([_binary("pg_restore"), "--list", str(source)])
    keep = "\n".join(line for line in listing.splitlines() if " EXTENSION " not in line)
    list_file = source.with_suffix(".list")
    list_file.write_text(keep, encoding="utf-8")
    env = _pg_env()
    with tempfile.TemporaryFile() as errors:
        script = subprocess.Popen(
            [
                _binary("pg_restore"),
                "--no-owner",
                "--no-privileges",
                f"--use-list={list_file}",
                "-f",
                "-",
                str(source),
            ],
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
        )
        psql = subprocess.Popen(
            [_binary("psql"), "-q", "-X", "--single-transaction", "-v", "ON_ERROR_STOP=1"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=env,
        )
        assert script.stdout is not None and psql.stdin is not None
        try:
            psql.stdin.write(b"DROP OWNED BY CURRENT_USER;\n")
            shutil.copyfileobj(script.stdout, psql.stdin)
            psql.stdin.close()
        except BrokenPipeError:
            pass  # psql stopped at an error: its exit code and message say which
        script.stdout.close()
        failed = (psql.wait(), script.wait()) != (0, 0)
        if failed:
            errors.seek(0)
            raise BackupError(
                _("PostgreSQL không nhận bản sao lưu: %s") % _last_line(errors.read())
            )


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(_("Không tìm thấy chương trình %s (gói postgresql-client).") % name)
    return found


def _pg_env() -> dict[str, str]:
    """libpq's environment for the configured database (the password never on a command line)."""
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, value in (
        ("PGDATABASE", settings["NAME"]),
        ("PGUSER", settings["USER"]),
        ("PGPASSWORD", settings["PASSWORD"]),
        ("PGHOST", settings["HOST"]),
        ("PGPORT", str(settings["PORT"] or "")),
    ):
        if value:
            env[key] = str(value)
    return env


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, env=_pg_env(), check=False)
    if done.returncode != 0:
        program = Path(command[0]).name
        detail = _last_line(done.stderr)
        raise BackupError(
            _("%(program)s thất bại: %(detail)s") % {"program": program, "detail": detail}
        )
    return done.stdout.decode(errors="replace")


def _last_line(output: bytes) -> str:
    lines = output.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else ""
