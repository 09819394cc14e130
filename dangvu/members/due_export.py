"""The due list (Việc đến hạn) as XLSX or CSV, as filtered on screen."""

import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.spreadsheets import write_table
from dangvu.members.deadlines import DueItem
from dangvu.organizations.access import User
from dangvu.organizations.models import OrgUnit


def _row(number: int, item: DueItem) -> list[object]:
    place = item.place
    return [
        number, item.due, str(item.label), item.name,
        place.cell_name if place else "", place.grassroots_name if place else "",
        item.bucket_label,
    ]  # fmt: skip


@transaction.atomic
def due_list_export(
    *, user: User, items: list[DueItem], today: dt.date, org: OrgUnit | None, path: Path
) -> int:
    """ITEMS (`deadlines.due_list`) under a title naming TODAY, to PATH (.xlsx or .csv);
    logged like every export that names members. Returns the number of rows."""
    columns = [
        (_("STT"), 5), (_("Hạn"), 12), (_("Việc"), 34), (_("Người, tổ chức"), 34),
        (_("Chi bộ"), 30), (_("Tổ chức cơ sở đảng"), 30), (_("Tình trạng"), 18),
    ]  # fmt: skip
    title = _("VIỆC ĐẾN HẠN, NGÀY %(date)s") % {"date": f"{today:%d/%m/%Y}"}
    rows = (_row(number, item) for number, item in enumerate(items, start=1))
    count = write_table(path, sheet=_("Việc đến hạn"), columns=columns, rows=rows, title=[title])
    audit_record(
        actor=user,
        action=Event.MEMBERS_EXPORTED,
        obj=None,
        about=f"Danh sách việc đến hạn ngày {today:%d/%m/%Y} ({count} dòng)",
        org=org,
        data={"format": path.suffix.lstrip("."), "rows": count, "as_of": today,
              "org": org.code if org else None},
    )  # fmt: skip
    return count
