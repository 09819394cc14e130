"""Writing a collection sheet: a changed basis through `dues_basis_set`, then each cell's
payments through `dues_collect_cells`, in one transaction, so every rule and scope check of the
services applies and the writes are audited; nothing is written unless the whole file is
clean. A dry run makes the same calls in a transaction that is always rolled back."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from dangvu.common import clock
from dangvu.dues.services import Collected, DuesError, dues_basis_set, dues_collect_cells
from dangvu.imports.dues.check import DuesRow, read_dues
from dangvu.imports.problems import CheckResult, ImportRefused, Problem
from dangvu.members.models import Member
from dangvu.organizations.access import OutOfScope, User
from dangvu.organizations.models import OrgUnit


@dataclass(frozen=True)
class DuesImported:
    """What an import wrote (or, dry, would write): the file's RESULT, the number of
    PAYMENTS and their TOTAL in đồng, and the BASES recorded."""

    result: CheckResult
    payments: int
    total: int
    bases: int


class _Rehearsal(Exception):
    """Raised to roll a dry run back."""


def dues_import(
    *, actor: User, path: Path, month: dt.date, org: OrgUnit | None, dry_run: bool = False
) -> DuesImported:
    """Record the payments of the sheet PATH for MONTH as ACTOR, or only check them
    (DRY_RUN). Raises ImportRefused with every problem located, and nothing written."""
    result, rows = read_dues(path=path, user=actor, month=month, org=org)
    if result.problems:
        raise ImportRefused(result)
    try:
        with transaction.atomic():
            _write(actor, path, month, rows)
            if dry_run:
                raise _Rehearsal
    except _Rehearsal:
        pass
    except DuesError as refused:
        by_member = {str(row.member_id): row for row in rows}
        for key, messages in refused.message_dict.items():
            row = by_member.get(key)
            for message in messages:
                if row is not None:
                    result.problems.append(row.problem("amount", message))
                else:
                    result.problems.append(Problem(result.header_row, "", "", "", message))
        raise ImportRefused(result) from None
    except OutOfScope as refused:  # read_dues leaves out what the user may not change
        result.problems.append(Problem(result.header_row, "", "", "", str(refused)))
        raise ImportRefused(result) from None
    result.to_create = len(rows)
    bases = sum(1 for row in rows if row.basis is not None)
    return DuesImported(result, len(rows), sum(row.amount or 0 for row in rows), bases)


def _write(actor: User, path: Path, month: dt.date, rows: list[DuesRow]) -> None:
    today = clock.today()
    # in_bulk batches the ids by the database's limit on a query's parameters. A payment
    # needs only the member's id and name (its audit row); a new basis, the whole record.
    members = Member.objects.only("full_name").in_bulk([row.member_id for row in rows])
    members |= Member.objects.in_bulk([row.member_id for row in rows if row.basis is not None])
    for row in rows:
        if row.basis is not None:
            try:
                dues_basis_set(
                    actor=actor,
                    member=members[row.member_id],
                    month=month,
                    category=row.basis.category,
                    income=row.basis.income,
                    region=row.basis.region,
                    past_retirement_age=row.basis.past_retirement_age,
                    today=today,
                )
            except DuesError as refused:
                raise DuesError({str(row.member_id): refused.messages}) from None
    by_cell: dict[int, list[Collected]] = defaultdict(list)
    for row in rows:
        assert row.amount is not None and row.paid_on is not None  # read_dues checked them
        by_cell[row.cell_id].append(Collected(members[row.member_id], row.amount, row.paid_on))
    cells = OrgUnit.objects.in_bulk(list(by_cell))
    dues_collect_cells(
        actor=actor,
        month=month,
        collections=[(cells[cell_id], payments) for cell_id, payments in by_cell.items()],
        today=today,
        source=path.name,
    )
