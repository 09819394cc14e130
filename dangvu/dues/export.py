"""The dues ledger as an XLSX workbook in the printed shape (`common.printed_tables`): a
month's (each level's collection, arrears, what it received, kept and remitted; every
member's line) or a year's (each month's totals, each level's sums over the months, the
members in arrears at the end). `dangvu dues ledger --xlsx` and the ledger page's link
write it; every export is audited."""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.printed_tables import Column, PrintedTable, write_printed_book
from dangvu.dues.obligations import month_start, months_between
from dangvu.dues.selectors import Ledger, OrgLine, dues_ledger
from dangvu.organizations.access import User
from dangvu.organizations.models import OrgUnit

MONEY = 14


def _footer(today: dt.date, what: str) -> list[str]:
    return [
        _("Cộng: {count} %(what)s") % {"what": what},
        _("Ngày %(day)s tháng %(month)s năm %(year)s")
        % {"day": f"{today:%d}", "month": f"{today:%m}", "year": today.year},
        _("NGƯỜI LẬP BIỂU"),
        _("(Ký, ghi rõ họ tên)"),
    ]


def _title(heading: str, ledger: Ledger, regulation: str) -> list[str]:
    root = f"{ledger.root.code} – {ledger.root.name}" if ledger.root else ""
    return [heading, root or _("Các tổ chức trong phạm vi"), regulation]


def _level_columns(*, with_members: bool) -> list[Column]:
    counted = [Column(_("Đảng viên"), 10)] if with_members else []
    return [
        Column(_("Mã tổ chức"), 12),
        Column(_("Tổ chức"), 36),
        *counted,
        Column(_("Phải đóng"), MONEY, _("Thu đảng phí (đồng)")),
        Column(_("Đã đóng"), MONEY, _("Thu đảng phí (đồng)")),
        Column(_("Nợ đảng phí (đảng viên)"), 12),
        Column(_("Nhận"), MONEY, _("Phân phối (đồng)")),
        Column(_("Giữ lại"), MONEY, _("Phân phối (đồng)")),
        Column(_("Nộp cấp trên"), MONEY, _("Phân phối (đồng)")),
    ]


def _month_book(ledger: Ledger, today: dt.date) -> list[PrintedTable]:
    codes = {line.org_id: line.code for line in ledger.orgs}
    title = _("SỔ THU ĐẢNG PHÍ THÁNG %(month)s") % {"month": f"{ledger.month:%m/%Y}"}
    levels = (
        [o.code, o.name, o.members, o.owed, o.paid, o.in_arrears, o.received, o.kept, o.remitted]
        for o in ledger.orgs
    )
    members = (
        [m.full_name, m.national_id, codes.get(m.cell_id, ""), m.owed, m.paid,
         m.arrears_months, _("Có") if m.in_arrears else ""]
        for m in ledger.members
    )  # fmt: skip
    member_columns = [
        Column(_("Họ và tên"), 26),
        Column(_("Số CCCD"), 14),
        Column(_("Mã chi bộ"), 11),
        Column(_("Phải đóng (đồng)"), MONEY),
        Column(_("Đã đóng (đồng)"), MONEY),
        Column(_("Số tháng chưa đóng trong năm"), 12),
        Column(_("Xem xét xóa tên"), 10),
    ]
    return [
        PrintedTable(_("Các cấp"), _title(title, ledger, ledger.rules.regulation),
                     _level_columns(with_members=True), levels, _footer(today, _("tổ chức"))),
        PrintedTable(_("Đảng viên"), _title(title, ledger, ledger.rules.regulation),
                     member_columns, members, _footer(today, _("đảng viên"))),
    ]  # fmt: skip


def _summed(ledgers: list[Ledger]) -> Iterator[list[Any]]:
    """Each level's figures over the months (arrears as of the last month), parents first."""
    levels: dict[int, OrgLine] = {}
    for ledger in ledgers:
        for line in ledger.orgs:
            blank = OrgLine(line.org_id, line.code, line.name, line.kind, line.path, line.depth)
            total = levels.setdefault(line.org_id, blank)
            total.owed += line.owed
            total.paid += line.paid
            total.received += line.received
            total.kept += line.kept
            total.remitted += line.remitted
            total.in_arrears = line.in_arrears
    for o in sorted(levels.values(), key=lambda line: (line.path, line.org_id)):
        yield [o.code, o.name, o.owed, o.paid, o.in_arrears, o.received, o.kept, o.remitted]


def _year_book(ledgers: list[Ledger], today: dt.date) -> list[PrintedTable]:
    last = ledgers[-1]
    title = _("SỔ THU ĐẢNG PHÍ NĂM %(year)s") % {"year": last.month.year}
    regulations = ", ".join(dict.fromkeys(ledger.rules.regulation for ledger in ledgers))
    months = (
        [f"{ledger.month:%m/%Y}", ledger.rules.regulation, *(ledger.totals[key] for key in
         ("members", "owed", "paid", "in_arrears", "kept", "remitted"))]
        for ledger in ledgers
    )  # fmt: skip
    codes = {line.org_id: line.code for line in last.orgs}
    arrears = (
        [m.full_name, m.national_id, codes.get(m.cell_id, ""), m.arrears_months]
        for m in last.members
    )
    month_columns = [
        Column(_("Tháng"), 9),
        Column(_("Quy định áp dụng"), 22),
        Column(_("Đảng viên"), 10),
        Column(_("Phải đóng"), MONEY, _("Thu đảng phí (đồng)")),
        Column(_("Đã đóng"), MONEY, _("Thu đảng phí (đồng)")),
        Column(_("Nợ đảng phí (đảng viên)"), 12),
        Column(_("Giữ lại trong các cấp"), MONEY, _("Phân phối (đồng)")),
        Column(_("Nộp lên cấp trên"), MONEY, _("Phân phối (đồng)")),
    ]
    arrears_columns = [
        Column(_("Họ và tên"), 26),
        Column(_("Số CCCD"), 14),
        Column(_("Mã chi bộ"), 11),
        Column(_("Số tháng chưa đóng trong năm"), 12),
    ]
    return [
        PrintedTable(_("Các tháng"), _title(title, last, regulations), month_columns, months,
                     _footer(today, _("tháng"))),
        PrintedTable(_("Các cấp"), _title(title, last, regulations),
                     _level_columns(with_members=False), _summed(ledgers),
                     _footer(today, _("tổ chức"))),
        PrintedTable(_("Nợ đảng phí"), _title(title, last, regulations), arrears_columns,
                     arrears, _footer(today, _("đảng viên"))),
    ]  # fmt: skip


def year_months(month: dt.date, today: dt.date) -> list[dt.date]:
    """The months of MONTH's year a year's ledger covers: January to December, or to
    TODAY's month in the current year."""
    january = month.replace(month=1, day=1)
    return months_between(january, max(january, min(month.replace(month=12, day=1), today)))


@transaction.atomic
def dues_ledger_export(
    *,
    user: User,
    month: dt.date,
    org: OrgUnit | None,
    path: Path,
    today: dt.date,
    whole_year: bool = False,
) -> int:
    """Write the ledger of MONTH (of its year with WHOLE_YEAR) for ORG's subtree as USER
    sees it to the XLSX file PATH; audited. Returns the number of rows written. Raises
    OutOfScope and NoRuleSet as `dues_ledger` does."""
    month = month_start(month)
    if whole_year:
        months = year_months(month, today)
        ledgers = [dues_ledger(user=user, month=each, org=org, every_member=False)
                   for each in months]  # fmt: skip
        count = sum(write_printed_book(path, _year_book(ledgers, today)))
        data: dict[str, Any] = {"from": months[0], "to": months[-1]}
    else:
        ledger = dues_ledger(user=user, month=month, org=org)
        count = sum(write_printed_book(path, _month_book(ledger, today)))
        data = {"month": month}
    audit_record(
        actor=user,
        action=Event.DUES_LEDGER_EXPORTED,
        obj=None,
        about=_("Sổ đảng phí (%(count)s dòng)") % {"count": count},
        org=org,
        data=data | {"format": "xlsx", "rows": count, "org": org.code if org else None},
    )
    return count
