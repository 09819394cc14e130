"""The member import's dry run: read the file in chunks and check every row with the
registry's own rules, never stopping at the first problem; with a batch, keep the good rows
in its stage for the commit."""

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from dangvu.common.dates import Fact
from dangvu.common.staging import Stage
from dangvu.common.text import fold_words, text_problem
from dangvu.imports.columns import FIELDS, match_header, suggest_mapping
from dangvu.imports.files import read_limits
from dangvu.imports.legacy_encodings import to_unicode
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
    Problem,
    checked_fields,
    located,
)
from dangvu.imports.reading import (
    as_date_within,
    as_digits,
    as_gender,
    as_text,
    find_header,
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


class _Reader:
    """One pass over a file: its rows checked in chunks, with the file's problems and
    counts gathered in `result`, and the good rows kept in STAGE if one is given."""

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
    ) -> None:
        sheet, rows = open_rows(path, limits=read_limits())
        header_row, self.headers, self.data = find_header(rows, known=match_header)
        self.expected = rows.total - header_row  # data rows, as far as the sheet tells
        mapping = mapping or remembered_mapping(org, self.headers) or suggest_mapping(self.headers)
        self.result = CheckResult(path.name, sheet, header_row, mapping, self.headers)
        self.user, self.today, self.stage = user, today, stage
        self.located = located(mapping, self.headers)
        self.seen: dict[tuple[str, str], int] = {}
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
        elif org is not None and not org_in_scope(
            user, Resource.MEMBER, Action.CHANGE, org.pk, today
        ):
            message = f"Tổ chức {org.code} nằm ngoài phạm vi của bạn."
            self.result.problems.append(Problem(0, "", "", "", message))
        else:
            self.cells = _cells(user, today, org)

    def check(self, progress: Progress | None = None) -> None:
        """Check every row; with a stage, keep the good ones there until a problem turns up
        (then nothing will be written, so nothing more is kept)."""
        if self.result.problems:  # a column is missing
            return
        id_columns = [i for i, f in self.result.mapping.items() if f == "national_id"]
        card_columns = [i for i, f in self.result.mapping.items() if f == "party_card_number"]
        for chunk in _chunks(self.data, self.CHUNK, set(self.result.mapping)):
            existing, changeable = self._existing(_digits_in(chunk, id_columns))
            holders = dict(
                Member.objects.filter(party_card_number__in=_digits_in(chunk, card_columns))
                .exclude(party_card_number="")
                .values_list("party_card_number", "pk")
            )
            staged: list[dict[str, Any]] = []
            for row, values in chunk:
                self.result.rows_total += 1
                self._check_row(staged, row, values, existing, changeable, holders)
            if self.stage is not None and not self.result.problems:
                self.stage.append(staged)
            if progress:
                progress(self.result.rows_total, max(self.expected, self.result.rows_total))

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
        column, header = self.located.get(name, ("", ""))
        self.result.problems.append(Problem(row, column, header, str(value or ""), message))

    def _check_row(
        self,
        staged: list[dict[str, Any]],
        row: int,
        values: list[object],
        existing: dict[str | None, Member],
        changeable: set[int],
        holders: dict[str, int],
    ) -> None:
        result = self.result
        record: dict[str, Any] = {}
        before = result.problems.total  # counted, not listed: the list stops at its limit
        for index, name in result.mapping.items():
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
        national_id = record.get("national_id")
        self._unique(row, "national_id", national_id, "Trùng số CCCD với dòng {}.")
        current = existing.get(national_id)
        card = record.get("party_card_number")
        self._unique(row, "party_card_number", card, "Trùng số thẻ đảng viên với dòng {}.")
        if card and holders.get(card, getattr(current, "pk", None)) != getattr(current, "pk", None):
            self._problem(row, "party_card_number", card, "Số thẻ này đã được cấp cho người khác.")
        code = (record.pop("cell", "") or self.default_cell or "").upper()
        if code and code not in self.cells:
            self._problem(row, "cell", code, "Không có chi bộ mã này trong phạm vi của bạn.")
        if current is not None and current.pk not in changeable:
            message = "Số CCCD này là của một đảng viên ngoài phạm vi của bạn."
            self._problem(row, "national_id", national_id, message)
        if result.problems.total > before:
            return
        if current is not None:
            changes = {
                k: v
                for k, v in record.items()
                if k in UPDATABLE and v not in ("", None) and getattr(current, k) != v
            }
            if changes:
                result.to_update += 1
                staged.append(changed_row(row, current, changes))
            else:
                result.skipped += 1
                if self.stage is not None:
                    staged.append(skipped_row(row, current))
            return
        record = {k: v for k, v in record.items() if v is not None}
        for name, messages in member_problems(record, self.today).items():
            for message in messages:
                self._problem(row, name, record.get(name), message)
        if result.problems.total == before:
            cell_id, cell_start = self.cells[code]
            joined = max(record["admission_date"], cell_start)
            if self.stage is not None:
                staged.append(new_row(row, record, cell_id, joined))
            result.to_create += 1

    def _unique(self, row: int, name: str, value: str | None, message: str) -> None:
        """VALUE of column NAME must not repeat an earlier row's."""
        if not value:
            return
        first = self.seen.setdefault((name, value), row)
        if first != row:
            self._problem(row, name, value, message.format(first))


def _digits_in(chunk: list[tuple[int, list[object]]], columns: list[int]) -> list[str]:
    return [as_digits(values[i]) for _row, values in chunk for i in columns if i < len(values)]


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
) -> CheckResult:
    """The dry run: read PATH and check every row, writing nothing to the registry. With
    BATCH, the good rows are staged for its commit (when there is no problem) and the
    result is recorded on it. Raises UnreadableFile when the file cannot be read."""
    stage = member_stage(batch.pk) if batch is not None else None
    reader = _Reader(path=path, user=user, today=today, org=org, mapping=mapping, stage=stage)
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


def _chunks(
    rows: Iterator[tuple[int, list[object]]], size: int, columns: set[int]
) -> Iterator[list[tuple[int, list[object]]]]:
    """ROWS by SIZE, keeping only the mapped COLUMNS (the others are blanked): a chunk of a
    wide sheet holds what the check reads, not every cell."""
    chunk: list[tuple[int, list[object]]] = []
    for row, values in rows:
        chunk.append((row, [v if i in columns else "" for i, v in enumerate(values)]))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
