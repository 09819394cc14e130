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
from typing import Any, cast

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from dangvu.accounts.roles import Action, Resource
from dangvu.common.access import User, org_filter
from dangvu.common.audit import audit_record, restored_value
from dangvu.common.bulk import refresh_statistics
from dangvu.common.models import AuditEntry
from dangvu.imports.columns import FIELDS, fold, match_header, suggest_mapping
from dangvu.imports.legacy_encodings import to_unicode
from dangvu.imports.models import ImportBatch, ImportMapping
from dangvu.imports.reading import (
    UnreadableFile,
    as_date,
    as_digits,
    as_gender,
    as_text,
    find_header,
    open_rows,
)
from dangvu.members import events, reference
from dangvu.members.models import Member, Membership
from dangvu.members.services import (
    RegistryRow,
    member_problems,
    members_register_bulk,
    members_update_bulk,
)
from dangvu.members.services.registry import member_derive
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
    to_create: int = 0
    to_update: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Checked:
    """A chunk of good rows, ready to write: new members, and changes to existing ones."""

    creates: list[RegistryRow] = field(default_factory=list)
    updates: list[tuple[Member, dict[str, Any]]] = field(default_factory=list)


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


class _Reader:
    """One pass over a file: its rows checked in chunks, with the file's problems and
    counts gathered in `result`. The dry run only counts; the commit writes each chunk."""

    CHUNK = 2000

    def __init__(
        self,
        *,
        path: Path,
        user: User,
        today: dt.date,
        org: OrgUnit | None,
        mapping: dict[int, str] | None,
        lock: bool = False,
    ) -> None:
        sheet, rows = open_rows(path)
        header_row, self.headers, self.data = find_header(rows, known=match_header)
        mapping = mapping or remembered_mapping(org, self.headers) or suggest_mapping(self.headers)
        self.result = CheckResult(path.name, sheet, header_row, mapping, self.headers)
        self.today, self.lock = today, lock
        self.located = {name: (column_letter(i), self.headers[i]) for i, name in mapping.items()}
        self.seen: dict[str, int] = {}
        self.default_cell = None
        self.cells: dict[str, tuple[int, dt.date]] = {}
        missing = [f for f in REQUIRED if f not in mapping.values()]
        if org is not None and "cell" not in mapping.values():
            version = OrgVersion.objects.as_of(today).filter(org=org).first()
            self.default_cell = org.code if version and version.kind in CELL_KINDS else None
        if "cell" not in mapping.values() and self.default_cell is None:
            missing.append("cell")
        if missing:
            labels = ", ".join(FIELDS[f].label_vi for f in missing)
            self.result.problems.append(
                Problem(header_row, "", "", "", f"Thiếu cột bắt buộc: {labels}.")
            )
        else:
            self.cells = _cells(user, today, org)

    def chunks(self) -> Iterator[_Checked]:
        """The file's good rows, a chunk at a time; nothing if a column is missing."""
        if self.result.problems:
            return
        id_columns = [i for i, f in self.result.mapping.items() if f == "national_id"]
        for chunk in _chunks(self.data, self.CHUNK):
            numbers = [as_digits(values[i]) for _row, values in chunk for i in id_columns
                       if i < len(values)]  # fmt: skip
            found = Member.objects.filter(national_id__in=numbers)
            existing = {
                m.national_id: m for m in (found.select_for_update() if self.lock else found)
            }
            checked = _Checked()
            for row, values in chunk:
                self.result.rows_total += 1
                self._check_row(checked, row, values, existing)
            yield checked

    def _problem(self, row: int, name: str, value: object, message: str) -> None:
        column, header = self.located.get(name, ("", ""))
        self.result.problems.append(Problem(row, column, header, str(value or ""), message))

    def _check_row(
        self, checked: _Checked, row: int, values: list[object], existing: dict[str | None, Member]
    ) -> None:
        result = self.result
        record: dict[str, Any] = {}
        before = len(result.problems)
        for index, name in result.mapping.items():
            raw = values[index] if index < len(values) else None
            try:
                record[name] = _convert(name, FIELDS[name].kind, raw)
            except ValueError as error:
                self._problem(row, name, as_text(raw), str(error))
        for name, limit in _MAX_LENGTHS.items():
            if isinstance(record.get(name), str) and len(record[name]) > limit:
                self._problem(row, name, record[name], f"Dài quá {limit} ký tự.")
        for name in REQUIRED:
            if name in record and record[name] in (None, ""):
                self._problem(row, name, "", "Ô bắt buộc đang để trống.")
        national_id = record.get("national_id")
        if national_id and national_id in self.seen:
            message = f"Trùng số CCCD với dòng {self.seen[national_id]}."
            self._problem(row, "national_id", national_id, message)
        elif national_id:
            self.seen[national_id] = row
        code = (record.pop("cell", "") or self.default_cell or "").upper()
        if code and code not in self.cells:
            self._problem(row, "cell", code, "Không có chi bộ mã này trong phạm vi của bạn.")
        if len(result.problems) > before:
            return
        current = existing.get(national_id)
        if current is not None:
            changes = {
                k: v
                for k, v in record.items()
                if k in UPDATABLE and v not in ("", None) and getattr(current, k) != v
            }
            if changes:
                result.to_update += 1
                checked.updates.append((current, changes))
            else:
                result.skipped += 1
            return
        record = {k: v for k, v in record.items() if v is not None}
        for name, messages in member_problems(record, self.today).items():
            for message in messages:
                self._problem(row, name, record.get(name), message)
        if len(result.problems) == before:
            cell_id, cell_start = self.cells[code]
            joined = max(record["admission_date"], cell_start)
            period = (cell_id, joined, None, Membership.Start.REGISTERED)
            checked.creates.append(RegistryRow(values=record, periods=[period]))
            result.to_create += 1


_MAX_LENGTHS = {
    name: limit
    for name in FIELDS
    if name in {f.name for f in Member._meta.concrete_fields}
    and (limit := getattr(Member._meta.get_field(name), "max_length", None))
}


def check_members(
    *,
    path: Path,
    user: User,
    today: dt.date,
    org: OrgUnit | None = None,
    mapping: dict[int, str] | None = None,
    progress: Callable[[int], object] | None = None,
) -> CheckResult:
    """The dry run: read PATH and check every row, writing nothing. Raises UnreadableFile
    when the file cannot be read."""
    reader = _Reader(path=path, user=user, today=today, org=org, mapping=mapping)
    for _checked in reader.chunks():
        if progress:
            progress(reader.result.rows_total)
    return reader.result


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
    progress: Callable[[int], object] | None = None,
) -> ImportBatch:
    """Check PATH again and write it all, or nothing if any row has a problem. The file is
    read once: each chunk is written as soon as it is checked, and a problem anywhere
    rolls everything back. BATCH is the upload's record when the import comes from the web
    page; the CLI gets a new one."""
    reader = _Reader(path=path, user=user, today=today, org=org, mapping=mapping, lock=True)
    result = reader.result
    batch = batch or ImportBatch(created_by_id=getattr(actor, "pk", None), org=org)
    batch.file_name = result.file_name
    batch.save()
    entry = audit_record(
        actor=actor, action="imports.batch.committed", obj=batch, org=org,
        data={"file": result.file_name},
    )  # fmt: skip
    for checked in reader.chunks():
        if not result.problems:  # after the first problem, only check: it will roll back
            label = f"nhập tệp {result.file_name}"
            members_register_bulk(
                actor=actor, rows=checked.creates, today=today, label=label, batch=entry
            )
            members_update_bulk(actor=actor, changes=checked.updates, batch=entry)
        if progress:
            progress(result.rows_total)
    if result.problems:
        raise ImportRefused(result)
    refresh_statistics(Member, Membership, AuditEntry)
    entry.data |= {"created": result.to_create, "updated": result.to_update,
                   "skipped": result.skipped}  # fmt: skip
    entry.save(update_fields=["data"])
    batch.sheet, batch.header_row = result.sheet, result.header_row
    batch.mapping = {str(k): v for k, v in result.mapping.items()}
    batch.rows_total = batch.rows_done = result.rows_total
    batch.to_create, batch.to_update, batch.skipped = (
        result.to_create, result.to_update, result.skipped)  # fmt: skip
    batch.state, batch.committed_at, batch.problems = "COMMITTED", timezone.now(), []
    batch.audit_batch = entry
    batch.save()
    if org is not None:
        headers = {fold(result.headers[i]): name for i, name in result.mapping.items()}
        ImportMapping.objects.update_or_create(org=org, defaults={"headers": headers})
    return batch


class UndoRefused(Exception):
    pass


@transaction.atomic
def undo_import(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Put every record back as it was before BATCH, if nothing has changed them since.
    What the import did is read from its audit batch: a row per member created or updated."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state != ImportBatch.State.COMMITTED or batch.audit_batch is None:
        raise UndoRefused("Lần nhập này chưa được ghi hoặc đã hoàn tác.")
    rows = batch.audit_batch.rows.all()
    created = rows.filter(action=events.REGISTERED).values("object_id")
    updated = {r.object_id: r for r in rows.filter(action=events.UPDATED)}
    members = Member.objects.select_for_update().filter(pk__in=rows.values("object_id"))
    later = (
        AuditEntry.objects.filter(object_type=Member._meta.label_lower,
                                  object_id__in=rows.values("object_id"))
        .exclude(batch=batch.audit_batch).filter(occurred_at__gte=batch.audit_batch.occurred_at)
        .order_by("pk").first()
    )  # fmt: skip
    missing = rows.count() - members.count()
    if later or missing:
        name = later.object_repr if later else f"{missing} hồ sơ"
        raise UndoRefused(f"Không thể hoàn tác: hồ sơ {name} đã thay đổi sau lần nhập này.")
    _delete_members(created)
    restored = list(members.filter(pk__in=updated))
    for member in restored:
        for name, (before, _after) in updated[member.pk].changes.items():
            setattr(member, name, restored_value(Member._meta.get_field(name), before))
        member_derive(member)
        member.version += 1
    fields = {name for row in updated.values() for name in row.changes}
    Member.objects.bulk_update(restored, [*fields, "search_text", "sort_key", "version"], 1000)
    batch.state = ImportBatch.State.UNDONE
    batch.save(update_fields=["state"])
    audit_record(
        actor=actor,
        action="imports.batch.undone",
        obj=batch,
        org=batch.org,
        data={"deleted": created.count(), "restored": len(restored)},
    )
    return batch


def stored_problems(problems: list[Problem]) -> list[dict[str, Any]]:
    """PROBLEMS as a batch keeps them (JSON), with their sentence for the page."""
    return [asdict(problem) | {"text": str(problem)} for problem in problems]


def checked_fields(result: Any) -> dict[str, Any]:
    """What a batch records of a check, members' or organizations' (the same attributes)."""
    return {
        "state": ImportBatch.State.CHECKED,
        "sheet": result.sheet,
        "header_row": result.header_row,
        "mapping": {str(k): v for k, v in result.mapping.items()},
        "rows_total": result.rows_total,
        "rows_done": result.rows_total,
        "to_create": result.to_create,
        "to_update": result.to_update,
        "skipped": result.skipped,
        "problems": stored_problems(result.problems),
    }


def _delete_members(ids: QuerySet[Any]) -> None:
    """Delete the members with these IDS and their cell periods, in two statements: the
    ORM's cascade would load each of 100,000 members first. Refused if anything else
    refers to them (the services audit every change, so undo has checked that already;
    this keeps a foreign key from failing at commit time instead)."""
    for relation in Member._meta.related_objects:
        model = cast(type[Model], relation.related_model)
        rows = model._default_manager.filter(**{f"{relation.field.name}__in": ids})
        if model is not Membership and rows.exists():
            raise UndoRefused(
                "Không thể hoàn tác: hồ sơ do lần nhập này tạo đã được dùng ở nơi khác."
            )
    Membership.objects.filter(member__in=ids).delete()
    Member.objects.filter(pk__in=ids)._raw_delete(using="default")


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
    ImportBatch.objects.filter(pk=batch_id).update(**checked_fields(result))


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
                problems=stored_problems(refused.result.problems),
            )
