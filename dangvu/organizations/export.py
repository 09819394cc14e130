"""Export of the organization tree as it stood on a date, as the user sees it (same scope,
tree order with Vietnamese order among siblings), to XLSX or CSV (`common.spreadsheets`).
The columns are the organization import's own, so exporting and importing the same file
changes nothing."""

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import translation

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.spreadsheets import write_table
from dangvu.organizations.access import User
from dangvu.organizations.models import (
    AdmissionAuthority,
    OrgKind,
    OrgUnit,
    Sector,
    active_on,
)
from dangvu.organizations.selectors import in_tree_order, versions_visible

# (header, width) — the headers are `imports.columns.ORG_FIELDS` labels.
COLUMNS: list[tuple[str, int]] = [
    ("Mã", 14),
    ("Tên tổ chức", 48),
    ("Loại", 22),
    ("Mã tổ chức cấp trên", 20),
    ("Lĩnh vực", 34),
    ("Ngày thành lập", 15),
    ("Số QĐ ủy quyền kết nạp", 24),
    ("Ngày ủy quyền kết nạp", 15),
]


def organization_rows(*, user: User, as_of: dt.date, root: OrgUnit | None) -> list[list[Any]]:
    """One row per organization the user sees on AS_OF (ROOT's subtree if given), parents
    before their children. Kinds and sectors are written as their Vietnamese labels, the
    parent by its code even when the parent itself is outside the user's scope, and a đảng
    ủy cơ sở's authorisation to admit members in force on AS_OF by its decision."""
    versions = in_tree_order(versions_visible(user=user, as_of=as_of, root=root))
    parent_ids = {version.parent_id for version in versions if version.parent_id}
    parent_codes = dict(
        OrgUnit.objects.filter(pk__in=parent_ids).values_list("pk", "code").order_by()
    )
    authorised = {
        authority.org_id: (authority.decision_number, authority.valid_from)
        for authority in AdmissionAuthority.objects.filter(
            active_on(as_of), org_id__in=[version.org_id for version in versions]
        )
    }
    with translation.override("vi"):
        return [
            [
                version.org.code,
                version.name,
                str(OrgKind(version.kind).label),
                parent_codes.get(version.parent_id or 0, ""),
                str(Sector(version.org.sector).label),
                version.org.established_date,
                *authorised.get(version.org_id, ("", None)),
            ]
            for version in versions
        ]


@transaction.atomic
def organizations_export(
    *, user: User, as_of: dt.date, root: OrgUnit | None = None, path: Path
) -> int:
    """Write the tree to PATH (.xlsx or .csv, by its suffix) and log who exported what.
    Returns the row count."""
    rows = organization_rows(user=user, as_of=as_of, root=root)
    write_table(path, sheet="Tổ chức", columns=COLUMNS, rows=rows)
    audit_record(
        actor=user,
        action=Event.ORGS_EXPORTED,
        obj=None,
        about=f"Danh sách tổ chức ({len(rows)} dòng)",
        org=root,
        data={
            "format": path.suffix.lower().lstrip("."),
            "rows": len(rows),
            "as_of": as_of,
            "org": root.code if root else None,
        },
    )
    return len(rows)
