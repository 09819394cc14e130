"""The members an import's dry run found good, kept in a stage (see `common/staging`) until
the user confirms, then written with a few statements on the server.

Between the check and the commit other people go on working. The commit checks again, in
SQL, that the new members' cells are still within the user's reach, then writes; the
database itself refuses a CCCD or card number taken since (unique constraints) and a
record edited since (the update's version condition), and only then are the rows at fault
looked for, to name them. The rest of the check (the file's own values, the registry's
rules for that day) stays true as long as the day is the same.
"""

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.db.models import Q
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.audit import audit_rows_select
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.common.staging import Stage, stage_names
from dangvu.imports.models import ImportBatch
from dangvu.members.models import Member
from dangvu.members.services import member_changed, member_derived, registration_entry
from dangvu.organizations.models import Membership, OrgUnit

# Fields an import may change on an existing record (lifecycle dates change only through
# the lifecycle services).
UPDATABLE = (
    "full_name",
    "other_name",
    "gender",
    "birth_date",
    "party_card_number",
    "ethnicity",
    "religion",
    "occupation",
    "position",
    "workplace",
    "phone",
    "email",
    "residence",
)

EXTRA: dict[str, models.Field[Any, Any]] = {
    "stage_row": models.IntegerField(),  # the row in the file, to locate problems
    "stage_sheet": models.IntegerField(default=0),  # … and its sheet (0: the first)
    "stage_cell_id": models.BigIntegerField(null=True),  # a new member's cell …
    "stage_joined_on": models.DateField(null=True),  # … and first day in it
    "stage_kind": models.CharField(max_length=8),  # new, changed or skipped (for the preview)
    "stage_version": models.IntegerField(null=True),  # an existing record's version checked
    "stage_repr": models.CharField(max_length=255),
    "stage_changes": models.JSONField(null=True),
    "stage_data": models.JSONField(null=True),
}
NEW = "stage_kind = 'new'"
CHANGED = "stage_kind = 'changed'"
WRITTEN = "stage_kind <> 'skipped'"
# Columns an import writes on an existing record, besides those it was given.
_ALWAYS_UPDATED = ("search_text", "sort_key", "version", "updated_at")

# A located problem found at commit time: row, field, value, message.
StagedProblem = tuple[int, str, str, str]


PREFIX = "imports_stage_"


def member_stage(batch_id: int) -> Stage:
    return Stage(Member, f"{PREFIX}{batch_id}", EXTRA)


def stages_clear(today: dt.date) -> None:
    """Drop the stages no commit will use: of batches gone, committed, or checked before
    TODAY (their commit checks the file again). Those being checked now stay."""
    State = ImportBatch.State
    names = {int(name.removeprefix(PREFIX)): name for name in stage_names(PREFIX)}
    live = ImportBatch.objects.filter(pk__in=names).filter(
        Q(state=State.CHECKING) | Q(state__in=[State.CHECKED, State.COMMITTING], checked_on=today)
    )
    for batch_id in set(names) - set(live.values_list("pk", flat=True)):
        member_stage(batch_id).drop()


def new_row(row: int, record: Mapping[str, Any], cell_id: int, joined_on: dt.date) -> dict:
    """The stage's row for a new member from RECORD, file row ROW."""
    start = Membership.Start.REGISTERED
    entry = registration_entry(record, joined_on=joined_on, start=start)
    return {
        **record,
        **member_derived(record),
        "stage_row": row,
        "stage_cell_id": cell_id,
        "stage_joined_on": joined_on,
        "stage_kind": "new",
        "stage_version": None,
        "stage_repr": entry["object_repr"],
        "stage_changes": {},
        "stage_data": entry["data"],
    }


def changed_row(row: int, member: Member, values: Mapping[str, Any]) -> dict:
    """The stage's row for MEMBER with VALUES written over (MEMBER is changed in memory)."""
    checked = member.version
    changes = member_changed(member, values)
    return {
        **{f.attname: _plain(f, getattr(member, f.attname)) for f in member._meta.concrete_fields},
        "stage_row": row,
        "stage_cell_id": None,
        "stage_joined_on": None,
        "stage_kind": "changed",
        "stage_version": checked,
        "stage_repr": str(member)[:255],
        "stage_changes": changes,
        "stage_data": {"version": member.version},
    }


def skipped_row(row: int, member: Member) -> dict[str, Any]:
    """The stage's row for a file row identical to MEMBER's record: shown, never written."""
    return {
        **{f.attname: _plain(f, getattr(member, f.attname)) for f in member._meta.concrete_fields},
        "stage_row": row,
        "stage_cell_id": None,
        "stage_joined_on": None,
        "stage_kind": "skipped",
        "stage_version": member.version,
        "stage_repr": str(member)[:255],
        "stage_changes": {},
        "stage_data": {},
    }


def _plain(field: models.Field[Any, Any], value: Any) -> Any:
    """VALUE as the stage takes it: a file as its name (JSON is prepared by the copy)."""
    return value if isinstance(field, models.JSONField) else field.get_prep_value(value)


def reach_problems(stage: Stage, cells: Mapping[int, str]) -> list[StagedProblem]:
    """New members' cells the user may no longer change (CELLS: those they may, id →
    code). No constraint in the database knows the user's reach, so this is checked
    before writing."""
    used = {
        cell
        for (cell,) in stage.select(f"SELECT DISTINCT stage_cell_id FROM {{stage}} WHERE {NEW}")
    }
    gone = sorted(used - set(cells))
    if not gone:
        return []
    marks = ", ".join(["%s"] * len(gone))
    codes = dict(OrgUnit.objects.filter(pk__in=gone).values_list("pk", "code"))
    return sorted(
        (row, "cell", codes.get(cell, ""), _("Chi bộ này không còn trong phạm vi của bạn."))
        for row, cell in stage.select(
            f"SELECT stage_row, stage_cell_id FROM {{stage}} WHERE stage_cell_id IN ({marks})",
            gone,
        )
    )


def conflict_problems(stage: Stage) -> list[StagedProblem]:
    """The staged rows others have overtaken since the check: a CCCD or card number now
    someone else's, a record edited since. The database refuses these writes by itself
    (unique constraints, the version condition), so this runs only once it has, to say
    which rows."""
    member = connection.ops.quote_name(Member._meta.db_table)
    problems: list[StagedProblem] = [
        (row, "national_id", number, _("Số CCCD này vừa được dùng cho một hồ sơ khác."))
        for row, number in stage.select(
            f"SELECT s.stage_row, s.national_id FROM {{stage}} s "
            f"JOIN {member} m ON m.national_id = s.national_id WHERE s.{NEW}"
        )
    ]
    problems += [
        (row, "party_card_number", number, _("Số thẻ đảng viên này vừa được dùng cho người khác."))
        for row, number in stage.select(
            f"SELECT s.stage_row, s.party_card_number FROM {{stage}} s "
            f"JOIN {member} m ON m.party_card_number = s.party_card_number "
            f"AND m.id <> COALESCE(s.id, 0) WHERE s.party_card_number <> '' AND s.{WRITTEN}"
        )
    ]
    problems += [
        (
            row,
            "national_id",
            number,
            _("Hồ sơ này vừa được sửa sau lần kiểm tra; hãy kiểm tra lại."),
        )
        for row, number in stage.select(
            f"SELECT s.stage_row, s.national_id FROM {{stage}} s "
            f"LEFT JOIN {member} m ON m.id = s.id "
            f"WHERE s.{CHANGED} AND (m.id IS NULL OR m.version <> s.stage_version)"
        )
    ]
    return sorted(problems)


class StagedRowsChanged(Exception):
    """A staged record was edited since the check: its version is no longer the one
    checked."""


def write_staged(stage: Stage, entry: AuditEntry, *, updates: int) -> None:
    """Write the stage's rows: new members with their cells, the UPDATES changes to
    existing records (only where the version is still the one checked), and an audit row
    per member under ENTRY, the import's batch entry."""
    now = clock.now()
    stage.number_new_rows(NEW)
    stage.insert_into_model(NEW, {"created_at": now, "updated_at": now})
    membership = connection.ops.quote_name(Membership._meta.db_table)
    stage.execute(
        f"INSERT INTO {membership} (member_id, org_id, valid_from, valid_to, start) "
        f"SELECT id, stage_cell_id, stage_joined_on, NULL, %s FROM {{stage}} WHERE {NEW}",
        [Membership.Start.REGISTERED],
    )
    _update_changed(stage, now, updates)
    # An updated member's row is about their latest cell, so those who see the member see it.
    latest_cell = (
        f"(SELECT p.org_id FROM {membership} p WHERE p.member_id = s.id "
        "ORDER BY p.valid_from DESC LIMIT 1)"
    )
    audit_rows_select(
        entry,
        f"SELECT CASE WHEN {NEW} THEN %s ELSE %s END, %s, id, stage_repr, "
        f"COALESCE(stage_cell_id, {latest_cell}), stage_changes, stage_data "
        f"FROM {stage.table} s WHERE {WRITTEN} ORDER BY stage_row",
        [Event.REGISTERED, Event.UPDATED, Member._meta.label_lower],
    )


def _update_changed(stage: Stage, now: dt.datetime, expected: int) -> None:
    """The changes to existing records: EXPECTED of them, each still at the version
    checked."""
    quote = connection.ops.quote_name
    # Every import field is a plain column: its name is its attname.
    columns = [*UPDATABLE, *_ALWAYS_UPDATED]
    assignments = ", ".join(
        f"{quote(c)} = %s" if c == "updated_at" else f"{quote(c)} = s.{quote(c)}" for c in columns
    )
    if not expected:
        return
    written = stage.execute(
        f"UPDATE {quote(Member._meta.db_table)} AS m SET {assignments} FROM {{stage}} AS s "
        f"WHERE m.id = s.id AND s.{CHANGED} AND m.version = s.stage_version",
        [now],
    )
    if written != expected:
        raise StagedRowsChanged


@dataclass(frozen=True)
class Preview:
    """The first rows of each kind, for the user to look over before confirming: new
    members (row, name, birth date, CCCD, cell code), changes (row, member, and each
    changed field's label, old and new value) and rows skipped (row, member)."""

    new: list[tuple[int | str, str, dt.date, str, str]]
    changed: list[tuple[int | str, str, list[tuple[str, Any, Any]]]]
    skipped: list[tuple[int | str, str]]


def staged_preview(
    batch_id: int, labels: Mapping[str, str], sheets: list[str], limit: int = 50
) -> Preview | None:
    """The batch's staged rows, the first LIMIT of each kind in the file's order; None if
    nothing is staged. LABELS name the fields; a row is "Sheet, 12" when the file has
    several SHEETS."""
    stage = member_stage(batch_id)
    if not stage.exists():
        return None
    order = "ORDER BY stage_sheet, stage_row LIMIT %s"
    new = stage.select(
        "SELECT stage_sheet, stage_row, full_name, birth_date, national_id, stage_cell_id "
        f"FROM {{stage}} WHERE {NEW} {order}",
        [limit],
    )
    codes = dict(OrgUnit.objects.filter(pk__in={r[5] for r in new}).values_list("pk", "code"))
    changed = stage.select(
        f"SELECT stage_sheet, stage_row, stage_repr, stage_changes FROM {{stage}} "
        f"WHERE {CHANGED} {order}",
        [limit],
    )
    skipped = stage.select(
        f"SELECT stage_sheet, stage_row, stage_repr FROM {{stage}} "
        f"WHERE stage_kind = 'skipped' {order}",
        [limit],
    )

    def where(sheet: int, row: int) -> int | str:
        return f"{sheets[sheet]}, {row}" if len(sheets) > 1 and sheet < len(sheets) else row

    return Preview(
        new=[
            (where(s, r), name, _date(born), cccd, codes.get(cell, ""))
            for s, r, name, born, cccd, cell in new
        ],
        changed=[
            (
                where(s, r),
                member,
                [(labels.get(k, k), old, to) for k, (old, to) in _json(c).items()],
            )
            for s, r, member, c in changed
        ],
        skipped=[(where(s, r), member) for s, r, member in skipped],
    )


def _date(value: dt.date | str) -> dt.date:
    """A date column as read through a raw cursor (SQLite gives its text)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _json(value: dict[str, Any] | str) -> dict[str, Any]:
    """A JSON column as read through a raw cursor (SQLite gives its text)."""
    return json.loads(value) if isinstance(value, str) else value
