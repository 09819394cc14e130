"""Đối chiếu with the national member database (CSDL đảng viên 3.0): match each person in
its export to our registry — by CCCD, then party card number, then name and birth date —
and list field-by-field differences and the people found on one side only. Nothing is
changed until the user picks which differences to apply; each applied change is an audited
edit of the record."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from dangvu.common.text import fold
from dangvu.imports.columns import FIELDS, match_header, suggest_mapping
from dangvu.imports.files import read_limits
from dangvu.imports.members.check import convert
from dangvu.imports.problems import Problem, Problems, column_letter
from dangvu.imports.reading import find_header, open_rows
from dangvu.members.models import Member
from dangvu.members.selectors import MemberFilter, member_list
from dangvu.members.services import EDITABLE_FIELDS, member_update
from dangvu.organizations.access import User, membership_filter
from dangvu.organizations.models import Membership
from dangvu.organizations.roles import Action

COMPARED = (
    "full_name",
    "other_name",
    "gender",
    "birth_date",
    "national_id",
    "party_card_number",
    "admission_date",
    "official_date",
    "ethnicity",
    "religion",
)
REASON = "Đối chiếu với CSDL đảng viên"


@dataclass(frozen=True)
class Difference:
    field: str
    ours: Any
    theirs: Any

    @property
    def applicable(self) -> bool:
        """Dates of admission and recognition change only through the lifecycle."""
        return self.field in EDITABLE_FIELDS


@dataclass
class Pair:
    member_id: int
    name: str
    row: int
    matched_by: str  # "CCCD", "CARD" or "NAME_BIRTH"
    differences: list[Difference]
    # Whether the user may change this member; a member they may only view is listed, and
    # nothing of theirs is applied.
    changeable: bool = False


@dataclass
class Reconciliation:
    pairs: list[Pair] = field(default_factory=list)
    only_in_file: list[tuple[int, str, dt.date | None]] = field(default_factory=list)
    only_in_registry: list[tuple[int, str]] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)  # the first ones, all counted


def reconcile(*, path: Path, user: User, today: dt.date) -> Reconciliation:
    """Compare PATH with the members the user may see today."""
    _sheet, rows = open_rows(path, limits=read_limits())
    _row, headers, data = find_header(rows, known=match_header)
    mapping = suggest_mapping(headers)
    ours = list(member_list(user=user, filters=MemberFilter(as_of=today)))
    by_id = {m.national_id: m for m in ours if m.national_id}
    by_card = {m.party_card_number: m for m in ours if m.party_card_number}
    by_name: dict[tuple[str, dt.date], list[Member]] = defaultdict(list)
    for one in ours:
        by_name[(fold(one.full_name), one.birth_date)].append(one)
    result, matched = Reconciliation(), set()
    for row, values in data:
        record: dict[str, Any] = {}
        for index, name in mapping.items():
            if name not in COMPARED:
                continue
            raw = values[index] if index < len(values) else None
            try:
                record[name] = convert(name, FIELDS[name].kind, raw, today)
            except ValueError as error:
                result.problems.append(
                    Problem(row, column_letter(index), headers[index], str(raw or ""), str(error))
                )
        member, how = _match(record, by_id, by_card, by_name)
        if member is None or member.pk in matched:
            result.only_in_file.append(
                (row, record.get("full_name") or "", record.get("birth_date"))
            )
            continue
        matched.add(member.pk)
        differences = [
            Difference(name, getattr(member, name), value)
            for name, value in record.items()
            if value not in ("", None) and getattr(member, name) != value
        ]
        result.pairs.append(Pair(member.pk, member.full_name, row, how, differences))
    result.only_in_registry = [(m.pk, m.full_name) for m in ours if m.pk not in matched]
    changeable = set(
        Membership.objects.as_of(today)
        .filter(member_id__in=matched)
        .filter(membership_filter(user, today, action=Action.CHANGE))
        .values_list("member_id", flat=True)
    )
    for pair in result.pairs:
        pair.changeable = pair.member_id in changeable
    return result


def _match(
    record: dict[str, Any],
    by_id: dict[str, Member],
    by_card: dict[str, Member],
    by_name: dict[tuple[str, dt.date], list[Member]],
) -> tuple[Member | None, str]:
    if record.get("national_id") in by_id:
        return by_id[record["national_id"]], "CCCD"
    if record.get("party_card_number") in by_card:
        return by_card[record["party_card_number"]], "CARD"
    birth = record.get("birth_date")
    if not isinstance(birth, dt.date):
        return None, ""
    candidates = by_name.get((fold(record.get("full_name") or ""), birth), [])
    if len(candidates) == 1:  # two namesakes born the same day are not guessed between
        return candidates[0], "NAME_BIRTH"
    return None, ""


@transaction.atomic
def apply_differences(
    *, actor: User, path: Path, user: User, today: dt.date, chosen: set[tuple[int, str]] | None
) -> int:
    """Apply the CHOSEN (member id, field) differences (None: all of them) of members the
    user may change, read again from PATH so only what the file says is written; each
    member's change is one audited edit (which checks the user's reach again). Returns how
    many fields changed."""
    report = reconcile(path=path, user=user, today=today)
    applied = 0
    for pair in report.pairs:
        values = {
            d.field: d.theirs
            for d in pair.differences
            if pair.changeable
            and d.applicable
            and (chosen is None or (pair.member_id, d.field) in chosen)
        }
        if not values:
            continue
        member = Member.objects.get(pk=pair.member_id)
        member_update(
            actor=actor,
            member=member,
            version=member.version,
            values=values,
            today=today,
            reason=REASON,
        )
        applied += len(values)
    return applied
