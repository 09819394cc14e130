"""Importing a 100,000-row XLSX of members on PostgreSQL: dry run, commit and undo, as rows
per second, against a raw COPY of the same rows measured in the same run; and peak memory."""

import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import xlsxwriter
from django.db import connection, transaction

from dangvu.common import clock
from dangvu.common.bulk import insert_rows
from dangvu.imports.members import check_members, commit_members, undo_import
from dangvu.imports.models import ImportBatch
from dangvu.members.models import Member
from dangvu.members.services import member_derived
from dangvu.organizations.access import Operator
from dangvu.organizations.models import CELL_KINDS, OrgVersion

HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ngày vào Đảng", "Mã chi bộ"]


def _rows(count: int, cells: list[str]) -> list[list[Any]]:
    rng = random.Random(5)
    rows = []
    for number in range(count):
        gender = "Nữ" if number % 2 else "Nam"
        birth = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randrange(9000))
        digit = 1 if number % 2 else 0
        # Province code 096 and a high serial keep clear of the demo's own numbers.
        national_id = f"096{digit}{birth.year % 100:02d}{900000 + number:06d}"[-12:]
        admitted = birth + dt.timedelta(days=365 * 25)
        rows.append(
            [
                f"Bench Văn Người {number}",
                birth,
                gender,
                national_id,
                admitted,
                cells[number % len(cells)],
            ]
        )
    return rows


def _write_xlsx(path: Path, rows: list[list[Any]]) -> None:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    date = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for column, header in enumerate(HEADER):
        sheet.write_string(0, column, header)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
            else:
                sheet.write_string(r, c, str(value))
    workbook.close()


def _temp_copy_rate(rows: list[list[Any]]) -> float:
    """Rows per second of a raw COPY of the file's cells into a temporary table: no
    indexes, no constraints and no WAL, the floor of what the server can take."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_copy (full_name text, birth_date date, "
            "gender text, national_id text, admission_date date, cell text)"
        )
        started = time.perf_counter()
        with cursor.cursor.copy("COPY bench_copy FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        seconds = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_copy")
    return len(rows) / seconds


def _table_copy_rate(rows: list[list[Any]]) -> float:
    """Rows per second of a raw COPY of the same members, every column already computed,
    into the member table itself with its indexes and constraints: what a DBA's bulk
    load would cost, with no checking, history or audit. Rolled back afterwards, once the
    constraints a commit would check have been checked."""
    # At the large scale some numbers are already the demo's: those rows the commit updates,
    # and a COPY could not insert them.
    taken = set(Member.objects.values_list("national_id", flat=True))
    records = []
    for name, birth, gender, national_id, admitted, _cell in rows:
        if national_id in taken:
            continue
        values = {"full_name": name, "birth_date": birth, "gender": "F" if gender == "Nữ" else "M",
                  "national_id": national_id, "admission_date": admitted}  # fmt: skip
        records.append(values | member_derived(values))
    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        insert_rows(Member, records)
        # The foreign keys are checked at commit time; run those checks, as a committed
        # COPY would, before rolling back.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return len(records) / seconds


# Runs the workbook reader (imports/workbook_reader.py, a child process of every import) from
# a small parent and reports the child's peak: a child's ru_maxrss starts at its parent's.
_READER_PEAK = """
import resource, subprocess, sys
subprocess.run([sys.executable, "-m", "dangvu.imports.workbook_reader", sys.argv[1], "{}"],
               stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _reader_peak_mb(path: Path) -> float:
    run = subprocess.run(
        [sys.executable, "-c", _READER_PEAK, str(path)], capture_output=True, text=True, check=True
    )
    return round(int(run.stdout) / 1024, 1)


def measure_import(count: int) -> dict[str, Any]:
    today = clock.today()
    cells = list(
        OrgVersion.objects.as_of(today)
        .filter(kind__in=CELL_KINDS)
        .values_list("org__code", flat=True)[:200]
    )
    rows = _rows(count, cells)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dang-vien.xlsx"
        _write_xlsx(path, rows)
        size_mb = path.stat().st_size / 1e6
        batch = ImportBatch.objects.create(file_name=path.name)
        started = time.perf_counter()
        result = check_members(path=path, user=Operator(), today=today, batch=batch)
        dry_run = time.perf_counter() - started
        if result.problems:
            raise RuntimeError(f"benchmark file has problems: {result.problems[:3]}")
        table_rate = _table_copy_rate(rows)
        temp_rate = _temp_copy_rate(rows)
        started = time.perf_counter()
        batch = commit_members(
            actor=Operator(), path=path, user=Operator(), today=today, batch=batch
        )
        commit = time.perf_counter() - started
        started = time.perf_counter()
        undo_import(actor=Operator(), batch=batch)
        undo = time.perf_counter() - started
        # Traced apart from the timed runs: tracing every allocation slows them twofold.
        tracemalloc.start()
        check_members(path=path, user=Operator(), today=today)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        reader_mb = _reader_peak_mb(path)
    commit_rate = count / commit
    both_rate = count / (dry_run + commit)
    return {
        "rows": count,
        "file_mb": round(size_mb, 1),
        "dry_run_seconds": round(dry_run, 1),
        "dry_run_rows_per_second": round(count / dry_run),
        "commit_created_updated": [batch.to_create, batch.to_update],
        "commit_seconds": round(commit, 1),
        "commit_rows_per_second": round(commit_rate),
        "table_copy_rows_per_second": round(table_rate),
        "commit_vs_table_copy": round(commit_rate / table_rate, 3),
        "dry_run_and_commit_rows_per_second": round(both_rate),
        "dry_run_and_commit_vs_table_copy": round(both_rate / table_rate, 3),
        "temp_copy_rows_per_second": round(temp_rate),
        "commit_vs_temp_copy": round(commit_rate / temp_rate, 3),
        "undo_seconds": round(undo, 1),
        "peak_python_mb_during_dry_run": round(peak / 1e6, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "reader_max_rss_mb": reader_mb,
    }
