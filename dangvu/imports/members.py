"""Importing members from a spreadsheet: check every row (a dry run that never stops at the
first error), then commit all at once or nothing, and undo a committed import.

Problems are located by file, sheet, row, column and header, with the reason in Vietnamese.
Rows are matched to existing records by CCCD; an existing member with different values is
updated (and the old values kept for undo), an identical one is skipped.
"""

import datetime as dt
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangvu.accounts.roles import Action, Resource
from dangvu.common.access import User, org_filter
from dangvu.common.audit import audit_record, field_changes, restored_value
from dangvu.imports.columns import FIELDS, fold, match_header, suggest_mapping
from dangvu.imports.legacy_encodings import to_unicode
from dangvu.imports.models import ImportBatch, ImportChange, ImportMapping
from dangvu.imports.reading import (
    UnreadableFile,
    as_date,
    as_digits,
    as_gender,
    as_text,
    find_header,
    open_rows,
)
from dangvu.members import reference
from dangvu.members.models import Member, Membership
from dangvu.members.services import RegistryRow, member_build, members_register_bulk
from dangvu.members.services.registry import member_derive, member_problems
from dangvu.organizations.models import CELL_KINDS, OrgUnit, OrgVersion

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
REQUIRED = ("full_name", "gender", "birth_date", "national_id", "admission_date")
_LABELS = {
    "ethnicity": {fold(label): code for code, label in reference.ETHNIC_GROUPS},
    "religion": {fold(label): code for code, label in reference.RELIGIONS},
}


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    header: str
    value: str
    message: str

    def __str__(self) -> str:
        where = f"dòng {self.row}" + (f", cột {self.column} ({self.header})" if self.column else "")
        shown = f" “{self.value}”" if self.value else ""
        return f"{where}:{shown} {self.message}"


@dataclass
class CheckResult:
    file_name: str
    sheet: str
    header_row: int
    mapping: dict[int, str]
    headers: list[str]
    rows_total: int = 0
    creates: list[tuple[int, dict[str, Any], int]] = field(default_factory=list)
    updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)


class ImportRefused(Exception):
    def __init__(self, result: CheckResult) -> None:
        super().__init__(f"{len(result.problems)} lỗi")
        self.result = result


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cells(user: User, today: dt.date, org: OrgUnit | None) -> dict[str, tuple[int, dt.date]]:
    """Cells the user may change today (within ORG), by code: id and first day."""
    versions = OrgVersion.objects.as_of(today).filter(
        org_filter(user, today, resource=Resource.MEMBER, action=Action.CHANGE),
        kind__in=CELL_KINDS,
    )
    if org is not None:
        root = OrgVersion.objects.as_of(today).filter(org=org).first()
        versions = versions.in_subtree(root.path) if root else versions.none()
    return {
        code: (pk, start)
        for code, pk, start in versions.values_list("org__code", "org_id", "org__established_date")
    }


def _convert(field_name: str, kind: str, raw: object) -> Any:
    if kind == "date":
        return as_date(raw)
    if kind == "gender":
        return as_gender(raw)
    if kind == "digits":
        return as_digits(raw) or None
    text, _encoding = to_unicode(as_text(raw))
    if field_name in _LABELS and text:
        choices = reference.ETHNIC_GROUPS if field_name == "ethnicity" else reference.RELIGIONS
        code = _LABELS[field_name].get(fold(text)) or (text if text in dict(choices) else None)
        if code is None:
            raise ValueError(f"Không có giá trị “{text}” trong danh mục.")
        return code
    return text


def check_members(
    *,
    path: Path,
    user: User,
    today: dt.date,
    org: OrgUnit | None = None,
    mapping: dict[int, str] | None = None,
    progress: Callable[[int], object] | None = None,
) -> CheckResult:
    """Read PATH and check every row. Raises UnreadableFile when the file cannot be read."""
    sheet, rows = open_rows(path)
    header_row, headers, data = find_header(rows, known=match_header)
    mapping = mapping or remembered_mapping(org, headers) or suggest_mapping(headers)
    result = CheckResult(path.name, sheet, header_row, mapping, headers)
    missing = [f for f in REQUIRED if f not in mapping.values()]
    cell_column = next((i for i, f in mapping.items() if f == "cell"), None)
    default_cell = None
    if org is not None and cell_column is None:
        version = OrgVersion.objects.as_of(today).filter(org=org).first()
        default_cell = org.code if version and version.kind in CELL_KINDS else None
    if cell_column is None and default_cell is None:
        missing.append("cell")
    if missing:
        labels = ", ".join(FIELDS[f].label_vi for f in missing)
        result.problems.append(Problem(header_row, "", "", "", f"Thiếu cột bắt buộc: {labels}."))
        return result
    cells = _cells(user, today, org)
    seen: dict[str, int] = {}
    for chunk in _chunks(data, 2000):
        existing = {
            m.national_id: m
            for m in Member.objects.filter(
                national_id__in=[
                    as_digits(values[i])
                    for _row, values in chunk
                    for i, f in mapping.items()
                    if f == "national_id" and i < len(values)
                ]
            )
        }
        for row, values in chunk:
            result.rows_total += 1
            _check_row(result, row, values, headers, cells, default_cell, existing, seen, today)
        if progress:
            progress(result.rows_total)
    return result


def remembered_mapping(org: OrgUnit | None, headers: list[str]) -> dict[int, str] | None:
    """The mapping used last time for ORG, applied to these headers by their folded text."""
    saved = ImportMapping.objects.filter(org=org).first() if org is not None else None
    if saved is None:
        return None
    mapping = {i: saved.headers[fold(h)] for i, h in enumerate(headers) if fold(h) in saved.headers}
    return mapping or None


def _chunks(
    rows: Iterator[tuple[int, list[object]]], size: int
) -> Iterator[list[tuple[int, list[object]]]]:
    chunk: list[tuple[int, list[object]]] = []
    for item in rows:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _check_row(
    result: CheckResult,
    row: int,
    values: list[object],
    headers: list[str],
    cells: dict[str, tuple[int, dt.date]],
    default_cell: str | None,
    existing: dict[str | None, Member],
    seen: dict[str, int],
    today: dt.date,
) -> None:
    record: dict[str, Any] = {}
    problems: list[Problem] = []
    for index, name in result.mapping.items():
        raw = values[index] if index < len(values) else None
        spec = FIELDS[name]
        try:
            record[name] = _convert(name, spec.kind, raw)
        except ValueError as error:
            problems.append(
                Problem(row, column_letter(index), headers[index], as_text(raw), str(error))
            )
    located = {name: (column_letter(i), headers[i]) for i, name in result.mapping.items()}
    for name in REQUIRED:
        if name in record and record[name] in (None, ""):
            column, header = located[name]
            problems.append(Problem(row, column, header, "", "Ô bắt buộc đang để trống."))
    national_id = record.get("national_id")
    if national_id and national_id in seen:
        column, header = located["national_id"]
        problems.append(
            Problem(
                row, column, header, national_id, f"Trùng số CCCD với dòng {seen[national_id]}."
            )
        )
    elif national_id:
        seen[national_id] = row
    code = (record.pop("cell", "") or default_cell or "").upper()
    if code and code not in cells:
        column, header = located.get("cell", ("", ""))
        problems.append(
            Problem(row, column, header, code, "Không có chi bộ mã này trong phạm vi của bạn.")
        )
    if problems:
        result.problems.extend(problems)
        return
    current = existing.get(national_id)
    if current is not None:
        changes = {
            k: v
            for k, v in record.items()
            if k in UPDATABLE and v not in ("", None) and getattr(current, k) != v
        }
        if changes:
            result.updates.append((current.pk, changes))
        else:
            result.skipped += 1
        return
    member = member_build({k: v for k, v in record.items() if v is not None})
    found = member_problems(member, today)
    for name, messages in found.items():
        column, header = located.get(name, ("", ""))
        for message in messages:
            result.problems.append(
                Problem(row, column, header, str(record.get(name) or ""), message)
            )
    if not found:
        cell_id, cell_start = cells[code]
        result.creates.append((row, record, cell_id))
        record["_joined"] = max(record["admission_date"], cell_start)


@transaction.atomic
def commit_members(
    *,
    actor: User,
    path: Path,
    user: User,
    today: dt.date,
    org: OrgUnit | None = None,
    mapping: dict[int, str] | None = None,
    batch: ImportBatch | None = None,
) -> ImportBatch:
    """Check PATH again and write it all, or nothing if any row has a problem. BATCH is the
    upload's record when the import comes from the web page; the CLI gets a new one."""
    result = check_members(path=path, user=user, today=today, org=org, mapping=mapping)
    if result.problems:
        raise ImportRefused(result)
    batch = batch or ImportBatch(created_by_id=getattr(actor, "pk", None), org=org)
    batch.file_name, batch.sheet, batch.header_row = (
        result.file_name,
        result.sheet,
        result.header_row,
    )
    batch.mapping = {str(k): v for k, v in result.mapping.items()}
    batch.rows_total, batch.to_create = result.rows_total, len(result.creates)
    batch.to_update, batch.skipped = len(result.updates), result.skipped
    batch.state, batch.committed_at, batch.problems = (
        ImportBatch.State.COMMITTED,
        timezone.now(),
        [],
    )
    batch.save()
    rows = [
        RegistryRow(
            values={k: v for k, v in record.items() if not k.startswith("_") and v is not None},
            periods=[(cell_id, record["_joined"], None, Membership.Start.REGISTERED)],
        )
        for _row, record, cell_id in result.creates
    ]
    created = (
        members_register_bulk(
            actor=actor, rows=rows, today=today, label=f"nhập tệp {result.file_name}"
        )
        if rows
        else []
    )
    changes = [
        ImportChange(
            batch=batch, member_id=m.pk, action=ImportChange.Action.CREATED, version_after=m.version
        )
        for m in created
    ]
    members = Member.objects.in_bulk([pk for pk, _c in result.updates])
    for pk, values in result.updates:
        member = members[pk]
        before = {k: getattr(member, k) for k in values}
        for key, value in values.items():
            setattr(member, key, value)
        member_derive(member)
        member.version += 1
        changes.append(
            ImportChange(
                batch=batch,
                member_id=pk,
                action=ImportChange.Action.UPDATED,
                before=field_changes(before, values),
                version_after=member.version,
            )
        )
    Member.objects.bulk_update(
        list(members.values()), [*UPDATABLE, "search_text", "sort_key", "version"], batch_size=1000
    )
    ImportChange.objects.bulk_create(changes, batch_size=5000)
    batch.audit_batch = audit_record(
        actor=actor,
        action="imports.batch.committed",
        obj=batch,
        org=org,
        data={
            "file": result.file_name,
            "created": len(created),
            "updated": len(result.updates),
            "skipped": result.skipped,
        },
    )
    batch.save(update_fields=["audit_batch"])
    if org is not None:
        ImportMapping.objects.update_or_create(
            org=org,
            defaults={
                "headers": {fold(result.headers[i]): name for i, name in result.mapping.items()}
            },
        )
    return batch


class UndoRefused(Exception):
    pass


@transaction.atomic
def undo_import(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Put every record back as it was before BATCH, if nothing has changed them since."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state != ImportBatch.State.COMMITTED:
        raise UndoRefused("Lần nhập này chưa được ghi hoặc đã hoàn tác.")
    changes = list(batch.changes.all())
    members = Member.objects.select_for_update().in_bulk([c.member_id for c in changes])
    for change in changes:
        member = members.get(change.member_id)
        moved = (
            change.action == ImportChange.Action.CREATED
            and member is not None
            and (member.memberships.count() > 1)
        )
        if member is None or member.version != change.version_after or moved:
            name = member.full_name if member else f"#{change.member_id}"
            raise UndoRefused(f"Không thể hoàn tác: hồ sơ {name} đã thay đổi sau lần nhập này.")
    created = [c.member_id for c in changes if c.action == ImportChange.Action.CREATED]
    Member.objects.filter(pk__in=created).delete()
    for change in changes:
        if change.action == ImportChange.Action.UPDATED:
            member = members[change.member_id]
            for name, (before, _after) in change.before.items():
                setattr(member, name, restored_value(Member._meta.get_field(name), before))
            member_derive(member)
            member.version += 1
            member.save()
    batch.state = ImportBatch.State.UNDONE
    batch.save(update_fields=["state"])
    audit_record(
        actor=actor,
        action="imports.batch.undone",
        obj=batch,
        org=batch.org,
        data={"deleted": len(created), "restored": len(changes) - len(created)},
    )
    return batch


def batch_check(batch_id: int, *, user: User, today: dt.date) -> None:
    """Check an uploaded file (the dry run) and keep its results on the batch, reporting
    progress as it goes. Runs as a background task for the web page."""
    batch = ImportBatch.objects.get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch_id).update(state=ImportBatch.State.CHECKING, rows_done=0)
    mapping = {int(k): v for k, v in batch.mapping.items()} or None
    with uploaded_file(batch) as path:
        try:
            result = check_members(
                path=path,
                user=user,
                today=today,
                org=batch.org,
                mapping=mapping,
                progress=lambda done: ImportBatch.objects.filter(pk=batch_id).update(
                    rows_done=done
                ),
            )
        except UnreadableFile as error:
            result = CheckResult(batch.file_name, "", 0, {}, [])
            result.problems.append(Problem(0, "", "", "", str(error)))
    ImportBatch.objects.filter(pk=batch_id).update(
        state=ImportBatch.State.CHECKED,
        sheet=result.sheet,
        header_row=result.header_row,
        mapping={str(k): v for k, v in result.mapping.items()},
        rows_total=result.rows_total,
        rows_done=result.rows_total,
        to_create=len(result.creates),
        to_update=len(result.updates),
        skipped=result.skipped,
        problems=[asdict(problem) | {"text": str(problem)} for problem in result.problems],
    )


@contextmanager
def uploaded_file(batch: ImportBatch) -> Iterator[Path]:
    """The batch's stored file as a local path with its own name (the reader goes by it)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / batch.file_name
        with batch.file.open("rb") as source:
            path.write_bytes(source.read())
        yield path


def batch_commit(batch_id: int, *, user: User, today: dt.date) -> None:
    """Write a checked upload (a background task for the web page). If the data no longer
    passes, nothing is written and the batch goes back to CHECKED with its problems."""
    batch = ImportBatch.objects.get(pk=batch_id)
    mapping = {int(k): v for k, v in batch.mapping.items()}
    with uploaded_file(batch) as path:
        try:
            commit_members(
                actor=user,
                path=path,
                user=user,
                today=today,
                org=batch.org,
                mapping=mapping,
                batch=batch,
            )
        except ImportRefused as refused:
            ImportBatch.objects.filter(pk=batch_id).update(
                state=ImportBatch.State.CHECKED,
                problems=[asdict(p) | {"text": str(p)} for p in refused.result.problems],
            )
