"""Kết nạp đảng viên: a candidate's case from the first step to the ceremony."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record, field_changes
from dangvu.common.events import Event
from dangvu.common.locked_rows import remember_columns, save_changed
from dangvu.common.rulesets import rules_for
from dangvu.common.text import nfc
from dangvu.documents.models import DocumentKind
from dangvu.documents.signers import signer_recorded
from dangvu.members import facts, lifecycle
from dangvu.members.deciders import CaseRoute, route_on
from dangvu.members.models import AdmissionCase, Member
from dangvu.members.rulesets.lifecycle import LIFECYCLE, CandidateFacts
from dangvu.members.services.numbering import registered_number
from dangvu.members.services.registry import (
    MemberChangeError,
    _cell_on,
    member_register,
    person_errors,
)
from dangvu.organizations.access import User, require
from dangvu.organizations.models import Membership, OrgUnit
from dangvu.organizations.names import committee_name
from dangvu.organizations.roles import Action, Resource

# The steps staff record one by one before the cell resolves.
STEP_FIELDS = (
    "full_name",
    "gender",
    "birth_date",
    "national_id",
    "workplace",
    "hometown_province",
    "hometown_ward",
    "awareness_class_date",
    "application_date",
    "biography_date",
    "biography_check_sent_to",
    "biography_check_sent_date",
    "biography_check_replied_date",
    "biography_verified_date",
    "youth_union_resolution_date",
    "introducer_1",
    "introducer_2",
    "introducers_months_together",
    "mass_org_comments_date",
    "age_exception_authority",
)

_STATE_LABELS = dict(AdmissionCase.State.choices)


def _lock(actor: User, case: AdmissionCase, action: str, on: dt.date) -> AdmissionCase:
    """Lock CASE and move it along ACTION dated ON, once ACTOR may change its cell."""
    require(actor, Resource.MEMBER, Action.CHANGE, org=case.cell, on=on)
    # The cell comes in the same query (every step names it); only the case is locked.
    cases = AdmissionCase.objects.select_for_update(of=("self",)).select_related("cell")
    locked = remember_columns(cases.get(pk=case.pk))
    try:
        locked.state = lifecycle.admission_next_state(locked.state, action)
    except ValueError:
        raise MemberChangeError(
            _("Hồ sơ đang ở bước “%(state)s”, không thể thực hiện thao tác này.")
            % {"state": _STATE_LABELS[locked.state]}
        ) from None
    return locked


def _check_candidate(case: AdmissionCase, today: dt.date) -> None:
    """A candidate's identity is checked as a member's is (`person_errors`: names, CCCD,
    birth date), and their CCCD must not already be a member's."""
    errors = person_errors(vars(case), today)
    if case.national_id and Member.objects.filter(national_id=case.national_id).exists():
        message = _("Số CCCD này đã có trong hồ sơ của một đảng viên.")
        errors.setdefault("national_id", []).append(message)
    if errors:
        raise MemberChangeError(errors)


# Checked by scope (`_cell_on`, `_check_introducers`), not by `clean_fields`.
_SCOPED = ["member", "cell", "introducer_1", "introducer_2"]
# The quê quán's units: checked where they are recorded (open, update). A step moves a case
# read under its lock along without changing them, and the database's keys hold the ids
# it read, so checking them again would only cost a query each.
_PLACES = ["hometown_province", "hometown_ward"]


def _save(case: AdmissionCase, *, step: bool = False) -> AdmissionCase:
    """Save a case locked by `_lock` (or new): field checks, then a plain version bump,
    safe under the row lock, with the columns changed since. A STEP changes no place
    (`_PLACES`)."""
    try:
        case.clean_fields(exclude=_SCOPED + _PLACES if step else _SCOPED)
    except ValidationError as error:
        raise MemberChangeError(error.message_dict) from None
    if not case.pk:
        case.save()
        return case
    case.version += 1
    save_changed(case, "version")
    return case


@transaction.atomic
def admission_open(
    *, actor: User, cell: Any, values: Mapping[str, Any], today: dt.date
) -> AdmissionCase:
    """Open a case for a candidate in CELL."""
    _cell_on(actor, cell, today)
    _check_introducers(actor, values, today)
    clean = {
        key: nfc(value) if isinstance(value, str) else value
        for key, value in values.items()
        if key in STEP_FIELDS
    }
    case = AdmissionCase(cell=cell, **clean)
    _check_candidate(case, today)
    case = _save(case)
    audit_record(
        actor=actor,
        action=Event.ADMISSION_OPENED,
        obj=case,
        org=cell,
        data={"full_name": case.full_name},
    )
    return case


@transaction.atomic
def admission_update(
    *, actor: User, case: AdmissionCase, version: int, values: Mapping[str, Any], today: dt.date
) -> AdmissionCase:
    """Record steps (dates, introducers) while the case is open."""
    locked = _lock(actor, case, "update", today)
    _check_introducers(actor, values, today)
    if locked.version != version:
        raise MemberChangeError(_("Hồ sơ đã được người khác cập nhật; hãy tải lại trang."))
    values = {
        key: nfc(value) if isinstance(value, str) else value
        for key, value in values.items()
        if key in STEP_FIELDS
    }
    before = {key: getattr(locked, key) for key in values}
    for key, value in values.items():
        setattr(locked, key, value)
    changes = field_changes(before, values)
    if changes:
        _check_candidate(locked, today)
        _save(locked)
        audit_record(
            actor=actor,
            action=Event.ADMISSION_UPDATED,
            obj=locked,
            org=locked.cell,
            changes=changes,
        )
    return locked


def _check_introducers(actor: User, values: Mapping[str, Any], on: dt.date) -> None:
    """Introducers are named from the members ACTOR may see: naming one shows their name
    and birth date on the case and in its history."""
    for name in ("introducer_1", "introducer_2"):
        if values.get(name) is not None:
            require(actor, Resource.MEMBER, Action.VIEW, member=values[name], on=on)


def _official_introducers(case: AdmissionCase, on: dt.date) -> int:
    ids = [pk for pk in (case.introducer_1_id, case.introducer_2_id) if pk]
    return Member.objects.filter(facts.official_on(on), pk__in=ids).count()


@transaction.atomic
def admission_propose(*, actor: User, case: AdmissionCase, on: dt.date) -> AdmissionCase:
    """The cell's resolution to propose admission (6-KNĐ). Every step must be in order on
    that day, or the refusal lists what is missing."""
    locked = _lock(actor, case, "propose", on)
    rules = rules_for(LIFECYCLE, on)
    candidate = CandidateFacts(
        birth_date=locked.birth_date,
        awareness_class_date=locked.awareness_class_date,
        application_date=locked.application_date,
        biography_date=locked.biography_date,
        biography_check_sent_to=locked.biography_check_sent_to,
        biography_check_sent_date=locked.biography_check_sent_date,
        biography_check_replied_date=locked.biography_check_replied_date,
        biography_verified_date=locked.biography_verified_date,
        youth_union_resolution_date=locked.youth_union_resolution_date,
        official_introducers=_official_introducers(locked, on),
        introducers_months_together=locked.introducers_months_together,
        mass_org_comments_date=locked.mass_org_comments_date,
        age_exception_authority=locked.age_exception_authority,
    )
    problems = [rules.message(code) for code in rules.admission_problems(candidate, on)]
    problems += rules.step_order_messages(candidate, on)
    if problems:
        raise MemberChangeError(problems)
    locked.cell_resolution_date = on
    _save(locked, step=True)
    audit_record(
        actor=actor, action=Event.ADMISSION_PROPOSED, obj=locked, org=locked.cell, data={"on": on}
    )
    return locked


def admission_route(case: AdmissionCase) -> CaseRoute:
    """Where CASE goes after its cell's resolution: the tree and the authorisations to
    admit on that day."""
    assert case.cell_resolution_date is not None
    return route_on(case.cell_id, case.cell_resolution_date)


def admission_pending_step(case: AdmissionCase) -> str | None:
    """The next step of a proposed CASE (a field of `LifecycleRules.steps_after_cell`: the
    đảng ủy bộ phận's review, the đảng ủy cơ sở's resolution or the decision); None
    before the cell's resolution and after the decision."""
    if case.state != AdmissionCase.State.PROPOSED:
        return None
    assert case.cell_resolution_date is not None
    rules = rules_for(LIFECYCLE, case.cell_resolution_date)
    steps = rules.steps_after_cell(admission_route(case).route)
    return next(step for step in steps if getattr(case, step) is None)


def admission_needs_grassroots(case: AdmissionCase) -> bool:
    """Whether the case's cell was, on the day of its resolution, a chi bộ trực thuộc of a
    đảng bộ cơ sở not authorised to admit, whose đảng ủy resolves (8-KNĐ) before the upper
    committee decides."""
    assert case.cell_resolution_date is not None
    rules = rules_for(LIFECYCLE, case.cell_resolution_date)
    return "grassroots_resolution_date" in rules.steps_after_cell(admission_route(case).route)


def _after_cell(case: AdmissionCase, step: str, on: dt.date) -> CaseRoute:
    """CASE's route, once STEP (dated ON) is on it and what comes before it is recorded,
    in order (the lifecycle rule set of the cell's resolution)."""
    assert case.cell_resolution_date is not None
    route = admission_route(case)
    rules = rules_for(LIFECYCLE, case.cell_resolution_date)
    dates = {name: getattr(case, name) for name in rules.steps_after_cell(route.route)}
    if problems := rules.after_cell_messages(route.route, dates, step, on):
        raise MemberChangeError({step: problems})
    return route


@transaction.atomic
def admission_sub_committee_review(
    *, actor: User, case: AdmissionCase, on: dt.date
) -> AdmissionCase:
    """The đảng ủy bộ phận's review (báo cáo thẩm định, 7-KNĐ), for a cell inside a đảng
    bộ bộ phận, after the cell's resolution and before the đảng ủy cơ sở acts. It reviews
    only: the đảng ủy cơ sở (or the upper committee) still resolves and decides."""
    locked = _lock(actor, case, "review", on)
    route = _after_cell(locked, "sub_committee_review_date", on)
    assert route.sub_committee is not None
    locked.sub_committee_review_date = on
    _save(locked, step=True)
    audit_record(
        actor=actor, action=Event.ADMISSION_REVIEWED, obj=locked, org=locked.cell,
        data={"on": on, "sub_committee": route.sub_committee.name},
    )  # fmt: skip
    return locked


@transaction.atomic
def admission_grassroots_resolve(*, actor: User, case: AdmissionCase, on: dt.date) -> AdmissionCase:
    """The đảng ủy cơ sở's resolution proposing admission (8-KNĐ), for a cell inside a đảng
    bộ cơ sở not authorised to admit, after the cell's (and the đảng ủy bộ phận's review)
    and before the upper committee's decision."""
    locked = _lock(actor, case, "grassroots", on)
    _after_cell(locked, "grassroots_resolution_date", on)
    locked.grassroots_resolution_date = on
    _save(locked, step=True)
    audit_record(
        actor=actor, action=Event.ADMISSION_GRASSROOTS, obj=locked, org=locked.cell,
        data={"on": on},
    )  # fmt: skip
    return locked


def _deciding_committee(route: CaseRoute, on: dt.date) -> OrgUnit | None:
    """The authorised đảng bộ cơ sở whose đảng ủy decides, once its signer on ON is
    recorded; None when the upper committee decides."""
    committee = route.deciding_grassroots
    if committee is not None and not signer_recorded(committee, on):
        assert route.grassroots is not None
        raise MemberChangeError(
            {
                "decision_date": _(
                    "Đảng ủy cơ sở được ủy quyền tự ra quyết định: Văn phòng cần ghi người ký của "
                    "%(committee)s ngày %(date)s trước khi ra quyết định."
                )
                % {"committee": committee_name(route.grassroots.name), "date": f"{on:%d/%m/%Y}"}
            }
        )
    return committee


@transaction.atomic
def admission_decide(
    *, actor: User, case: AdmissionCase, on: dt.date, extension_days: int = 0
) -> AdmissionCase:
    """The decision (9-KNĐ): the upper committee's, or the đảng ủy cơ sở's when it was
    authorised to admit on the day of the cell's resolution; numbered in the deciding
    committee's register on ON. A late one is recorded, and stays visible as late on the
    deadlines page."""
    locked = _lock(actor, case, "decide", on)
    assert locked.cell_resolution_date is not None
    route = _after_cell(locked, "decision_date", on)
    rules = rules_for(LIFECYCLE, locked.cell_resolution_date)
    if not rules.extension_allowed(extension_days):
        raise MemberChangeError({"decision_extension_days": rules.message("EXTENSION_TOO_LONG")})
    number = registered_number(
        actor=actor, org=locked.cell, kind=DocumentKind.DECISION, on=on, subject=locked,
        summary=_("Quyết định kết nạp đảng viên: %(name)s") % {"name": locked.full_name},
        committee=_deciding_committee(route, on),
    )  # fmt: skip
    locked.decision_date, locked.decision_number = on, number
    locked.decision_extension_days = extension_days
    _save(locked, step=True)
    audit_record(
        actor=actor,
        action=Event.ADMISSION_DECIDED,
        obj=locked,
        org=locked.cell,
        data={"on": on, "number": number, "extension_days": extension_days},
    )
    return locked


@transaction.atomic
def admission_ceremony(*, actor: User, case: AdmissionCase, on: dt.date, today: dt.date) -> Member:
    """Lễ kết nạp: the candidate becomes a probationary member from ON, in the case's cell."""
    locked = _lock(actor, case, "ceremony", on)
    assert locked.decision_date is not None
    if on < locked.decision_date:
        raise MemberChangeError({"ceremony_date": _("Lễ kết nạp phải sau ngày quyết định.")})
    member = member_register(
        actor=actor,
        values={
            "full_name": locked.full_name,
            "gender": locked.gender,
            "birth_date": locked.birth_date,
            "national_id": locked.national_id or None,
            "workplace": locked.workplace,
            # By id: the member's record refers to the case's units, unread.
            "hometown_province_id": locked.hometown_province_id,
            "hometown_ward_id": locked.hometown_ward_id,
            "admission_date": on,
            "admission_decision_date": locked.decision_date,
        },
        cell=locked.cell,
        start=Membership.Start.ADMITTED,
        joined_on=on,
        today=today,
    )
    locked.ceremony_date, locked.member = on, member
    _save(locked, step=True)
    audit_record(
        actor=actor,
        action=Event.ADMITTED,
        obj=member,
        org=locked.cell,
        data={"case": locked, "ceremony": on, "decision": locked.decision_number},
    )
    return member


@transaction.atomic
def admission_close(
    *, actor: User, case: AdmissionCase, reason: str, today: dt.date
) -> AdmissionCase:
    """Stop the case (the candidate withdrew, the cell or committee did not agree)."""
    locked = _lock(actor, case, "close", today)
    if not reason.strip():
        raise MemberChangeError({"closed_reason": _("Ghi lý do dừng xem xét.")})
    locked.closed_reason = nfc(reason)
    _save(locked, step=True)
    audit_record(
        actor=actor, action=Event.ADMISSION_CLOSED, obj=locked, org=locked.cell, reason=reason
    )
    return locked
