"""Export of the organization tree as it stood on a date, as the user sees it (same scope,
tree order with Vietnamese order among siblings), to XLSX or CSV. The columns are the
organization import's own, so exporting and importing the same file changes nothing."""

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import xlsxwriter
from django.db import transaction
from django.utils import translation

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.organizations.access import User
from dangvu.organizations.models import OrgKind, OrgUnit, Sector
from dangvu.organizations.selectors import in_tree_order, versions_visible

# (header, width) — the headers are `imports.columns.ORG_FIELDS` labels.
COLUMNS: list[tuple[str, int]] = [
    ("Mã", 14),
    ("Tên tổ chức", 48),
    ("Loại", 22),
    ("Mã tổ chức cấp trên", 20),
    ("Lĩnh vực", 34),
    ("Ngày thành lập", 15),
]


def organization_rows(*, user: User, as_of: dt.date, root: OrgUnit | None) -> list[list[Any]]:
    """One row per organization the user sees on AS_OF (ROOT's subtree if given), parents
    before their children. Kinds and sectors are written as their Vietnamese labels, the
    parent by its code even when the parent itself is outside the user's scope."""
    versions = in_tree_order(versions_visible(user=user, as_of=as_of, root=root))
    parent_ids = {version.parent_id for version in versions if version.parent_id}
    parent_codes = dict(
        OrgUnit.objects.filter(pk__in=parent_ids).values_list("pk", "code").order_by()
    )
    with translation.override("vi"):
        return [
            [
                version.org.code,
                version.name,
                str(OrgKind(version.kind).label),
                parent_codes.get(version.parent_id or 0, ""),
                str(Sector(version.org.sector).label),
                version.org.established_date,
            ]
            for version in versions
        ]


def _write_xlsx(rows: list[list[Any]], out: str) -> None:
    workbook = xlsxwriter.Workbook(out, {"constant_memory": True, "in_memory": False})
    sheet = workbook.add_worksheet("Tổ chức")
    bold = workbook.add_format({"bold": True, "bg_color": "#F2DCDB", "border": 1})
    date = workbook.add_format({"num_format": "dd/mm/yyyy"})
    text = workbook.add_format({"num_format": "@"})
    for column, (header, width) in enumerate(COLUMNS):
        sheet.set_column(column, column, width)
        sheet.write_string(0, column, header, bold)
    sheet.freeze_panes(1, 0)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(number, column, dt.datetime.combine(value, dt.time()), date)
            elif value:
                # Codes stay text, so "0101" keeps its leading zero.
                sheet.write_string(number, column, str(value), text)
    workbook.close()


def _write_csv(rows: list[list[Any]], path: Path) -> None:
    # UTF-8 with BOM: Excel opens it with the Vietnamese letters intact.
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([header for header, _width in COLUMNS])
        for row in rows:
            writer.writerow([f"{v:%d/%m/%Y}" if isinstance(v, dt.date) else v for v in row])


@transaction.atomic
def organizations_export(
    *, user: User, as_of: dt.date, root: OrgUnit | None = None, path: Path
) -> int:
    """Write the tree to PATH (.xlsx or .csv, by its suffix) and log who exported what.
    Returns the row count."""
    rows = organization_rows(user=user, as_of=as_of, root=root)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        _write_csv(rows, path)
    elif suffix == ".xlsx":
        _write_xlsx(rows, str(path))
    else:
        raise ValueError("export format must be .xlsx or .csv")
    audit_record(
        actor=user,
        action=Event.ORGS_EXPORTED,
        obj=None,
        about=f"Danh sách tổ chức ({len(rows)} dòng)",
        org=root,
        data={
            "format": suffix.lstrip("."),
            "rows": len(rows),
            "as_of": as_of,
            "org": root.code if root else None,
        },
    )
    return len(rows)
