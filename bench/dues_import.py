"""Importing a 100,000-row collection sheet (bảng thu đảng phí) of the current month, dry run
then commit, as rows per second, to set beside the member import's in the same run (goal:
at least 40% of it). The rows are the members with a recorded basis (the ledger's set-up
gives everyone one), each paying more than they owe, so every row is written; the month's
payments are deleted afterwards, untimed."""

import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

import xlsxwriter

from bench.imports import _rows, _write_xlsx
from bench.measure import log
from dangvu.common import clock
from dangvu.dues.models import DuesPayment
from dangvu.dues.obligations import month_start
from dangvu.imports.dues import dues_import
from dangvu.imports.members import check_members, commit_members, undo_import
from dangvu.imports.models import ImportBatch
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import CELL_KINDS, Membership, OrgVersion

HEADER = ["Số CCCD", "Họ và tên", "Số tiền nộp", "Ngày nộp"]


def _write_sheet(path: Path, rows: list[tuple[str | None, str]], paid_on: dt.date) -> None:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    date = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for column, header in enumerate(HEADER):
        sheet.write_string(0, column, header)
    day = dt.datetime.combine(paid_on, dt.time())
    for number, (national_id, name) in enumerate(rows, start=1):
        sheet.write_string(number, 0, national_id or "")
        sheet.write_string(number, 1, name)
        sheet.write_number(number, 2, 1_000_000)
        sheet.write_datetime(number, 3, day, date)
    workbook.close()


def measure_dues_import(count: int) -> dict[str, Any]:
    today = clock.today()
    month = month_start(today)
    rows = list(
        Membership.objects.as_of(month)
        .filter(member__national_id__isnull=False, member__dues_bases__isnull=False)
        .exclude(member__dues_payments__month=month)
        .order_by("member_id")
        .values_list("member__national_id", "member__full_name")
        .distinct()[:count]
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bang-thu-dang-phi.xlsx"
        _write_sheet(path, rows, today)
        started = time.perf_counter()
        dues_import(actor=OPERATOR, path=path, month=month, org=None, dry_run=True)
        dry_run = time.perf_counter() - started
        started = time.perf_counter()
        imported = dues_import(actor=OPERATOR, path=path, month=month, org=None)
        commit = time.perf_counter() - started
    DuesPayment.objects.filter(month=month).delete()
    total = dry_run + commit
    log(f"dues import of {len(rows):,} rows: dry run {dry_run:.1f} s, commit {commit:.1f} s")
    return {
        "rows": len(rows),
        "payments": imported.payments,
        "dry_run_seconds": round(dry_run, 1),
        "dry_run_rows_per_second": round(len(rows) / dry_run),
        "commit_seconds": round(commit, 1),
        "commit_rows_per_second": round(len(rows) / commit),
        "dry_run_and_commit_rows_per_second": round(len(rows) / total),
    }


def _member_import_rate(count: int) -> float:
    """Rows per second of the member import's dry run and commit of COUNT rows (the file of
    `bench.imports`), undone afterwards: where that measure (PostgreSQL only) did not run."""
    today = clock.today()
    cells = list(
        OrgVersion.objects.as_of(today)
        .filter(kind__in=CELL_KINDS)
        .values_list("org__code", flat=True)[:200]
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dang-vien.xlsx"
        _write_xlsx(path, _rows(count, cells))
        batch = ImportBatch.objects.create(file_name=path.name)
        started = time.perf_counter()
        check_members(path=path, user=OPERATOR, today=today, batch=batch)
        batch = commit_members(actor=OPERATOR, path=path, user=OPERATOR, today=today, batch=batch)
        seconds = time.perf_counter() - started
    undo_import(actor=OPERATOR, batch=batch)
    return count / seconds


def measure_both_imports(count: int, member_import: dict[str, Any] | None) -> dict[str, Any]:
    """The collection sheet's rates, and their share of the member import's (measured here
    unless MEMBER_IMPORT, that import's measure in the same run, is given)."""
    result = measure_dues_import(count)
    if member_import is not None:
        members_rate = float(member_import["dry_run_and_commit_rows_per_second"])
    else:
        members_rate = _member_import_rate(count)
    result["member_import_rows_per_second"] = round(members_rate)
    result["vs_member_import"] = round(
        result["dry_run_and_commit_rows_per_second"] / members_rate, 3
    )
    log(f"dues import {result['dry_run_and_commit_rows_per_second']:,} rows/s, member import "
        f"{members_rate:,.0f} rows/s: {result['vs_member_import']:.1%}")  # fmt: skip
    return result
