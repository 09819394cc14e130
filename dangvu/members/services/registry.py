"""Writes to the member registry. Each validates, saves and audits in one transaction."""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.common.audit import (
    audit_record,
    audit_rows,
    field_changes,
    restored_value,
    stored_value,
)
from dangvu.common.bulk import insert_rows
from dangvu.common.events import EDITS, Event
from dangvu.common.models import AuditEntry
from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.common.text import fold, nfc, person_sort_key, text_problem
from dangvu.members import facts, rules
from dangvu.members.models import LifecycleState, Member
from dangvu.members.rulesets.lifecycle import LIFECYCLE
from dangvu.organizations.access import User, require
from dangvu.organizations.models import CELL_KINDS, Membership, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.tree_memo import version_on

# The fields of the 2-HSĐV record that staff edit directly. Dates of admission, recognition
# and exit change only through the lifecycle services.
EDITABLE_FIELDS = (
    "full_name",
    "other_name",
    "gender",
    "birth_date",
    "hometown_province",
    "hometown_ward",
    "birthplace_province",
    "birthplace_ward",
    "residence",
    "ethnicity",
    "religion",
    "national_id",
    "party_card_number",
    # Party age counts from it; imported records often lack it until it is copied from
    # the paper file. The ceremony's and recognition's dates change only through the
    # lifecycle.
    "admission_decision_date",
    # Ngày vào Đảng lần thứ hai, from the phiếu đảng viên; the periods out of the Party
    # are recorded apart (`party_gap_add`).
    "readmission_date",
    "general_education",
    "professional_qualification",
    "political_theory",
    "foreign_language",
    "it_level",
    "occupation",
    "position",
    "workplace",
    "phone",
    "email",
    "photo",
)

_NATIONAL_ID_MESSAGES = {
    "NOT_12_DIGITS": _("Số CCCD phải gồm đúng 12 chữ số."),
    "BAD_PROVINCE": _("Ba chữ số đầu của số CCCD không phải mã tỉnh hợp lệ."),
    "BIRTH_YEAR_MISMATCH": _("Số CCCD không khớp năm sinh."),
    "GENDER_MISMATCH": _("Số CCCD không khớp giới tính."),
}
_NAME_LABELS = {"full_name": gettext_lazy("Họ và tên"), "other_name": gettext_lazy("Tên gọi khác")}
_CARD_MESSAGES = {
    "NOT_DIGITS": _("Số thẻ đảng viên chỉ gồm chữ số (%(lengths)s chữ số)."),
    "BAD_LENGTH": _("Số thẻ đảng viên phải gồm %(lengths)s chữ số."),
}
_DATE_MESSAGES = {
    ("birth_date", "FUTURE"): _("Ngày sinh không được sau ngày hôm nay."),
    ("admission_date", "FUTURE"): _("Ngày vào Đảng không được sau ngày hôm nay."),
    ("official_date", "FUTURE"): _("Ngày chính thức không được sau ngày hôm nay."),
    ("admission_decision_date", "AFTER_CEREMONY"): _(
        "Ngày quyết định kết nạp không được sau ngày vào Đảng (lễ kết nạp)."
    ),
    ("readmission_date", "OUT_OF_RANGE"): _(
        "Ngày vào Đảng lần thứ hai phải sau ngày vào Đảng lần đầu và không sau hôm nay."
    ),
    ("exit_date", "OUT_OF_RANGE"): _(
        "Ngày ra khỏi danh sách phải sau ngày vào Đảng và không sau hôm nay."
    ),
}


def _date_message(field: str, code: str, admission_date: dt.date) -> str:
    """The Vietnamese sentence for a date problem; those that state a rule's number come
    from the lifecycle rule set of the admission date."""
    if code == "NO_RULES":
        return str(NoRuleSet(LIFECYCLE, admission_date))
    lifecycle = rules_for(LIFECYCLE, admission_date)
    if code == "UNDER_AGE":
        return lifecycle.message("ADMITTED_UNDER_AGE")
    if code == "NOT_END_OF_PROBATION":
        expected = facts.official_date(admission_date)
        return lifecycle.message(code, expected=f"{expected:%d/%m/%Y}")
    return str(_DATE_MESSAGES[(field, code)])


class MemberChangeError(ValidationError):
    """A change to a member record that the registry's rules refuse."""


class StaleEdit(MemberChangeError):
    """Someone else saved the record since the form was opened: THEIRS are their changes
    ({field: [before, after]}), MINE the fields this edit changes from what its editor saw,
    CONFLICTS those both changed to different values. Saving again should send the current
    values for every field not in MINE, so the other editor's changes are kept."""

    def __init__(
        self,
        message: str,
        *,
        current: Member,
        theirs: dict[str, list[Any]],
        mine: frozenset[str] = frozenset(),
        conflicts: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(message)
        self.current = current
        self.theirs = theirs
        self.mine = mine
        self.conflicts = conflicts


def _clean_text(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: nfc(value) if isinstance(value, str) else value for key, value in values.items()}


def person_errors(values: Mapping[str, Any], today: dt.date) -> dict[str, list[str]]:
    """What the rules say about a person's identity, a member's or a candidate's: names
    without hidden characters, a CCCD that agrees with the gender and birth date, a birth
    date not after today. As Vietnamese messages per field."""
    errors: dict[str, list[str]] = {}
    for field, label in _NAME_LABELS.items():
        value = values.get(field)
        if isinstance(value, str) and (problem := text_problem(value, str(label))):
            errors.setdefault(field, []).append(problem)
    if values.get("national_id"):
        for code in rules.national_id_errors(
            values["national_id"],
            gender=values.get("gender"),
            birth_date=values.get("birth_date"),
            check_structure=settings.CCCD_CHECK_STRUCTURE,
        ):
            errors.setdefault("national_id", []).append(_NATIONAL_ID_MESSAGES[code])
    birth_date = values.get("birth_date")
    if isinstance(birth_date, dt.date) and birth_date > today:
        errors.setdefault("birth_date", []).append(_DATE_MESSAGES[("birth_date", "FUTURE")])
    return errors


def _rule_errors(values: Mapping[str, Any], today: dt.date) -> dict[str, list[str]]:
    """The registry rules' complaints about a record's VALUES (a model's or an import row's),
    as Vietnamese messages per field."""
    errors = person_errors(values, today)
    if values.get("party_card_number"):
        lengths = settings.PARTY_CARD_NUMBER_LENGTHS
        for code in rules.party_card_errors(values["party_card_number"], lengths=lengths):
            shown = {"lengths": ", ".join(str(n) for n in lengths)}
            errors.setdefault("party_card_number", []).append(_CARD_MESSAGES[code] % shown)
    date_errors = rules.record_date_errors(
        birth_date=values["birth_date"],
        admission_date=values["admission_date"],
        official_date=values.get("official_date"),
        exit_date=values.get("exit_date"),
        today=today,
        admission_decision_date=values.get("admission_decision_date"),
        readmission_date=values.get("readmission_date"),
    )
    for field, code in date_errors.items():
        message = _date_message(field, code, values["admission_date"])
        if message not in errors.get(field, []):  # a future birth date: person_errors says so
            errors.setdefault(field, []).append(message)
    return errors


# Checked by the database's foreign keys and constraints, and by the rules above; leaving
# them out of Django's field cleaning saves a query each.
_NOT_CLEANED = ["search_text", "sort_key", "hometown_province", "hometown_ward",
                "birthplace_province", "birthplace_ward"]  # fmt: skip
_UNIQUE_MESSAGES = {
    "national_id": _("Số CCCD này đã có trong hồ sơ của một đảng viên khác."),
    "party_card_number": _("Số thẻ đảng viên này đã được dùng cho đảng viên khác."),
}


def member_problems(values: Mapping[str, Any], today: dt.date) -> dict[str, list[str]]:
    """What the registry's rules say about a record's VALUES (for imports' dry runs)."""
    return _rule_errors(values, today)


def member_derived(values: Mapping[str, Any]) -> dict[str, Any]:
    """The derived search and sort columns of a record with these name VALUES."""
    full_name = values.get("full_name") or ""
    return {
        "search_text": fold(" ".join(filter(None, [full_name, values.get("other_name")]))),
        "sort_key": person_sort_key(full_name),
    }


def member_derive(member: Member) -> None:
    """Refresh the derived search and sort columns after a name change."""
    for name, value in member_derived(vars(member)).items():
        setattr(member, name, value)


def _validate(member: Member, today: dt.date, *, identity_changed: bool = True) -> None:
    """The registry's rules, the fields' own checks, and, when IDENTITY_CHANGED, that the
    CCCD and card number belong to nobody else — each refusal on its field, in Vietnamese."""
    errors = _rule_errors(vars(member), today)
    try:
        member.clean_fields(exclude=_NOT_CLEANED)
    except ValidationError as invalid:
        for field, messages in invalid.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if identity_changed:
        others = Member.objects.exclude(pk=member.pk)
        for field, message in _UNIQUE_MESSAGES.items():
            value = getattr(member, field)
            if value and others.filter(**{field: value}).exists():
                errors.setdefault(field, []).append(str(message))
    if errors:
        raise MemberChangeError(errors)


def _cell_on(actor: User, org: OrgUnit, on: dt.date) -> OrgVersion:
    """ORG's version on ON, as a destination: ACTOR may place members there, and it is a
    cell on that day."""
    require(actor, Resource.MEMBER, Action.CHANGE, org=org, on=on)
    version = version_on(org.pk, on)
    if version is None or version.kind not in CELL_KINDS:
        raise MemberChangeError(
            _(
                "Đảng viên chỉ sinh hoạt ở chi bộ đang hoạt động; %(code)s không phải chi bộ "
                "vào ngày %(date)s."
            )
            % {"code": org.code, "date": f"{on:%d/%m/%Y}"}
        )
    return version


def member_build(values: Mapping[str, Any]) -> Member:
    """An unsaved member from VALUES, normalized and with its derived columns filled."""
    member = Member(**_clean_text(values))
    member_derive(member)
    return member


@transaction.atomic
def member_register(
    *,
    actor: User,
    values: Mapping[str, Any],
    cell: OrgUnit,
    start: str,
    joined_on: dt.date,
    today: dt.date,
) -> Member:
    """Put a member on the registry in CELL from JOINED_ON (admission, transfer in, or the
    first entry of an existing member's record)."""
    member = member_build(values)
    _validate(member, today)
    if joined_on < member.admission_date:
        raise MemberChangeError({"admission_date": _("Ngày vào Đảng phải trước ngày sinh hoạt.")})
    _cell_on(actor, cell, joined_on)
    member.save()
    Membership.objects.create(member=member, org=cell, valid_from=joined_on, start=start)
    audit_record(
        actor=actor,
        action=Event.REGISTERED,
        obj=member,
        org=cell,
        data={"cell": cell.code, "start": start, "joined_on": joined_on},
    )
    return member


@transaction.atomic
def member_update(
    *,
    actor: User,
    member: Member,
    version: int,
    values: Mapping[str, Any],
    today: dt.date,
    reason: str = "",
    action: Event = Event.UPDATED,
    reverts: int | None = None,
) -> Member:
    """Edit the record's fields. VERSION is the one the editor saw; if someone saved in
    between, the edit is refused with what they changed, and nothing is lost. A revert
    (ACTION=REVERTED) is an edit too, naming the entry it REVERTS."""
    require(actor, Resource.MEMBER, Action.CHANGE, member=member, on=today)
    locked = Member.objects.select_for_update().get(pk=member.pk)
    values = _clean_text({key: value for key, value in values.items() if key in EDITABLE_FIELDS})
    if locked.version != version:
        theirs = _changes_since(locked, version)
        mine, conflicts = _edited_fields(locked, values, theirs)
        raise StaleEdit(
            _(
                "Hồ sơ đã được người khác sửa trong lúc bạn soạn; thay đổi của họ đã được "
                "đưa vào biểu mẫu. Hãy xem lại rồi lưu."
            ),
            current=locked,
            theirs=theirs,
            mine=mine,
            conflicts=conflicts,
        )
    before = {key: getattr(locked, key) for key in values}
    for key, value in values.items():
        setattr(locked, key, value)
    if not field_changes(before, values):
        return locked
    member_derive(locked)
    _validate(locked, today)
    locked.version += 1  # the row is locked by select_for_update above
    locked.save()
    # Compared after saving, so an upload is recorded under the name storage gave it.
    changes = field_changes(before, {key: getattr(locked, key) for key in values})
    audit_record(
        actor=actor,
        action=action,
        obj=locked,
        org=current_cell(locked),
        changes=changes,
        data={"version": locked.version, **({"reverts": reverts} if reverts else {})},
        reason=reason,
    )
    return locked


def _same(stored: Any, other: Any) -> bool:
    """Whether two values as the audit trail keeps them are the same (a related object by
    its id: its label may have changed)."""
    if isinstance(stored, dict) and isinstance(other, dict):
        return stored.get("id") == other.get("id")
    return bool(stored == other)


def _edited_fields(
    current: Member, values: Mapping[str, Any], theirs: Mapping[str, list[Any]]
) -> tuple[frozenset[str], frozenset[str]]:
    """The fields whose VALUES differ from the record as its editor saw it (the current
    record, with THEIRS, the changes since, taken back), and of those the ones also changed
    by the other editors to something else."""
    mine = frozenset(
        name
        for name, value in values.items()
        if not _same(
            stored_value(value),
            theirs[name][0] if name in theirs else stored_value(getattr(current, name)),
        )
    )
    conflicts = frozenset(
        name
        for name in mine & theirs.keys()
        if not _same(stored_value(values[name]), theirs[name][1])
    )
    return mine, conflicts


def _changes_since(member: Member, version: int) -> dict[str, list[Any]]:
    """What other editors changed after VERSION, oldest first, as {field: [before, after]}."""
    entries = AuditEntry.objects.filter(
        object_type=member._meta.label_lower,
        object_id=member.pk,
        action__in=EDITS,
        data__version__gt=version,
    ).order_by("occurred_at", "pk")
    theirs: dict[str, list[Any]] = {}
    for entry in entries:
        for key, (before, after) in entry.changes.items():
            theirs[key] = [theirs.get(key, [before])[0], after]
    return theirs


def current_cell(member: Member) -> OrgUnit | None:
    membership = member.memberships.filter(valid_to__isnull=True).select_related("org").first()
    return membership.org if membership else None


def _end_membership(member: Member, on: dt.date) -> Membership:
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("org")  # callers name the cell left
        .filter(member=member, valid_to__isnull=True)
        .first()
    )
    if membership is None:
        raise MemberChangeError(_("Đảng viên hiện không sinh hoạt ở chi bộ nào."))
    if on <= membership.valid_from:
        raise MemberChangeError(
            _("Ngày chuyển phải sau ngày bắt đầu sinh hoạt hiện tại (%(date)s).")
            % {"date": f"{membership.valid_from:%d/%m/%Y}"}
        )
    membership.valid_to = on
    membership.save(update_fields=["valid_to"])
    return membership


@dataclass(frozen=True)
class RegistryRow:
    """One member to register in bulk: the record's values, its cell periods
    (org id, from, to, how it started) and its exit, if any."""

    values: Mapping[str, Any]
    periods: list[tuple[int, dt.date, dt.date | None, str]]
    exit: tuple[dt.date, str] | None = None


@transaction.atomic
def members_register_bulk(
    *,
    actor: User,
    rows: Sequence[RegistryRow],
    today: dt.date,
    label: str,
    batch: AuditEntry | None = None,
) -> list[int]:
    """Register many members with their histories at once and return their ids in row
    order. Every row is checked by the same rules as a single registration; one bad row
    refuses all. Audited as one batch: BATCH, the caller's entry (an import's), or a new
    one, with a row per member."""
    periods = {(org_id, start) for row in rows for org_id, start, _end, _how in row.periods}
    cells = OrgUnit.objects.in_bulk({org_id for org_id, _start in periods})
    for org_id, start in periods:
        require(actor, Resource.MEMBER, Action.CHANGE, org=cells[org_id], on=start)
    records = []
    for number, row in enumerate(rows, start=1):
        values = _clean_text(row.values)
        if row.exit:
            values["exit_date"], values["exit_reason"] = row.exit
            values["state"] = LifecycleState.EXITED
        problems = _rule_errors(values, today)
        if problems:
            raise MemberChangeError(
                _("Dòng %(row)s (%(name)s): %(problems)s")
                % {
                    "row": number,
                    "name": values.get("full_name", ""),
                    "problems": " ".join(m for ms in problems.values() for m in ms),
                }
            )
        records.append(values | member_derived(values))
    ids = insert_rows(Member, records)
    insert_rows(
        Membership,
        [
            {"member_id": pk, "org_id": org_id, "valid_from": start, "valid_to": end, "start": how}
            for pk, row in zip(ids, rows, strict=True)
            for org_id, start, end, how in row.periods
        ],
    )
    if ids:
        batch = batch or audit_record(
            actor=actor,
            action=Event.BULK_REGISTERED,
            obj=None,
            about=label,
            data={"label": label, "count": len(ids)},
        )
        audit_rows(
            batch,
            (
                {
                    "action": Event.REGISTERED,
                    "object_type": Member._meta.label_lower,
                    "object_id": pk,
                    "org_id": row.periods[0][0],
                    **registration_entry(
                        values, joined_on=row.periods[0][1], start=row.periods[0][3]
                    ),
                }
                for pk, values, row in zip(ids, records, rows, strict=True)
            ),
        )
    return ids


def registration_entry(
    values: Mapping[str, Any], *, joined_on: dt.date, start: str
) -> dict[str, Any]:
    """The object_repr and data of a bulk registration's audit row for a member."""
    return {
        "object_repr": f"{values['full_name']} ({values['birth_date']:%d/%m/%Y})",
        "data": {"joined_on": joined_on.isoformat(), "start": start},
    }


def member_changed(member: Member, values: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Apply VALUES to MEMBER in memory as an edit does (clean text, derived columns, the
    next version) and return the changes its audit row records. For bulk edits, whose
    caller checked the values and writes the rows itself."""
    values = _clean_text(values)
    before = {key: getattr(member, key) for key in values}
    for key, value in values.items():
        setattr(member, key, value)
    member_derive(member)
    member.version += 1
    return field_changes(before, values)


@transaction.atomic
def member_revert_change(*, actor: User, entry: AuditEntry, today: dt.date) -> Member:
    """Hoàn tác: put back the values an edit replaced, if nobody has changed those fields
    since. The revert is an edit of its own, audited with the entry it undoes."""
    entry = AuditEntry.objects.select_for_update().get(pk=entry.pk, action=Event.UPDATED)
    member = Member.objects.select_for_update().get(pk=entry.object_id)
    values = {}
    for name, (before, after) in entry.changes.items():
        field = Member._meta.get_field(name)
        if stored_value(getattr(member, name)) != after:
            raise MemberChangeError(
                _("Trường “%(field)s” đã được sửa tiếp sau lần này; không thể hoàn tác.")
                % {"field": getattr(field, "verbose_name", name)}
            )
        values[name] = restored_value(field, before)
    return member_update(
        actor=actor,
        member=member,
        version=member.version,
        values=values,
        today=today,
        reason=_("Hoàn tác thay đổi #%(id)s") % {"id": entry.pk},
        action=Event.REVERTED,
        reverts=entry.pk,
    )
