"""Reading and planning an organization list: every row parsed and checked on its own,
then against the tree (scope, parents, kinds, cycles), and put parents first."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from dangvu.common.dates import Fact
from dangvu.common.text import fold_words, nfc, text_problem
from dangvu.imports.columns import ORG_FIELDS, ORG_HEADERS
from dangvu.imports.files import read_limits
from dangvu.imports.legacy_encodings import to_unicode
from dangvu.imports.problems import CheckResult, LocatedRow, Problem, column_letter
from dangvu.imports.reading import as_date_within, as_text, find_header, open_rows
from dangvu.organizations import rules
from dangvu.organizations.access import User, org_filter, user_scope
from dangvu.organizations.models import (
    AdmissionAuthority,
    OrgEvent,
    OrgKind,
    OrgUnit,
    OrgVersion,
    Sector,
)
from dangvu.organizations.roles import Action, Resource

CODE_MAX, NAME_MAX = 32, 255
# The columns a decision's number is kept in (OrgEvent.decision, AdmissionAuthority's).
DECISION_MAX = min(
    OrgEvent._meta.get_field("decision").max_length or 0,
    AdmissionAuthority._meta.get_field("decision_number").max_length or 0,
)
CREATE, RENAME, MOVE, RECLASSIFY = "create", "rename", "move", "reclassify"
AUTHORISE = "authorise"  # the upper committee's authorisation to admit members


@dataclass
class OrgRow(LocatedRow):
    """One checked row of the file: its values and where each came from."""

    values: dict[str, Any] = field(default_factory=dict)
    operations: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return str(self.values.get("code") or "")

    @property
    def parent_code(self) -> str:
        return str(self.values.get("parent") or "")


def _labels(choices: type[OrgKind] | type[Sector]) -> dict[str, str]:
    """Folded Vietnamese label (and folded code) → code, whatever language is active."""
    with translation.override("vi"):
        table = {fold_words(str(label)): code for code, label in choices.choices}
    return table | {fold_words(code): code for code in choices.values}


def prepare_rows(
    *, path: Path, user: User, today: dt.date, mapping: dict[int, str] | None
) -> tuple[CheckResult, list[OrgRow]]:
    """Read PATH and check each row, then the rows against the tree. Returns the result and
    the rows that change something, parents before children (none if a column is missing)."""
    sheet, rows = open_rows(path, limits=read_limits())
    header_row, headers, data = find_header(
        rows, known=ORG_HEADERS.match, examples="Mã, Tên tổ chức, Loại"
    )
    mapping = mapping or ORG_HEADERS.suggest(headers)
    result = CheckResult(path.name, sheet, header_row, mapping, headers)
    missing = [n for n, spec in ORG_FIELDS.items() if spec.required and n not in mapping.values()]
    if missing:
        labels = ", ".join(ORG_FIELDS[name].label_vi for name in missing)
        message = _("Thiếu cột bắt buộc: %(columns)s.") % {"columns": labels}
        result.problems.append(Problem(header_row, "", "", "", message))
        return result, []
    parsed: list[OrgRow] = []
    broken: set[str] = set()
    seen: dict[str, int] = {}
    for row, values in data:
        result.rows_total += 1
        org_row = _parse(result, row, values, headers, today)
        problems = _row_problems(org_row, seen, today)
        if problems:
            result.problems.extend(problems)
            broken.add(org_row.code)
        else:
            parsed.append(org_row)
    planned = _plan(result, parsed, broken, user, today)
    result.to_create = sum(1 for org_row in planned if CREATE in org_row.operations)
    result.to_update = len(planned) - result.to_create
    return result, planned


_KINDS = _labels(OrgKind)
_SECTORS = _labels(Sector)


def _parse(
    result: CheckResult, row: int, values: list[object], headers: list[str], today: dt.date
) -> OrgRow:
    org_row = OrgRow(row=row, values={}, raw={}, located={})
    for index, name in result.mapping.items():
        raw = values[index] if index < len(values) else None
        org_row.raw[name] = as_text(raw)
        org_row.located[name] = (column_letter(index), headers[index])
        if ORG_FIELDS[name].kind == "date":
            try:
                label = ORG_FIELDS[name].label_vi
                org_row.values[name] = as_date_within(raw, Fact.STRUCTURE_CHANGE, label, today)
            except ValueError as error:
                org_row.values[name] = error
            continue
        text, _encoding = to_unicode(as_text(raw))
        if name in ("code", "parent"):
            text = text.upper()
        elif name == "kind" and text:
            text = _KINDS.get(fold_words(text), ValueError(text))  # type: ignore[arg-type]
        elif name == "sector" and text:
            text = _SECTORS.get(fold_words(text), ValueError(text))  # type: ignore[arg-type]
        org_row.values[name] = text
    return org_row


def _row_problems(org_row: OrgRow, seen: dict[str, int], today: dt.date) -> list[Problem]:
    """What is wrong with the row on its own (before looking at the tree)."""
    problems = []
    values = org_row.values
    for name, value in values.items():
        if isinstance(value, ValueError) and ORG_FIELDS[name].kind == "date":
            problems.append(org_row.problem(name, str(value)))
        elif isinstance(value, str) and (hidden := text_problem(value, ORG_FIELDS[name].label_vi)):
            problems.append(org_row.problem(name, hidden))
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
    for name, limit in (("code", CODE_MAX), ("name", NAME_MAX), ("decision", DECISION_MAX),
                        ("authority_decision", DECISION_MAX)):  # fmt: skip
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
    return problems + _authority_problems(org_row)


def _authority_problems(org_row: OrgRow) -> list[Problem]:
    """The authorisation to admit is a decision and its date, both or neither, and only
    a đảng bộ cơ sở's đảng ủy is authorised."""
    values = org_row.values
    given = {name for name in ("authority_decision", "authority_date") if values.get(name)}
    if not given:
        return []
    if len(given) == 1:
        missing = ({"authority_decision", "authority_date"} - given).pop()
        message = _("Ghi cả số và ngày quyết định ủy quyền kết nạp đảng viên.")
        return [org_row.problem(missing, message, "")]
    if values.get("kind") not in (OrgKind.GRASSROOTS_COMMITTEE, None, ""):
        message = _("Chỉ đảng ủy cơ sở (của một đảng bộ cơ sở) được ủy quyền kết nạp đảng viên.")
        return [org_row.problem("authority_decision", message)]
    return []


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
    result: CheckResult, parsed: list[OrgRow], broken: set[str], user: User, today: dt.date
) -> list[OrgRow]:
    """Decide what each row does, check scope, kinds, parents and cycles, and return the
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

    authorities = _authorities(set(by_code))
    rejected: set[str] = set()
    for org_row in parsed:
        if org_row.parent_code in broken:
            rejected.add(org_row.code)  # checked again once its parent's row is right
            continue
        problems = _row_plan(org_row, existing, by_code, broken, parent_of, changeable)
        if not problems:
            problems = _authority_plan(org_row, authorities.get(org_row.code, {}))
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
    return _parents_first([r for r in parsed if r.operations and r.code not in rejected], parent_of)


def _authorities(codes: set[str]) -> dict[str, dict[dt.date, str]]:
    """The authorisations to admit recorded for these organizations: by code, the
    decision's number by its date."""
    found: dict[str, dict[dt.date, str]] = {}
    for code, on, number in AdmissionAuthority.objects.filter(org__code__in=codes).values_list(
        "org__code", "valid_from", "decision_number"
    ):
        found.setdefault(code, {})[on] = number
    return found


def _authority_plan(org_row: OrgRow, recorded: dict[dt.date, str]) -> list[Problem]:
    """Add AUTHORISE to the row's operations unless its authorisation is recorded already
    (a file exported and imported again changes nothing); a different decision of the
    same date is refused: the import never rewrites one."""
    decision, on = org_row.values.get("authority_decision"), org_row.values.get("authority_date")
    if not isinstance(decision, str) or not decision or not isinstance(on, dt.date):
        return []
    decision = nfc(decision.strip())
    if on not in recorded:
        org_row.operations.append(AUTHORISE)
        return []
    if recorded[on] == decision:
        return []
    message = _(
        "Đã có ủy quyền kết nạp theo quyết định %(number)s từ ngày %(date)s; nhập tệp không "
        "sửa quyết định ủy quyền."
    ) % {"number": recorded[on], "date": f"{on:%d/%m/%Y}"}
    return [org_row.problem("authority_decision", message)]


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
