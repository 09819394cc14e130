"""The list of members due a party badge at one occasion (danh sách đề nghị tặng Huy hiệu
Đảng): one selector for the web page, `dangvu badges due` and the proposal list's XLSX.

Who is due, and why, is the badge rule set's (`members.rulesets.badges`); this module adds
what the list shows beside each name: party age (less the periods out of the Party), the
admission decision's date and the organization the member belonged to on the occasion
(their last one, for a truy tặng).
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.months import age_in_months
from dangvu.common.spreadsheets import write_table
from dangvu.members import facts
from dangvu.members.models import Member
from dangvu.members.rulesets.badges import BadgeDue
from dangvu.members.selectors import badge_candidates, member_cells
from dangvu.organizations.access import User
from dangvu.organizations.models import Membership, OrgUnit, OrgVersion
from dangvu.organizations.selectors import Place, places_of


@dataclass(frozen=True)
class BadgeListRow:
    member: Member
    due: BadgeDue
    party_age_start: dt.date  # the first admission decision's
    party_years: int  # completed on the occasion, or on the day of death, less the gaps
    cell: OrgVersion
    place: Place  # the cell and its TCCSĐ, by name


def badge_list(*, user: User, occasion: dt.date, org: OrgUnit | None = None) -> list[BadgeListRow]:
    """The members in USER's scope due a badge at OCCASION, under ORG when given, in the
    rule set's order (highest milestone first, then by given name). Raises NoRuleSet
    before the first badge rules."""
    under = None
    if org is not None:
        version = OrgVersion.objects.as_of(occasion).filter(org=org).first()
        if version is None:  # not there on the occasion: nobody is under it
            return []
        under = version.path
    pairs = badge_candidates(user=user, occasion=occasion)
    cells = _cells_on([member for member, _due in pairs], occasion)
    places = places_of({cell.org_id: cell for cell in cells.values()}.values(), occasion)
    rows = []
    for member, due in pairs:
        cell = cells[member.pk]
        if under is not None and not cell.path.startswith(under):
            continue
        start = facts.party_age_start(
            admission_decision_date=member.admission_decision_date,
            admission_date=member.admission_date,
        )
        until = member.exit_date if due.posthumous and member.exit_date else occasion
        gaps = [(gap.start_date, gap.end_date) for gap in member.party_gaps.all()]
        counted_from = facts.party_age_counted_from(start, gaps, until)
        years = age_in_months(counted_from, until) // 12  # a truy tặng: the years they lived
        rows.append(BadgeListRow(member, due, start, years, cell, places[cell.org_id]))
    return rows


def _cells_on(members: list[Member], occasion: dt.date) -> dict[int, OrgVersion]:
    """Each member's cell on OCCASION; for one who has died, the cell they were last in,
    as it stood on their last day. Four queries whatever the number."""
    cells = member_cells(members, occasion)
    gone = {m.pk: m.exit_date for m in members if m.pk not in cells and m.exit_date}
    last = dict(
        Membership.objects.filter(member_id__in=gone, valid_to=F("member__exit_date")).values_list(
            "member_id", "org_id"
        )
    )
    versions = (
        OrgVersion.objects.filter(org_id__in=last.values())
        .select_related("org")
        .order_by("valid_from")
    )
    for member_id, org_id in last.items():
        day = gone[member_id] - dt.timedelta(days=1)
        cells[member_id] = next(v for v in versions if v.org_id == org_id and _covers(v, day))
    return cells


def _covers(version: OrgVersion, day: dt.date) -> bool:
    return version.valid_from <= day and (version.valid_to is None or day < version.valid_to)


def _note(due: BadgeDue) -> str:
    notes = []
    if due.posthumous:
        notes.append(_("Truy tặng"))
    if due.early:
        notes.append(_("Xét tặng sớm"))
    if due.blocked_until:
        notes.append(
            _("Chờ hết thời hạn kỷ luật (%(date)s)") % {"date": f"{due.blocked_until:%d/%m/%Y}"}
        )
    return "; ".join(notes)


def badge_list_json(rows: list[BadgeListRow], occasion: dt.date) -> dict[str, Any]:
    return {
        "on": occasion.isoformat(),
        "members": [
            {
                "cccd": row.member.national_id,
                "name": row.member.full_name,
                "milestone": row.due.milestone,
                "admission_decision_date": _iso(row.member.admission_decision_date),
                "party_age_start": row.party_age_start.isoformat(),
                "party_years": row.party_years,
                "org_code": row.cell.org.code,
                "note": _note(row.due),
            }
            for row in rows
        ],
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _row(number: int, row: BadgeListRow) -> list[object]:
    member = row.member
    return [
        number, member.full_name, member.birth_date, member.hometown_text(),
        member.admission_date, member.admission_decision_date, member.official_date,
        row.party_years, _("%(years)s năm tuổi Đảng") % {"years": row.due.milestone},
        row.cell.name, row.place.grassroots_name, _note(row.due),
    ]  # fmt: skip


@transaction.atomic
def badge_list_export(
    *, user: User, rows: list[BadgeListRow], occasion: dt.date, org: OrgUnit | None, path: Path
) -> int:
    """The proposal list (danh sách đề nghị tặng Huy hiệu Đảng) as XLSX, or CSV by PATH's
    suffix: a title naming the occasion above one row per member. Logged like every export
    of personal data."""
    columns = [
        (_("STT"), 5), (_("Họ và tên"), 26), (_("Ngày sinh"), 12), (_("Quê quán"), 30),
        (_("Ngày vào Đảng"), 14), (_("Ngày quyết định kết nạp"), 14),
        (_("Ngày chính thức"), 14), (_("Tuổi đảng (năm)"), 10),
        (_("Đề nghị tặng Huy hiệu"), 16), (_("Tổ chức đảng"), 36),
        (_("Tổ chức cơ sở đảng"), 36), (_("Ghi chú"), 20),
    ]  # fmt: skip
    title = _("DANH SÁCH ĐẢNG VIÊN ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG ĐỢT %(date)s") % {
        "date": f"{occasion:%d/%m/%Y}"
    }
    table = (_row(number, row) for number, row in enumerate(rows, start=1))
    count = write_table(path, sheet=_("Huy hiệu Đảng"), columns=columns, rows=table, title=[title])
    audit_record(
        actor=user,
        action=Event.MEMBERS_EXPORTED,
        obj=None,
        about=f"Danh sách đề nghị tặng Huy hiệu Đảng đợt {occasion:%d/%m/%Y} ({count} dòng)",
        org=org,
        data={"format": path.suffix.lstrip("."), "rows": count, "occasion": occasion,
              "org": org.code if org else None},
    )  # fmt: skip
    return count
