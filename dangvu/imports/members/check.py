"""The member import's dry run: read the file in chunks and check every row with the
registry's own rules, never stopping at the first problem; with a batch, keep the good rows
in its stage for the commit."""

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dangvu.common.dates import Fact
from dangvu.common.staging import Stage
from dangvu.common.text import fold_words, text_problem
from dangvu.imports.columns import FIELDS, match_header, suggest_mapping
from dangvu.imports.files import read_limits
from dangvu.imports.layout import Classifier, RowKind, group_text
from dangvu.imports.legacy_encodings import to_unicode
from dangvu.imports.members.groups import CellNames, Group, status_problem
from dangvu.imports.members.stage import (
    UPDATABLE,
    changed_row,
    member_stage,
    new_row,
    skipped_row,
    stages_clear,
)
from dangvu.imports.models import ImportBatch, ImportMapping
from dangvu.imports.problems import (
    CheckResult,
    OtherRow,
    Problem,
    checked_fields,
    located,
)
from dangvu.imports.reading import (
    Table,
    UnreadableFile,
    as_date_within,
    as_digits,
    as_gender,
    as_text,
    find_table,
    open_rows,
)
from dangvu.imports.states import Step, batch_move
from dangvu.members import reference
from dangvu.members.models import Member
from dangvu.members.services import member_problems
from dangvu.organizations.access import (
    User,
    membership_filter,
    org_filter,
    org_in_scope,
)
from dangvu.organizations.models import CELL_KINDS, Membership, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource

# A sheet without a member table, listed among the rows not read as members (row 0).
SKIPPED_SHEET = "sheet"
# Rows checked so far, and how many the file has.
Progress = Callable[[int, int], object]
REQUIRED = ("full_name", "gender", "birth_date", "national_id", "admission_date")
_LABELS = {
    "ethnicity": {fold_words(label): code for code, label in reference.ETHNIC_GROUPS},
    "religion": {fold_words(label): code for code, label in reference.RELIGIONS},
}


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


# The kind of fact each date column holds, for the date policy (any other: an event).
_DATE_FACTS = {"birth_date": Fact.BIRTH}


def convert(field_name: str, kind: str, raw: object, today: dt.date) -> Any:
    if kind == "date":
        fact = _DATE_FACTS.get(field_name, Fact.EVENT)
        return as_date_within(raw, fact, FIELDS[field_name].label_vi, today)
    if kind == "gender":
        return as_gender(raw)
    if kind == "digits":
        return as_digits(raw) or None
    text, _encoding = to_unicode(as_text(raw))
    if problem := text_problem(text, FIELDS[field_name].label_vi):
        raise ValueError(problem)
    if field_name in _LABELS and text:
        choices = reference.ETHNIC_GROUPS if field_name == "ethnicity" else reference.RELIGIONS
        known = _LABELS[field_name].get(fold_words(text))
        code = known or (text if text in dict(choices) else None)
        if code is None:
            raise ValueError(f"Không có giá trị “{text}” trong danh mục.")
        return code
    return text


@dataclass
class _Sheet:
    """One sheet (or Word table) of the file, as the check reads it."""

    index: int
    name: str
    table: Table
    total: int
    mapping: dict[int, str]
    located: dict[str, tuple[str, str]]
    cell: str | None  # the cell its name or title names


# A member row to check: its sheet, row number, values and the group above it.
_Item = tuple[_Sheet, int, list[object], Group]


class _Reader:
    """One pass over a file: every sheet's rows read (`layout.Classifier`, as the user
    corrected it), the member rows checked in chunks, with the file's problems and counts
    gathered in `result`, and the good rows kept in STAGE if one is given."""

    CHUNK = 2000

    def __init__(
        self,
        *,
        path: Path,
        user: User,
        today: dt.date,
        org: OrgUnit | None,
        mapping: dict[int, str] | None,
        stage: Stage | None = None,
        row_kinds: dict[tuple[int, int], RowKind] | None = None,
    ) -> None:
        self.row_kinds = row_kinds or {}
        self._skipped: list[tuple[int, str]] = []
        self.sheet_names: list[str] = []
        self.sheets = self._open(path)
        first = next(self.sheets)
        self.headers = first.table.labels
        header_row = first.table.header_row
        self.expected = first.total - header_row  # data rows, as far as the sheet tells
        mapping = mapping or remembered_mapping(org, self.headers) or suggest_mapping(self.headers)
        first.mapping, first.located = mapping, located(mapping, self.headers)
        self.first = first
        self.result = CheckResult(path.name, first.name, header_row, mapping, self.headers)
        self.result.sheets = list(self.sheet_names)
        self.user, self.today, self.stage = user, today, stage
        self.seen: dict[tuple[str, str], tuple[int, int]] = {}
        self.default_cell = None
        self.cells: dict[str, tuple[int, dt.date]] = {}
        self.names = CellNames({})
        self.unplaced = 0  # member rows no column, group, sheet or organization places
        target = OrgVersion.objects.as_of(today).filter(org=org).first() if org else None
        if target is not None and target.kind in CELL_KINDS:
            self.default_cell = org.code if org is not None else None
        missing = [f for f in REQUIRED if f not in mapping.values()]
        if missing:
            if "cell" not in mapping.values() and self.default_cell is None and not first.cell:
                missing.append("cell")
            labels = ", ".join(FIELDS[f].label_vi for f in missing)
            self.result.problems.append(
                Problem(header_row, "", "", "", f"Thiếu cột bắt buộc: {labels}.")
            )
        elif org is not None and not org_in_scope(
            user, Resource.MEMBER, Action.CHANGE, org.pk, today
        ):
            message = f"Tổ chức {org.code} nằm ngoài phạm vi của bạn."
            self.result.problems.append(Problem(0, "", "", "", message))
        else:
            self.cells = _cells(user, today, org)
            if self.default_cell is None:
                self.names = CellNames(_cell_names(user, today, org))
                first.cell = self._sheet_cell(first)

    def _open(self, path: Path) -> Iterator[_Sheet]:
        """The file's sheets that hold a member table, in order. Sheets before the first
        such one, and sheets without a header after it, are listed as skipped (row 0);
        a file where none holds one is unreadable, for the first sheet's reason."""
        name, rows = open_rows(path, limits=read_limits())
        self.sheet_names = rows.sheets
        refusal: UnreadableFile | None = None
        found = False
        for index, sheet in enumerate(rows.sheets):
            if index:
                name, rows = open_rows(path, sheet=sheet, limits=read_limits())
            try:
                table = find_table(rows, known=match_header)
            except UnreadableFile as error:
                if len(rows.sheets) == 1:
                    raise
                refusal = refusal or error
                self._skipped.append((index, name))
                continue
            found = True
            yield _Sheet(index, name, table, rows.total, {}, {}, None)
        if not found and refusal is not None:
            raise refusal

    def _sheet_cell(self, sheet: _Sheet) -> str | None:
        """The cell a sheet is for: its name names one, or a title row mentions one."""
        found = self.names.named(sheet.name)
        for title in sheet.table.titles:
            found = found or self.names.mentioned(title)
        return found

    def _later(self, sheet: _Sheet) -> None:
        """A later sheet's mapping: the first sheet's when its header reads the same, its
        own suggestion otherwise (with its missing columns reported at its header)."""
        same = [fold_words(h) for h in sheet.table.labels] == [fold_words(h) for h in self.headers]
        mapping = dict(self.first.mapping) if same else suggest_mapping(sheet.table.labels)
        sheet.mapping, sheet.located = mapping, located(mapping, sheet.table.labels)
        sheet.cell = self._sheet_cell(sheet)
        missing = [FIELDS[f].label_vi for f in REQUIRED if f not in mapping.values()]
        if missing:
            self.result.problems.append(
                Problem(
                    sheet.table.header_row, "", "", "",
                    f"Thiếu cột bắt buộc: {', '.join(missing)}.", self._sheet_name(sheet),
                )
            )  # fmt: skip

    def _sheet_name(self, sheet: _Sheet) -> str:
        return sheet.name if len(self.result.sheets) > 1 else ""

    def _members(self) -> Iterator[_Item]:
        """The member rows of every sheet, each with the group above it; the other rows
        are listed in the result."""
        for sheet in itertools.chain([self.first], self.sheets):
            if sheet is not self.first:
                self._later(sheet)
                self.expected += sheet.total - sheet.table.header_row
            classify = Classifier()
            group = Group(cell=sheet.cell)
            for row, values in sheet.table.data:
                read = classify(values)
                kind = self.row_kinds.get((sheet.index, row), read)
                if kind != RowKind.MEMBER or read != RowKind.MEMBER:
                    text = group_text(values)[:200]
                    self.result.other_row(OtherRow(sheet.index, row, kind, text, read))
                if kind == RowKind.MEMBER:
                    yield sheet, row, values, Group(group.cell, group.status, group.status_text)
                elif kind == RowKind.GROUP:
                    group.enter(group_text(values), self.names)
        for index, name in self._skipped:
            self.result.other_row(OtherRow(index, 0, SKIPPED_SHEET, name, SKIPPED_SHEET))
        self.result.other_rows.sort(key=lambda other: (other.sheet, other.row))

    def check(self, progress: Progress | None = None) -> None:
        """Check every member row; with a stage, keep the good ones there until a problem
        turns up (then nothing will be written, so nothing more is kept)."""
        if self.result.problems:  # a column is missing
            return
        for chunk in _chunks(self._members(), self.CHUNK):
            ids = _digits_of(chunk, "national_id")
            existing, changeable = self._existing(ids)
            holders = dict(
                Member.objects.filter(party_card_number__in=_digits_of(chunk, "party_card_number"))
                .exclude(party_card_number="")
                .values_list("party_card_number", "pk")
            )
            staged: list[dict[str, Any]] = []
            for sheet, row, values, group in chunk:
                self.result.rows_total += 1
                self.sheet = sheet
                self._check_row(staged, row, values, group, existing, changeable, holders)
            if self.stage is not None and not self.result.problems:
                self.stage.append(staged)
            if progress:
                progress(self.result.rows_total, max(self.expected, self.result.rows_total))
        if self.unplaced:
            labels = FIELDS["cell"].label_vi
            self.result.problems.append(
                Problem(self.first.table.header_row, "", "", "", f"Thiếu cột bắt buộc: {labels}.")
            )

    def _existing(self, numbers: list[str]) -> tuple[dict[str | None, Member], set[int]]:
        """The members holding these CCCD NUMBERS, and which of them the user may change:
        those whose current cell (or, once they have left, their last) is in reach."""
        existing = {m.national_id: m for m in Member.objects.filter(national_id__in=numbers)}
        periods = Membership.objects.filter(member__in=existing.values()).order_by(
            "member_id", "-valid_from"
        )
        latest: dict[int, int] = {}
        for period in periods.values("pk", "member_id"):
            latest.setdefault(period["member_id"], period["pk"])
        reach = periods.filter(pk__in=latest.values()).filter(
            membership_filter(self.user, self.today, action=Action.CHANGE)
        )
        return existing, set(reach.values_list("member_id", flat=True))

    def _problem(self, row: int, name: str, value: object, message: str) -> None:
        column, header = self.sheet.located.get(name, ("", ""))
        self.result.problems.append(
            Problem(row, column, header, str(value or ""), message, self._sheet_name(self.sheet))
        )

    def _check_row(
        self,
        staged: list[dict[str, Any]],
        row: int,
        values: list[object],
        group: Group,
        existing: dict[str | None, Member],
        changeable: set[int],
        holders: dict[str, int],
    ) -> None:
        result, mapping = self.result, self.sheet.mapping
        record: dict[str, Any] = {}
        before = result.problems.total  # counted, not listed: the list stops at its limit
        for index, name in mapping.items():
            raw = values[index] if index < len(values) else None
            try:
                record[name] = convert(name, FIELDS[name].kind, raw, self.today)
            except ValueError as error:
                self._problem(row, name, as_text(raw), str(error))
        for name, limit in _MAX_LENGTHS.items():
            if isinstance(record.get(name), str) and len(record[name]) > limit:
                self._problem(row, name, record[name], f"Dài quá {limit} ký tự.")
        for name in REQUIRED:
            if name in record and record[name] in (None, ""):
                self._problem(row, name, "", "Ô bắt buộc đang để trống.")
        if problem := status_problem(
            group, record.get("admission_date"), record.get("official_date"), self.today
        ):
            field = "official_date" if "official_date" in mapping.values() else "admission_date"
            self._problem(row, field, record.get(field), problem)
        national_id = record.get("national_id")
        self._unique(row, "national_id", national_id, "Trùng số CCCD với dòng {}.")
        current = existing.get(national_id)
        card = record.get("party_card_number")
        self._unique(row, "party_card_number", card, "Trùng số thẻ đảng viên với dòng {}.")
        if card and holders.get(card, getattr(current, "pk", None)) != getattr(current, "pk", None):
            self._problem(row, "party_card_number", card, "Số thẻ này đã được cấp cho người khác.")
        code = (record.pop("cell", "") or self.default_cell or group.cell or "").upper()
        if code and code not in self.cells:
            self._problem(row, "cell", code, "Không có chi bộ mã này trong phạm vi của bạn.")
        elif not code and current is None:
            if "cell" in mapping.values():
                if result.problems.total == before:  # the other problems say enough
                    self._problem(row, "cell", "", "Ô bắt buộc đang để trống.")
            else:
                self.unplaced += 1  # reported once, as the missing column
                return
        if current is not None and current.pk not in changeable:
            message = "Số CCCD này là của một đảng viên ngoài phạm vi của bạn."
            self._problem(row, "national_id", national_id, message)
        if result.problems.total > before:
            return
        at = {"stage_sheet": self.sheet.index}
        if current is not None:
            changes = {
                k: v
                for k, v in record.items()
                if k in UPDATABLE and v not in ("", None) and getattr(current, k) != v
            }
            if changes:
                result.to_update += 1
                staged.append(changed_row(row, current, changes) | at)
            else:
                result.skipped += 1
                if self.stage is not None:
                    staged.append(skipped_row(row, current) | at)
            return
        record = {k: v for k, v in record.items() if v is not None}
        for name, messages in member_problems(record, self.today).items():
            for message in messages:
                self._problem(row, name, record.get(name), message)
        if result.problems.total == before:
            cell_id, cell_start = self.cells[code]
            joined = max(record["admission_date"], cell_start)
            if self.stage is not None:
                staged.append(new_row(row, record, cell_id, joined) | at)
            result.to_create += 1

    def _unique(self, row: int, name: str, value: str | None, message: str) -> None:
        """VALUE of column NAME must not repeat an earlier row's."""
        if not value:
            return
        here = (self.sheet.index, row)
        first = self.seen.setdefault((name, value), here)
        if first != here:
            where = str(first[1])
            if first[0] != here[0]:
                where += f" (trang “{self.sheet_names[first[0]]}”)"
            self._problem(row, name, value, message.format(where))


def _digits_of(chunk: list[_Item], field: str) -> list[str]:
    """The identifiers in column FIELD of the chunk's rows."""
    return [
        as_digits(values[i])
        for sheet, _row, values, _group in chunk
        for i, name in sheet.mapping.items()
        if name == field and i < len(values)
    ]


def _cell_names(user: User, today: dt.date, org: OrgUnit | None) -> dict[str, str]:
    """The names of the cells the user may change today (within ORG), by code."""
    versions = OrgVersion.objects.as_of(today).filter(
        org_filter(user, today, resource=Resource.MEMBER, action=Action.CHANGE),
        kind__in=CELL_KINDS,
    )
    if org is not None:
        root = OrgVersion.objects.as_of(today).filter(org=org).first()
        versions = versions.in_subtree(root.path) if root else versions.none()
    return dict(versions.order_by("org__code").values_list("org__code", "name"))


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
    progress: Progress | None = None,
    batch: ImportBatch | None = None,
    row_kinds: dict[tuple[int, int], RowKind] | None = None,
) -> CheckResult:
    """The dry run: read PATH and check every member row, writing nothing to the registry.
    ROW_KINDS corrects how rows are read ((sheet index, row) → kind; a batch's own
    corrections otherwise). With BATCH, the good rows are staged for its commit (when there
    is no problem) and the result is recorded on it. Raises UnreadableFile when the file
    cannot be read."""
    stage = member_stage(batch.pk) if batch is not None else None
    if row_kinds is None and batch is not None:
        row_kinds = corrected_kinds(batch.row_kinds)
    reader = _Reader(
        path=path, user=user, today=today, org=org, mapping=mapping, stage=stage,
        row_kinds=row_kinds,
    )  # fmt: skip
    if stage is not None:
        stages_clear(today)
        stage.create()
    try:
        reader.check(progress)
    except BaseException:
        if stage is not None:
            stage.drop()  # a file unreadable halfway, or the time limit: nothing is kept
        raise
    result = reader.result
    if stage is not None and result.problems:
        stage.drop()
    if batch is not None:
        batch_move(
            batch,
            Step.RECORD_CHECK,
            **checked_fields(result),
            headers=result.headers,
            checked_on=today,
        )
    return result


def remembered_mapping(org: OrgUnit | None, headers: list[str]) -> dict[int, str] | None:
    """The mapping used last time for ORG, applied to these headers by their folded text."""
    saved = ImportMapping.objects.filter(org=org).first() if org is not None else None
    if saved is None:
        return None
    folded = [fold_words(header) for header in headers]
    mapping = {i: saved.headers[key] for i, key in enumerate(folded) if key in saved.headers}
    return mapping or None


def _chunks(items: Iterator[_Item], size: int) -> Iterator[list[_Item]]:
    """ITEMS by SIZE, keeping only each sheet's mapped columns (the others are blanked): a
    chunk of a wide sheet holds what the check reads, not every cell."""
    chunk: list[_Item] = []
    for sheet, row, values, group in items:
        kept = [v if i in sheet.mapping else "" for i, v in enumerate(values)]
        chunk.append((sheet, row, kept, group))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def corrected_kinds(stored: list[list[Any]]) -> dict[tuple[int, int], RowKind]:
    """A batch's corrections of row kinds ([[sheet index, row, kind], …]) as the check
    takes them; anything else stored is ignored."""
    kinds: dict[tuple[int, int], RowKind] = {}
    known = {kind.value for kind in RowKind}
    for item in stored:
        if isinstance(item, list) and len(item) == 3 and item[2] in known:
            kinds[(int(item[0]), int(item[1]))] = RowKind(item[2])
    return kinds
