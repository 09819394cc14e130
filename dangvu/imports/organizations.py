"""Importing the organization list from a spreadsheet: check every row, commit all or
nothing through the tree's own services, and undo a committed import.

The reading layer is the member import's (`reading.py`, TCVN3/VNI names, `Problem`). Rows
match existing organizations by code: identical ones are skipped; a different name is a
rename (`org_rename`), a different parent a move (`org_move`), a different kind a
reclassification (`org_reclassify`), each dated on the row's "Ngày hiệu lực" or today. A
new code is created (`org_create`) on its founding date, parents before children whatever
the order of the file.

The check rehearses the services themselves in a transaction that is always rolled back,
so the check and the commit cannot disagree about the tree's rules.
"""

import datetime as dt
import functools
import operator
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dangvu.accounts.roles import Action, Resource
from dangvu.common.access import User, org_filter, user_scope
from dangvu.common.audit import audit_record
from dangvu.common.models import AuditEntry
from dangvu.imports.columns import ORG_FIELDS, ORG_HEADERS, fold
from dangvu.imports.legacy_encodings import to_unicode
from dangvu.imports.members import Problem, UndoRefused, column_letter, uploaded_file
from dangvu.imports.models import ImportBatch, OrgImportChange
from dangvu.imports.reading import UnreadableFile, as_date, as_text, find_header, open_rows
from dangvu.members.models import Membership
from dangvu.organizations import rules
from dangvu.organizations.models import OrgEvent, OrgKind, OrgUnit, OrgVersion, Sector
from dangvu.organizations.services import org_create, org_move, org_reclassify, org_rename

__all__ = [
    "OrgCheckResult",
    "OrgImportRefused",
    "check_organizations",
    "commit_organizations",
    "undo_organization_import",
]

CODE_MAX, NAME_MAX = 32, 255
CREATE, RENAME, MOVE, RECLASSIFY = "create", "rename", "move", "reclassify"
# The column a refusal of each service is shown in.
_OPERATION_COLUMN = {CREATE: "parent", RENAME: "name", MOVE: "parent", RECLASSIFY: "kind"}


@dataclass
class OrgRow:
    """One checked row of the file: its values and where each came from."""

    row: int
    values: dict[str, Any]
    raw: dict[str, str]
    located: dict[str, tuple[str, str]]
    operations: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return str(self.values.get("code") or "")

    @property
    def parent_code(self) -> str:
        return str(self.values.get("parent") or "")

    def problem(self, name: str, message: str, value: str | None = None) -> Problem:
        column, header = self.located.get(name, ("", ""))
        shown = self.raw.get(name, "") if value is None else value
        return Problem(self.row, column, header, shown, message)


@dataclass
class OrgCheckResult:
    file_name: str
    sheet: str
    header_row: int
    mapping: dict[int, str]
    headers: list[str]
    rows_total: int = 0
    # Rows that change something, parents before children.
    planned: list[OrgRow] = field(default_factory=list)
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def to_create(self) -> int:
        return sum(1 for row in self.planned if CREATE in row.operations)

    @property
    def to_update(self) -> int:
        return len(self.planned) - self.to_create


class OrgImportRefused(Exception):
    def __init__(self, result: OrgCheckResult) -> None:
        super().__init__(f"{len(result.problems)} lỗi")
        self.result = result


def _labels(choices: type[OrgKind] | type[Sector]) -> dict[str, str]:
    """Folded Vietnamese label (and folded code) → code, whatever language is active."""
    with translation.override("vi"):
        table = {fold(str(label)): code for code, label in choices.choices}
    return table | {fold(code): code for code in choices.values}


# --- reading ------------------------------------------------------------------------------


def check_organizations(
    *, path: Path, user: User, today: dt.date, mapping: dict[int, str] | None = None
) -> OrgCheckResult:
    """Read PATH and check every row, rehearsing the changes without keeping them. Raises
    UnreadableFile when the file cannot be read."""
    result = _prepare(path=path, user=user, today=today, mapping=mapping)
    if result.planned:
        with transaction.atomic():
            result.problems.extend(_apply(result.planned, actor=user, today=today))
            transaction.set_rollback(True)
    result.problems.sort(key=lambda problem: problem.row)
    return result


def _prepare(
    *, path: Path, user: User, today: dt.date, mapping: dict[int, str] | None
) -> OrgCheckResult:
    sheet, rows = open_rows(path)
    header_row, headers, data = find_header(
        rows, known=ORG_HEADERS.match, examples="Mã, Tên tổ chức, Loại"
    )
    mapping = mapping or ORG_HEADERS.suggest(headers)
    result = OrgCheckResult(path.name, sheet, header_row, mapping, headers)
    missing = [n for n, spec in ORG_FIELDS.items() if spec.required and n not in mapping.values()]
    if missing:
        labels = ", ".join(ORG_FIELDS[name].label_vi for name in missing)
        message = _("Thiếu cột bắt buộc: %(columns)s.") % {"columns": labels}
        result.problems.append(Problem(header_row, "", "", "", message))
        return result
    parsed: list[OrgRow] = []
    broken: set[str] = set()
    seen: dict[str, int] = {}
    for row, values in data:
        result.rows_total += 1
        org_row = _parse(result, row, values, headers)
        problems = _row_problems(org_row, seen, today)
        if problems:
            result.problems.extend(problems)
            broken.add(org_row.code)
        else:
            parsed.append(org_row)
    _plan(result, parsed, broken, user, today)
    return result


_KINDS = _labels(OrgKind)
_SECTORS = _labels(Sector)


def _parse(result: OrgCheckResult, row: int, values: list[object], headers: list[str]) -> OrgRow:
    org_row = OrgRow(row=row, values={}, raw={}, located={})
    for index, name in result.mapping.items():
        raw = values[index] if index < len(values) else None
        org_row.raw[name] = as_text(raw)
        org_row.located[name] = (column_letter(index), headers[index])
        if ORG_FIELDS[name].kind == "date":
            try:
                org_row.values[name] = as_date(raw)
            except ValueError as error:
                org_row.values[name] = error
            continue
        text, _encoding = to_unicode(as_text(raw))
        if name in ("code", "parent"):
            text = text.upper()
        elif name == "kind" and text:
            text = _KINDS.get(fold(text), ValueError(text))  # type: ignore[arg-type]
        elif name == "sector" and text:
            text = _SECTORS.get(fold(text), ValueError(text))  # type: ignore[arg-type]
        org_row.values[name] = text
    return org_row


def _row_problems(org_row: OrgRow, seen: dict[str, int], today: dt.date) -> list[Problem]:
    """What is wrong with the row on its own (before looking at the tree)."""
    problems = []
    values = org_row.values
    for name, value in values.items():
        if isinstance(value, ValueError) and ORG_FIELDS[name].kind == "date":
            problems.append(org_row.problem(name, str(value)))
    if isinstance(values.get("kind"), ValueError):
        with translation.override("vi"):
            known = ", ".join(str(label) for label in OrgKind.labels)
        message = _("Không có loại tổ chức này; dùng một trong: %(kinds)s.") % {"kinds": known}
        problems.append(org_row.problem("kind", message))
    if isinstance(values.get("sector"), ValueError):
        problems.append(org_row.problem("sector", _("Không có lĩnh vực này trong danh mục.")))
    for name, spec in ORG_FIELDS.items():
        if spec.required and values.get(name) in (None, ""):
            problems.append(org_row.problem(name, _("Ô bắt buộc đang để trống."), ""))
    for name, limit in (("code", CODE_MAX), ("name", NAME_MAX)):
        if len(str(values.get(name) or "")) > limit:
            message = _("Dài quá %(limit)s ký tự.") % {"limit": limit}
            problems.append(org_row.problem(name, message))
    founded = values.get("established_date")
    if isinstance(founded, dt.date) and founded > today:
        problems.append(org_row.problem("established_date", _("Ngày thành lập ở tương lai.")))
    code = org_row.code
    if code and code in seen:
        message = _("Trùng mã với dòng %(row)s.") % {"row": seen[code]}
        problems.append(org_row.problem("code", message))
    elif code:
        seen[code] = org_row.row
    if code and code == org_row.parent_code:
        problems.append(org_row.problem("parent", _("Tổ chức không thể trực thuộc chính nó.")))
    return problems


# --- planning -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Current:
    """An existing organization as the import compares it: its open period."""

    org: OrgUnit
    name: str
    kind: str
    parent_code: str
    path: str


def _existing(codes: set[str]) -> dict[str, _Current]:
    orgs = {org.pk: org for org in OrgUnit.objects.filter(code__in=codes)}
    versions = list(OrgVersion.objects.filter(org_id__in=orgs, valid_to__isnull=True))
    parent_codes = dict(
        OrgUnit.objects.filter(pk__in={v.parent_id for v in versions if v.parent_id})
        .values_list("pk", "code")
        .order_by()
    )
    current = {
        orgs[v.org_id].code: _Current(
            orgs[v.org_id], v.name, v.kind, parent_codes.get(v.parent_id or 0, ""), v.path
        )
        for v in versions
    }
    gone = {org.code: _Current(org, "", "", "", "") for org in orgs.values()}
    return gone | current


def _changeable(user: User, today: dt.date) -> set[int] | None:
    """Ids of the organizations USER may change today; None for every organization."""
    if user_scope(user, Resource.ORG, Action.CHANGE).everything:
        return None
    scope = org_filter(user, today, resource=Resource.ORG, action=Action.CHANGE)
    return set(OrgVersion.objects.as_of(today).filter(scope).values_list("org_id", flat=True))


def _plan(
    result: OrgCheckResult, parsed: list[OrgRow], broken: set[str], user: User, today: dt.date
) -> None:
    """Decide what each row does, check scope, kinds, parents and cycles, and put the
    changing rows in an order where parents come first."""
    by_code = {org_row.code: org_row for org_row in parsed}
    existing = _existing(set(by_code) | {r.parent_code for r in parsed if r.parent_code})
    changeable = _changeable(user, today)
    parent_mapped = "parent" in result.mapping.values()

    def parent_of(code: str) -> str:
        if code in by_code and parent_mapped:
            return by_code[code].parent_code
        return existing[code].parent_code if code in existing else ""

    def kind_of(code: str) -> str:
        return by_code[code].values["kind"] if code in by_code else existing[code].kind

    rejected: set[str] = set()
    for org_row in parsed:
        if org_row.parent_code in broken:
            rejected.add(org_row.code)  # checked again once its parent's row is right
            continue
        problems = _row_plan(org_row, existing, by_code, broken, parent_of, changeable)
        if (
            not problems
            and org_row.operations
            and {CREATE, MOVE, RECLASSIFY} & set(org_row.operations)
        ):
            parent = parent_of(org_row.code)
            parent_kind = kind_of(parent) if parent else None
            if not rules.parent_allowed(org_row.values["kind"], parent_kind):
                message = _("%(kind)s không thể trực thuộc %(parent)s.") % {
                    "kind": OrgKind(org_row.values["kind"]).label,
                    "parent": OrgKind(parent_kind).label if parent_kind else _("cấp tỉnh"),
                }
                problems.append(org_row.problem("kind", message))
        if problems:
            result.problems.extend(problems)
            rejected.add(org_row.code)
        elif not org_row.operations:
            result.skipped += 1
    result.planned = _parents_first(
        [r for r in parsed if r.operations and r.code not in rejected], parent_of
    )


def _row_plan(
    org_row: OrgRow,
    existing: dict[str, _Current],
    by_code: dict[str, OrgRow],
    broken: set[str],
    parent_of: Callable[[str], str],
    changeable: set[int] | None,
) -> list[Problem]:
    values, code, parent = org_row.values, org_row.code, org_row.parent_code
    if parent and parent not in by_code:
        if parent not in existing:
            message = _("Không có tổ chức mã này, trong hệ thống hay trong tệp.")
            return [org_row.problem("parent", message)]
        if not existing[parent].path:
            return [org_row.problem("parent", _("Tổ chức cấp trên này đã giải thể."))]
    cycle = _cycle(code, parent_of)
    if cycle:
        message = _("Vòng lặp trực thuộc: %(chain)s.") % {"chain": " → ".join(cycle)}
        return [org_row.problem("parent", message)]
    current = existing.get(code)
    if current is None:
        org_row.operations = [CREATE]
        if not values.get("sector") and not parent:
            return [org_row.problem("sector", _("Tổ chức mới cần ghi lĩnh vực."), "")]
        if parent in existing and not _may_change(changeable, existing[parent].org):
            return [org_row.problem("parent", _("Tổ chức cấp trên nằm ngoài phạm vi của bạn."))]
        if not parent and changeable is not None:
            message = _("Chỉ quản trị hệ thống tạo được tổ chức cấp cao nhất.")
            return [org_row.problem("parent", message)]
        return []
    return _changes(org_row, current, existing, parent_of, changeable)


def _changes(
    org_row: OrgRow,
    current: _Current,
    existing: dict[str, _Current],
    parent_of: Callable[[str], str],
    changeable: set[int] | None,
) -> list[Problem]:
    values = org_row.values
    if not current.path:
        return [org_row.problem("code", _("Mã này là của một tổ chức đã giải thể."))]
    problems = []
    if values["established_date"] != current.org.established_date:
        message = _(
            "Khác ngày thành lập trong hệ thống (%(date)s); nhập tệp không sửa ngày thành lập."
        ) % {"date": f"{current.org.established_date:%d/%m/%Y}"}
        problems.append(org_row.problem("established_date", message))
    if values.get("sector") and values["sector"] != current.org.sector:
        with translation.override("vi"):
            label = str(Sector(current.org.sector).label)
        message = _("Khác lĩnh vực trong hệ thống (%(sector)s); nhập tệp không sửa lĩnh vực.") % {
            "sector": label
        }
        problems.append(org_row.problem("sector", message))
    operations = []
    if values["name"] != current.name:
        operations.append(RENAME)
    if parent_of(org_row.code) != current.parent_code:
        operations.append(MOVE)
    if values["kind"] != current.kind:
        operations.append(RECLASSIFY)
    if MOVE in operations and RECLASSIFY in operations:
        message = _(
            "Vừa đổi loại vừa chuyển trực thuộc: hãy dùng chức năng thay đổi tổ chức trên "
            "trang tổ chức."
        )
        problems.append(org_row.problem("kind", message))
    if operations and not _may_change(changeable, current.org):
        problems.append(org_row.problem("code", _("Tổ chức này nằm ngoài phạm vi của bạn.")))
    new_parent = parent_of(org_row.code)
    outside = new_parent in existing and not _may_change(changeable, existing[new_parent].org)
    if MOVE in operations and outside:
        message = _("Tổ chức cấp trên nằm ngoài phạm vi của bạn.")
        problems.append(org_row.problem("parent", message))
    org_row.operations = operations
    return problems


def _may_change(changeable: set[int] | None, org: OrgUnit) -> bool:
    return changeable is None or org.pk in changeable


def _cycle(code: str, parent_of: Callable[[str], str]) -> list[str]:
    """The chain CODE → … → CODE if following parents comes back to CODE, else []."""
    chain, seen = [code], {code}
    parent = parent_of(code)
    while parent:
        chain.append(parent)
        if parent == code:
            return chain
        if parent in seen:
            return []  # a cycle above CODE: reported on its own rows
        seen.add(parent)
        parent = parent_of(parent)
    return []


def _parents_first(rows: list[OrgRow], parent_of: Callable[[str], str]) -> list[OrgRow]:
    by_code = {org_row.code: org_row for org_row in rows}
    ordered: list[OrgRow] = []
    placed: set[str] = set()

    def place(org_row: OrgRow) -> None:
        if org_row.code in placed:
            return
        placed.add(org_row.code)
        parent = parent_of(org_row.code)
        if parent in by_code:
            place(by_code[parent])
        ordered.append(org_row)

    for org_row in rows:
        place(org_row)
    return ordered


# --- writing ------------------------------------------------------------------------------


def _apply(rows: list[OrgRow], *, actor: User, today: dt.date) -> list[Problem]:
    """Make the rows' changes through the services, each row in a savepoint so a refused
    row is reported and the others still tried. Returns the refusals."""
    codes = {org_row.code for org_row in rows} | {r.parent_code for r in rows if r.parent_code}
    units = {org.code: org for org in OrgUnit.objects.filter(code__in=codes)}
    failed: set[str] = set()
    problems = []
    for org_row in rows:
        if org_row.parent_code and org_row.parent_code not in units:
            failed.add(org_row.code)  # its parent's row has a problem, already reported
            continue
        operation = ""
        try:
            with transaction.atomic():
                for operation in org_row.operations:
                    _perform(operation, org_row, units, actor, today)
        except ValidationError as error:
            failed.add(org_row.code)
            problems.append(_refusal(org_row, operation, error))
    return problems


def _perform(
    operation: str, org_row: OrgRow, units: dict[str, OrgUnit], actor: User, today: dt.date
) -> None:
    values = org_row.values
    parent = units.get(org_row.parent_code) if org_row.parent_code else None
    on = values.get("effective_date") or today
    decision = str(values.get("decision") or "")
    if operation == CREATE:
        units[org_row.code] = org_create(
            actor=actor,
            code=org_row.code,
            name=values["name"],
            kind=values["kind"],
            sector=values.get("sector") or (parent.sector if parent else ""),
            parent=parent,
            established_date=values["established_date"],
            decision=decision,
        )
    elif operation == RENAME:
        org_rename(
            actor=actor,
            org=units[org_row.code],
            new_name=values["name"],
            effective_date=on,
            decision=decision,
        )
    elif operation == MOVE:
        assert parent is not None  # a top-level organization never moves (kind rule)
        org_move(
            actor=actor,
            org=units[org_row.code],
            new_parent=parent,
            effective_date=on,
            decision=decision,
        )
    else:
        org_reclassify(
            actor=actor,
            org=units[org_row.code],
            new_kind=values["kind"],
            effective_date=on,
            decision=decision,
        )


def _refusal(org_row: OrgRow, operation: str, error: ValidationError) -> Problem:
    fields = ["name" if key == "new_name" else key for key in getattr(error, "error_dict", {})]
    name = next((key for key in fields if key in ORG_FIELDS), _OPERATION_COLUMN[operation])
    if name == "parent" and not org_row.parent_code:
        name = "kind"
    message = " ".join(error.messages)
    if operation == RECLASSIFY:
        message += " " + _("Hãy dùng chức năng thay đổi tổ chức trên trang tổ chức.")
    return org_row.problem(name, message)


def _versions(org_ids: set[int]) -> dict[int, list[dict[str, Any]]]:
    """Every period of these organizations, as JSON, by organization."""
    periods: dict[int, list[dict[str, Any]]] = {}
    fields = (
        "id",
        "org_id",
        "valid_from",
        "valid_to",
        "name",
        "kind",
        "parent_id",
        "path",
        "depth",
    )
    for row in OrgVersion.objects.filter(org_id__in=org_ids).order_by("valid_from").values(*fields):
        row["valid_from"] = row["valid_from"].isoformat()
        row["valid_to"] = row["valid_to"].isoformat() if row["valid_to"] else None
        periods.setdefault(row["org_id"], []).append(row)
    return periods


def _affected(rows: list[OrgRow]) -> set[int]:
    """Existing organizations whose periods the rows may change: the changed ones, and
    everything under the ones that move."""
    units = dict(
        OrgUnit.objects.filter(code__in=[r.code for r in rows]).values_list("code", "pk").order_by()
    )
    ids = {units[r.code] for r in rows if r.code in units}
    moving = [units[r.code] for r in rows if MOVE in r.operations]
    if moving:
        under = functools.reduce(operator.or_, (Q(path__contains=f"/{pk}/") for pk in moving))
        ids |= set(OrgVersion.objects.filter(under).values_list("org_id", flat=True))
    return ids


def _common_org(rows: list[OrgRow]) -> OrgUnit | None:
    """The deepest existing organization holding every row's organization, its parent and
    any new parent, before the import: the batch shows in the audit log of those who see
    that subtree. None when a row is at the top of the tree."""
    by_code = {org_row.code: org_row for org_row in rows}
    codes = set(by_code) | {org_row.parent_code for org_row in rows}
    paths = dict(
        OrgVersion.objects.filter(valid_to__isnull=True, org__code__in=codes)
        .values_list("org__code", "path")
        .order_by()
    )
    anchors = []
    for code in [*by_code, *(r.parent_code for r in rows if MOVE in r.operations)]:
        seen: set[str] = set()
        while code not in paths and code in by_code and code not in seen:
            seen.add(code)
            code = by_code[code].parent_code
        if code not in paths:
            return None
        anchors.append(paths[code].strip("/").split("/"))
    common = []
    for ids in zip(*anchors, strict=False):
        if len(set(ids)) > 1:
            break
        common.append(ids[0])
    return OrgUnit.objects.get(pk=int(common[-1])) if common else None


@transaction.atomic
def commit_organizations(
    *,
    actor: User,
    path: Path,
    user: User,
    today: dt.date,
    mapping: dict[int, str] | None = None,
    batch: ImportBatch | None = None,
) -> ImportBatch:
    """Check PATH again and write it all, or nothing if any row has a problem; one audited
    batch whose rows are the services' own entries. BATCH is the upload's record when the
    import comes from the web page; the CLI gets a new one."""
    result = _prepare(path=path, user=user, today=today, mapping=mapping)
    if result.problems:
        raise OrgImportRefused(result)
    batch = batch or ImportBatch(created_by_id=getattr(actor, "pk", None))
    batch.kind = ImportBatch.Kind.ORG_IMPORT
    batch.file_name, batch.sheet, batch.header_row = (
        result.file_name,
        result.sheet,
        result.header_row,
    )
    batch.mapping = {str(k): v for k, v in result.mapping.items()}
    batch.rows_total, batch.to_create = result.rows_total, result.to_create
    batch.to_update, batch.skipped = result.to_update, result.skipped
    batch.state, batch.committed_at, batch.problems = (
        ImportBatch.State.COMMITTED,
        timezone.now(),
        [],
    )
    batch.save()
    entry = audit_record(
        actor=actor,
        action="imports.batch.committed",
        obj=batch,
        org=_common_org(result.planned),
        data={
            "file": result.file_name,
            "what": "organizations",
            "created": result.to_create,
            "updated": result.to_update,
            "skipped": result.skipped,
            "codes": [org_row.code for org_row in result.planned],
        },
    )
    affected = _affected(result.planned)
    before = _versions(affected)
    events_before = set(OrgEvent.objects.filter(org_id__in=affected).values_list("id", flat=True))
    problems = _apply(result.planned, actor=actor, today=today)
    if problems:
        result.problems = problems
        raise OrgImportRefused(result)
    touched = affected | set(
        OrgUnit.objects.filter(code__in=[r.code for r in result.planned]).values_list(
            "pk", flat=True
        )
    )
    AuditEntry.objects.filter(
        pk__gt=entry.pk,
        batch__isnull=True,
        object_type=OrgUnit._meta.label_lower,
        object_id__in=touched,
        action__startswith="organizations.org.",
    ).update(batch=entry)
    _keep_changes(batch, before, _versions(touched), events_before)
    batch.audit_batch = entry
    batch.save(update_fields=["audit_batch"])
    return batch


def _keep_changes(
    batch: ImportBatch,
    before: dict[int, list[dict[str, Any]]],
    after: dict[int, list[dict[str, Any]]],
    events_before: set[int],
) -> None:
    codes = dict(OrgUnit.objects.filter(pk__in=after).values_list("pk", "code").order_by())
    events: dict[int, list[int]] = {}
    for org_id, event_id in (
        OrgEvent.objects.filter(org_id__in=after)
        .exclude(id__in=events_before)
        .values_list("org_id", "id")
    ):
        events.setdefault(org_id, []).append(event_id)
    changes = []
    for org_id, periods in after.items():
        old = before.get(org_id, [])
        if old == periods:
            continue
        if not old:
            action = OrgImportChange.Action.CREATED
        elif {p["path"] for p in old} != {p["path"] for p in periods}:
            action = OrgImportChange.Action.MOVED
        else:
            action = OrgImportChange.Action.CHANGED
        changes.append(
            OrgImportChange(
                batch=batch,
                org_id=org_id,
                code=codes[org_id],
                action=action,
                versions_before=old,
                versions_after=periods,
                event_ids=sorted(events.get(org_id, [])),
            )
        )
    OrgImportChange.objects.bulk_create(changes)


# --- undo ---------------------------------------------------------------------------------


@transaction.atomic
def undo_organization_import(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Put the tree back as it was before BATCH: remove the organizations it created and
    restore the periods it changed, if nothing has happened to them since."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.kind != ImportBatch.Kind.ORG_IMPORT or batch.state != ImportBatch.State.COMMITTED:
        raise UndoRefused(_("Lần nhập này chưa được ghi hoặc đã hoàn tác."))
    changes = list(batch.org_changes.order_by("id"))
    ids = {change.org_id for change in changes}
    list(OrgVersion.objects.select_for_update().filter(org_id__in=ids).order_by("id"))
    _refuse_if_changed_since(changes)
    created = {c.org_id for c in changes if c.action == OrgImportChange.Action.CREATED}
    OrgVersion.objects.filter(org_id__in=ids).delete()
    OrgVersion.objects.bulk_create(
        OrgVersion(**_restored(period)) for change in changes for period in change.versions_before
    )
    OrgEvent.objects.filter(id__in=[e for change in changes for e in change.event_ids]).delete()
    try:
        OrgUnit.objects.filter(pk__in=created).delete()
    except ProtectedError as error:
        code = next(iter(c.code for c in changes if c.org_id in created))
        message = _(
            "Không thể hoàn tác: đã có dữ liệu khác gắn với tổ chức %(code)s mà lần nhập này "
            "tạo ra."
        )
        raise UndoRefused(message % {"code": code}) from error
    batch.state = ImportBatch.State.UNDONE
    batch.save(update_fields=["state"])
    audit_record(
        actor=actor,
        action="imports.batch.undone",
        obj=batch,
        data={"what": "organizations", "deleted": len(created), "restored": len(ids - created)},
    )
    return batch


def _refuse_if_changed_since(changes: list[OrgImportChange]) -> None:
    ids = {change.org_id for change in changes}
    by_id = {change.org_id: change for change in changes}
    current = _versions(ids)
    for change in changes:
        if current.get(change.org_id, []) != change.versions_after:
            raise UndoRefused(
                _("Không thể hoàn tác: tổ chức %(code)s đã thay đổi sau lần nhập này.")
                % {"code": change.code}
            )
    batch_events = [e for change in changes for e in change.event_ids]
    later = (
        OrgEvent.objects.filter(org_id__in=ids, id__gt=min(batch_events, default=0))
        .exclude(id__in=batch_events)
        .order_by("id")
        .first()
    )
    if later is not None:
        raise UndoRefused(
            _("Không thể hoàn tác: tổ chức %(code)s có thay đổi sau lần nhập này.")
            % {"code": by_id[later.org_id].code}
        )
    structural = [c.org_id for c in changes if c.action != OrgImportChange.Action.CHANGED]
    child = (
        OrgVersion.objects.filter(parent_id__in=structural)
        .exclude(org_id__in=ids)
        .select_related("org")
        .first()
    )
    if child is not None:
        raise UndoRefused(
            _("Không thể hoàn tác: %(child)s đã được đặt trực thuộc %(code)s sau lần nhập này.")
            % {"child": child.org.code, "code": by_id[child.parent_id or 0].code}
        )
    created = [c.org_id for c in changes if c.action == OrgImportChange.Action.CREATED]
    placed = Membership.objects.filter(org_id__in=created).order_by("id").first()
    if placed is not None:
        raise UndoRefused(
            _(
                "Không thể hoàn tác: đã có đảng viên sinh hoạt ở tổ chức %(code)s mà lần nhập "
                "này tạo ra."
            )
            % {"code": by_id[placed.org_id].code}
        )


def _restored(period: dict[str, Any]) -> dict[str, Any]:
    return period | {
        "valid_from": dt.date.fromisoformat(period["valid_from"]),
        "valid_to": dt.date.fromisoformat(period["valid_to"]) if period["valid_to"] else None,
    }


# --- the web page's steps -----------------------------------------------------------------


def _stored(problems: list[Problem]) -> list[dict[str, Any]]:
    return [asdict(problem) | {"text": str(problem)} for problem in problems]


def org_batch_check(batch_id: int, *, user: User, today: dt.date) -> ImportBatch:
    """Check an uploaded organization list and keep the results on its batch (the web page
    runs this in the request: a committee's list is a few hundred rows)."""
    batch = ImportBatch.objects.get(pk=batch_id, kind=ImportBatch.Kind.ORG_IMPORT)
    with uploaded_file(batch) as path:
        try:
            result = check_organizations(path=path, user=user, today=today)
        except UnreadableFile as error:
            result = OrgCheckResult(batch.file_name, "", 0, {}, [])
            result.problems.append(Problem(0, "", "", "", str(error)))
    ImportBatch.objects.filter(pk=batch_id).update(
        state=ImportBatch.State.CHECKED,
        sheet=result.sheet,
        header_row=result.header_row,
        mapping={str(k): v for k, v in result.mapping.items()},
        rows_total=result.rows_total,
        rows_done=result.rows_total,
        to_create=result.to_create,
        to_update=result.to_update,
        skipped=result.skipped,
        problems=_stored(result.problems),
    )
    batch.refresh_from_db()
    return batch


def org_batch_commit(batch_id: int, *, user: User, today: dt.date) -> ImportBatch:
    """Write a checked upload. If the data no longer passes, nothing is written and the
    batch stays CHECKED with its problems."""
    batch = ImportBatch.objects.get(pk=batch_id, kind=ImportBatch.Kind.ORG_IMPORT)
    with uploaded_file(batch) as path:
        try:
            commit_organizations(actor=user, path=path, user=user, today=today, batch=batch)
        except (OrgImportRefused, UnreadableFile) as refused:
            problems = (
                refused.result.problems
                if isinstance(refused, OrgImportRefused)
                else [Problem(0, "", "", "", str(refused))]
            )
            ImportBatch.objects.filter(pk=batch_id).update(
                state=ImportBatch.State.CHECKED, problems=_stored(problems)
            )
    batch.refresh_from_db()
    return batch
