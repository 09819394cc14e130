"""Export of a member list, exactly as the user sees it (same scope, filters and order),
to XLSX or CSV (`common.spreadsheets`). Streams: constant memory."""

import datetime as dt
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Field

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.printed_tables import Column, PrintedTable, write_printed
from dangvu.common.spreadsheets import write_table
from dangvu.members import facts
from dangvu.members.models import Member
from dangvu.members.selectors import MemberFilter, member_list
from dangvu.organizations.access import User
from dangvu.organizations.models import Membership, OrgVersion
from dangvu.organizations.selectors import places_of


@functools.cache
def _labels(field: str) -> dict[Any, Any]:
    """FIELD's choice labels by value (lazy, so each export speaks its reader's language).
    `get_FOO_display` builds this dict again on every call: half an export's time."""
    model_field = Member._meta.get_field(field)
    assert isinstance(model_field, Field)
    return dict(model_field.flatchoices)


def _label(member: Member, field: str) -> str:
    value = getattr(member, field)
    return str(_labels(field).get(value, value))


# (header, width, value) — the headers are the import's own, so a round trip maps itself.
COLUMNS: list[tuple[str, int, Any]] = [
    ("Họ và tên", 26, lambda m, c: m.full_name),
    ("Tên gọi khác", 14, lambda m, c: m.other_name),
    ("Giới tính", 9, lambda m, c: _label(m, "gender")),
    ("Ngày sinh", 11, lambda m, c: m.birth_date),
    ("Số CCCD", 14, lambda m, c: m.national_id or ""),
    ("Số thẻ đảng viên", 14, lambda m, c: m.party_card_number),
    ("Ngày vào Đảng", 12, lambda m, c: m.admission_date),
    ("Ngày quyết định kết nạp", 14, lambda m, c: m.admission_decision_date),
    ("Ngày chính thức", 12, lambda m, c: m.official_date),
    ("Mã chi bộ", 11, lambda m, c: c[0]),
    ("Chi bộ", 30, lambda m, c: c[1]),
    ("Dân tộc", 10, lambda m, c: _label(m, "ethnicity")),
    ("Tôn giáo", 12, lambda m, c: _label(m, "religion")),
    ("Nghề nghiệp", 16, lambda m, c: m.occupation),
    ("Chức vụ", 16, lambda m, c: m.position),
    ("Nơi làm việc", 28, lambda m, c: m.workplace),
    ("Điện thoại", 12, lambda m, c: m.phone),
    ("Email", 20, lambda m, c: m.email),
    ("Nơi thường trú", 28, lambda m, c: m.residence),
    # Last, so that the columns of earlier exports keep their places.
    ("Ngày vào Đảng lần thứ hai", 14, lambda m, c: m.readmission_date),
    # The cell's TCCSĐ, which the import does not read (it places members by the cell's code).
    ("Tổ chức cơ sở đảng", 30, lambda m, c: c[2]),
]
CHUNK = 2000
# The printed list's last column: the member's status on the list's date, which the
# import does not read (it derives the status from the dates).
STATUS = "Trạng thái"
# The printed list: the dates of joining the Party under one heading, as offices print
# them (the import reads "Ngày vào Đảng / Chính thức" as the official date). Its words are
# the import's, untranslated, so that the list reads back whatever the language.
PARENTS = {
    "Ngày vào Đảng": ("Dự bị", "Ngày vào Đảng"),
    "Ngày chính thức": ("Chính thức", "Ngày vào Đảng"),
    "Ngày vào Đảng lần thứ hai": ("Lần thứ hai", "Ngày vào Đảng"),
}


def _printed_order() -> list[int]:
    """COLUMNS' indexes in the printed order: the grouped dates side by side, where the
    first of them is."""
    grouped = [i for i, (header, _w, _v) in enumerate(COLUMNS) if header in PARENTS]
    order: list[int] = []
    for index in range(len(COLUMNS)):
        if index == grouped[0]:
            order += grouped
        elif index not in grouped:
            order.append(index)
    return order


def _rows(user: User, filters: MemberFilter) -> Iterator[list[Any]]:
    """Rows in the list's order, fetched in chunks with their cells (three queries a
    chunk)."""
    for member, cell in _members(user, filters):
        yield [value(member, cell) for _header, _width, value in COLUMNS]


def _members(user: User, filters: MemberFilter) -> Iterator[tuple[Member, tuple[str, str, str]]]:
    """The list's members in its order, each with their cell's code and name and the name
    of its TCCSĐ."""
    members = member_list(user=user, filters=filters)
    last: tuple[bytes, int] | None = None
    while True:
        chunk_qs = members
        if last is not None:
            chunk_qs = chunk_qs.filter(sort_key__gte=last[0]).exclude(
                sort_key=last[0], id__lte=last[1]
            )
        chunk = list(chunk_qs[:CHUNK])
        if not chunk:
            return
        cells = dict(Membership.objects.as_of(filters.as_of).filter(
            member_id__in=[m.pk for m in chunk]).values_list("member_id", "org_id"))  # fmt: skip
        versions = OrgVersion.objects.as_of(filters.as_of).filter(
            org_id__in=set(cells.values())).select_related("org")  # fmt: skip
        places = places_of(versions, filters.as_of)
        names = {pk: (place.org.org.code, place.org.name, place.grassroots_name)
                 for pk, place in places.items()}  # fmt: skip
        for member in chunk:
            yield member, names.get(cells.get(member.pk, 0), ("", "", ""))
        last = (bytes(chunk[-1].sort_key), chunk[-1].pk)


def _write_printed(path: Path, user: User, filters: MemberFilter) -> int:
    ordered = [COLUMNS[index] for index in _printed_order()]
    columns = []
    for header, width, _value in ordered:
        sub, parent = PARENTS.get(header, (header, ""))
        columns.append(Column(sub, width, parent))
    version = OrgVersion.objects.as_of(filters.as_of).filter(org=filters.org).first()
    title = [version.name.upper()] if version is not None else []
    title += ["DANH SÁCH ĐẢNG VIÊN", f"Tính đến ngày {filters.as_of:%d/%m/%Y}"]
    day = filters.as_of
    footer = ["Cộng: {count} đảng viên", f"Ngày {day:%d} tháng {day:%m} năm {day:%Y}",
              "NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"]  # fmt: skip
    columns.append(Column(STATUS, 12))
    rows = (
        [*(value(member, cell) for _h, _w, value in ordered), _status(member, filters.as_of)]
        for member, cell in _members(user, filters)
    )
    return write_printed(path, PrintedTable("Đảng viên", title, columns, rows, footer))


def _status(member: Member, on: dt.date) -> str:
    status = facts.status_on(
        admission_date=member.admission_date,
        official_date=member.official_date,
        exit_date=member.exit_date,
        on=on,
    )
    return str(facts.Status(status).label) if status else ""


def members_export(*, user: User, filters: MemberFilter, path: Path, printed: bool = False) -> int:
    """Write the list to PATH (.xlsx or .csv, by its suffix); PRINTED, an XLSX in the shape
    offices print (`common.printed_tables`: title, two-row header, total and signature).
    Log who exported what and how many rows. Returns the row count.

    No transaction spans the writing: each chunk is read on its own, so a long export holds
    no lock (SQLite) and no snapshot (PostgreSQL) open; the rows are those on the list's
    as-of date, which a concurrent edit of another member does not move."""
    if printed and path.suffix.lower() != ".xlsx":
        raise ValueError("a printed list is an .xlsx file")
    if printed:
        count = _write_printed(path, user, filters)
    else:
        count = write_table(
            path,
            sheet="Đảng viên",
            columns=[(header, width) for header, width, _value in COLUMNS],
            rows=_rows(user, filters),
        )
    _audit_export(user, filters, path, count, printed)
    return count


@transaction.atomic
def _audit_export(user: User, filters: MemberFilter, path: Path, count: int, printed: bool) -> None:
    audit_record(
        actor=user,
        action=Event.MEMBERS_EXPORTED,
        obj=None,
        about=f"Danh sách đảng viên ({count} dòng)",
        org=filters.org,
        data={"format": path.suffix.lstrip("."), "rows": count, "as_of": filters.as_of,
              "org": filters.org.code if filters.org else None, "query": filters.query,
              "status": filters.status, "gender": filters.gender, "age_band": filters.age_band,
              **({"printed": True} if printed else {})},
    )  # fmt: skip
