"""Reading a collection sheet: every row parsed and checked on its own, then matched to a
member the user may change in the month (within --org), and its amount checked against
what the month's rule set makes that member owe. Writing is `write.py`'s business."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Q
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.dates import Fact
from dangvu.common.numbers import grouped
from dangvu.dues.models import DuesPayment
from dangvu.dues.obligations import Obligations, next_month
from dangvu.dues.rules import Basis
from dangvu.imports.dues.fields import DUES_FIELDS, DUES_HEADERS, as_category, as_money
from dangvu.imports.files import read_limits
from dangvu.imports.problems import CheckResult, LocatedRow, Problem, column_letter
from dangvu.imports.reading import as_date_within, as_digits, as_text, find_header, open_rows
from dangvu.organizations.access import User, membership_filter
from dangvu.organizations.models import Membership, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action

NATIONAL_ID_DIGITS = 12


@dataclass
class DuesRow(LocatedRow):
    """One row of the sheet once read: the member it names and their cell in the month,
    the basis it sets (BASIS, when it differs from the recorded one), what it pays and
    when."""

    national_id: str = ""
    full_name: str = ""
    category: str = ""
    income: int | None = None
    amount: int | None = None
    paid_on: dt.date | None = None
    member_id: int = 0
    cell_id: int = 0
    basis: Basis | None = None


def read_dues(
    *, path: Path, user: User, month: dt.date, org: OrgUnit | None
) -> tuple[CheckResult, list[DuesRow]]:
    """Read PATH, the collection of MONTH, as USER within ORG: the result with every
    problem located, and the rows."""
    sheet, rows = open_rows(path, limits=read_limits())
    header_row, headers, data = find_header(
        rows, known=DUES_HEADERS.match, examples="Số CCCD, Số tiền nộp, Ngày nộp"
    )
    mapping = DUES_HEADERS.suggest(headers)
    result = CheckResult(path.name, sheet, header_row, mapping, headers)
    missing = [
        spec.label_vi
        for name, spec in DUES_FIELDS.items()
        if spec.required and name not in mapping.values()
    ]
    if missing:
        message = _("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)}
        result.problems.append(Problem(header_row, "", "", "", message))
        return result, []
    today = clock.today()
    labels = _Labels()
    parsed = []
    for row, values in data:
        result.rows_total += 1
        dues_row = DuesRow(row=row, raw={}, located={})
        result.problems.extend(_parse(dues_row, values, mapping, headers, today, labels))
        parsed.append(dues_row)
    result.problems.extend(_match(parsed, user, month, org))
    result.problems.sort(key=lambda problem: problem.row)  # the file's order
    return result, parsed


class _Labels:
    """The messages every row may need, translated once per file: looked up for each of
    100,000 rows, the catalogue took half of the reading's time."""

    def __init__(self) -> None:
        self.paid_on = _("Ngày nộp")
        self.required = (
            ("national_id", _("Ghi số CCCD.")),
            ("amount", _("Ghi số tiền nộp.")),
            ("paid_on", _("Ghi ngày nộp.")),
        )


def _parse(
    row: DuesRow,
    values: list[object],
    mapping: dict[int, str],
    headers: list[str],
    today: dt.date,
    labels: _Labels,
) -> list[Problem]:
    problems = []
    for index, name in mapping.items():
        cell = values[index] if index < len(values) else None
        row.raw[name] = as_text(cell)
        row.located[name] = (column_letter(index), headers[index])
        try:
            if name == "national_id":
                row.national_id = as_digits(cell)
            elif name == "full_name":
                row.full_name = as_text(cell)
            elif name == "category":
                row.category = as_category(cell)
            elif name == "income":
                row.income = as_money(cell)
            elif name == "amount":
                row.amount = as_money(cell)
            elif name == "paid_on":
                row.paid_on = as_date_within(cell, Fact.EVENT, labels.paid_on, today)
        except ValueError as error:
            problems.append(row.problem(name, str(error)))
    for name, label in labels.required:
        if not row.raw.get(name):
            problems.append(row.problem(name, label))
    if row.amount == 0:
        problems.append(row.problem("amount", _("Số tiền nộp phải lớn hơn 0.")))
    return problems


def _match(rows: list[DuesRow], user: User, month: dt.date, org: OrgUnit | None) -> list[Problem]:
    """Each row's member among those USER may change in MONTH (in ORG's subtree), and its
    basis and amount against the month's rule set."""
    memberships = (
        Membership.objects.filter(valid_from__lt=next_month(month))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=month))
        .filter(membership_filter(user, month, action=Action.CHANGE))
    )
    if org is not None:
        version = OrgVersion.objects.as_of(month).filter(org=org).first()
        path = version.path if version else "/-/"
        memberships = memberships.filter(
            org_id__in=OrgVersion.objects.as_of(month)
            .filter(path__startswith=path)
            .values("org_id")
        )
    # Everyone in reach, not an IN list of the file's numbers: a sheet of 100,000 rows would
    # pass SQLite's limit on a query's parameters.
    found = {
        national_id: (member_id, cell_id)
        for national_id, member_id, cell_id in memberships.order_by("valid_from").values_list(
            "member__national_id", "member_id", "org_id"
        )
    }  # the latest cell of the month wins
    ids = memberships.values("member_id")
    obligations = Obligations(ids, month, month)
    paid = set(
        DuesPayment.objects.filter(month=month, member_id__in=ids).values_list(
            "member_id", flat=True
        )
    )
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for row in rows:
        if not row.national_id:
            continue
        if row.national_id not in found:
            message = _(
                "Không có đảng viên có số CCCD này sinh hoạt trong phạm vi của bạn tháng %(month)s"
            ) % {"month": f"{month:%m/%Y}"}
            if len(row.national_id) != NATIONAL_ID_DIGITS:
                message += _(" (số CCCD có 12 chữ số)")
            problems.append(row.problem("national_id", message + "."))
            continue
        if row.national_id in seen:
            problems.append(
                row.problem(
                    "national_id",
                    _("Số CCCD đã có ở dòng %(row)s.") % {"row": seen[row.national_id]},
                )
            )
            continue
        seen[row.national_id] = row.row
        row.member_id, row.cell_id = found[row.national_id]
        if row.member_id in paid:
            problems.append(
                row.problem(
                    "national_id",
                    _("Đảng viên đã có khoản nộp cho tháng %(month)s.")
                    % {"month": f"{month:%m/%Y}"},
                )
            )
            continue
        problems.extend(_check_amount(row, obligations, month))
    return problems


def _check_amount(row: DuesRow, obligations: Obligations, month: dt.date) -> list[Problem]:
    """The row's basis (the file's where it gives one, else the recorded one) and whether
    its amount covers what the month's rule set makes it owe."""
    recorded = obligations.basis(row.member_id, month)
    if recorded is None and not row.category:
        return [
            row.problem(
                "category" if "category" in row.located else "national_id",
                _("Đảng viên chưa có căn cứ đóng đảng phí; ghi cột Đối tượng và Căn cứ tính."),
            )
        ]
    current: Basis | None = recorded.value if recorded is not None else None
    basis = Basis(
        row.category or (current.category if current else ""),
        row.income if row.income is not None else (current.income if current else None),
        current.region if current else None,
        current.past_retirement_age if current else False,
    )
    rules = obligations.rules(month)
    if problems := rules.basis_problems(basis):
        return [
            row.problem(field if field in row.located else "category", message)
            for field, message in problems.items()
        ]
    if basis != current:
        row.basis = basis
    owed = obligations.owed_on(row.member_id, month, basis)
    if row.amount is not None and row.amount < owed.amount:
        return [
            row.problem(
                "amount",
                _(
                    "Số tiền nộp ít hơn số phải đóng tháng %(month)s: %(owed)s đồng "
                    "(theo %(regulation)s)."
                )
                % {
                    "month": f"{month:%m/%Y}",
                    "owed": grouped(owed.amount),
                    "regulation": rules.regulation,
                },
            )
        ]
    return []
