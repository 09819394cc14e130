"""The member lifecycle after admission: transfers, temporary absence, exemption, exits
and badges (recognition is `services.recognition`). Every change of state goes through
`_transition`, which checks the one table in `members.lifecycle.TRANSITIONS`."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.locked_rows import remember_columns, save_changed
from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.documents.models import DocumentKind
from dangvu.members import lifecycle
from dangvu.members.hooks import disciplines_of
from dangvu.members.models import BadgeAward, Exemption, ExitReason, Member, RemovalReason, Transfer
from dangvu.members.rulesets import BADGES, LIFECYCLE
from dangvu.members.selectors import badge_candidate
from dangvu.members.services.numbering import registered_number
from dangvu.members.services.registry import (
    MemberChangeError,
    _cell_on,
    _end_membership,
    _validate,
    current_cell,
)
from dangvu.organizations.access import User, require
from dangvu.organizations.models import Membership, OrgUnit
from dangvu.organizations.roles import Action, Resource


def _transition(
    actor: User, member: Member, action: str, on: dt.date, resource: str = Resource.MEMBER
) -> Member:
    """Lock MEMBER and move them along ACTION dated ON, once ACTOR may change the member
    (under RESOURCE: the registry's right, or discipline's for a khai trừ); otherwise
    refuse, with the reason in Vietnamese."""
    require(actor, resource, Action.CHANGE, member=member, on=on)
    locked = remember_columns(Member.objects.select_for_update().get(pk=member.pk))
    try:
        locked.state = lifecycle.next_state(locked.state, action)
    except lifecycle.IllegalTransition as refused:
        raise MemberChangeError(str(refused)) from None
    return locked


def _save(member: Member) -> Member:
    """Write what changed in MEMBER since `_transition` read it under its lock."""
    member.version += 1  # the row is locked by `_transition`
    save_changed(member, "version", "updated_at")
    return member


# Exits ------------------------------------------------------------------------------

_EXIT_ACTIONS: dict[str, str] = {
    ExitReason.REMOVED: "remove",
    ExitReason.EXPELLED: "expel",
    ExitReason.DIED: "die",
    ExitReason.NOT_RECOGNIZED: "not_recognized",
    ExitReason.TRANSFERRED_OUT: "transfer_leave",
}


def member_exit(
    *,
    actor: User,
    member: Member,
    reason: str,
    on: dt.date,
    today: dt.date,
    detail: str = "",
    note: str = "",
) -> Member:
    """The member leaves the roll on ON. Removal (xóa tên) needs one of the Charter's
    grounds. Khai trừ is a discipline decision: only `member_expel` records it."""
    if reason not in _EXIT_ACTIONS or reason == ExitReason.EXPELLED:
        raise MemberChangeError({"exit_reason": _("Lý do không hợp lệ.")})
    if reason == ExitReason.REMOVED and detail not in RemovalReason.values:
        raise MemberChangeError({"exit_detail": _("Xóa tên cần một căn cứ theo Điều lệ.")})
    return _exit(actor, member, reason, on, today, detail, note, Resource.MEMBER)


def member_expel(
    *, actor: User, member: Member, on: dt.date, today: dt.date, decision: str
) -> Member:
    """Khai trừ, recorded by the discipline module with its DECISION: the Inspection
    commission records it, under its discipline right rather than the registry's."""
    return _exit(actor, member, ExitReason.EXPELLED, on, today, decision, "", Resource.DISCIPLINE)


@transaction.atomic
def _exit(
    actor: User,
    member: Member,
    reason: str,
    on: dt.date,
    today: dt.date,
    detail: str,
    note: str,
    resource: str,
) -> Member:
    locked = _transition(actor, member, _EXIT_ACTIONS[reason], on, resource)
    return _leave(actor, locked, reason, on, today, detail, note)


def _leave(actor: User, locked: Member, reason: str, on: dt.date, today: dt.date, detail: str,
           note: str) -> Member:  # fmt: skip
    """The exit of `_exit`, once LOCKED is moved along its exit's action."""
    if reason == ExitReason.NOT_RECOGNIZED and locked.official_date is not None:
        rules = rules_for(LIFECYCLE, on)
        raise MemberChangeError({"exit_reason": rules.message("NOT_PROBATIONARY")})
    old = _end_membership(locked, on)
    locked.exit_date, locked.exit_reason, locked.exit_detail = on, reason, detail
    if reason == ExitReason.REMOVED:  # the committee's decision xóa tên, dated ON
        locked.exit_decision_number = registered_number(
            actor=actor, org=old.org, kind=DocumentKind.DECISION, on=on, subject=locked,
            summary=_("Quyết định xóa tên đảng viên: %(name)s") % {"name": locked.full_name},
        )  # fmt: skip
    _validate(locked, today, identity_changed=False)
    _save(locked)
    Transfer.objects.filter(
        member=locked, state__in=[Transfer.State.IN_TRANSIT, Transfer.State.AWAY]
    ).update(state=Transfer.State.CANCELLED)
    audit_record(
        actor=actor,
        action=Event.EXITED,
        obj=locked,
        org=old.org,
        data={"reason": reason, "detail": detail, "on": on, "cell": old.org.code},
        reason=note,
    )
    return locked


@transaction.atomic
def member_reinstate(*, actor: User, member: Member, decision: str) -> Member:
    """An expulsion annulled or lightened on appeal: the member never left. Their last
    membership runs on from the expulsion day, so no period out of the Party is counted
    (Quy định 69-QĐ/TW: a wrongful decision is put right in full); called by the
    discipline module with the appeal's DECISION."""
    require(actor, Resource.DISCIPLINE, Action.CHANGE, member=member, on=member.exit_date)
    locked = Member.objects.select_for_update().get(pk=member.pk)
    if locked.exit_reason != ExitReason.EXPELLED or locked.exit_date is None:
        raise MemberChangeError(_("Đảng viên không bị khai trừ nên không có gì để phục hồi."))
    expelled_on = locked.exit_date
    last = (
        Membership.objects.select_for_update()
        .filter(member=locked, valid_to=expelled_on)
        .order_by("-valid_from")
        .first()
    )
    if last is None:
        raise MemberChangeError(_("Không tìm thấy chi bộ sinh hoạt trước khi bị khai trừ."))
    require(actor, Resource.DISCIPLINE, Action.CHANGE, org=last.org, on=expelled_on)
    last.valid_to = None
    last.save(update_fields=["valid_to"])
    locked.state = lifecycle.next_state(locked.state, "reinstate")
    locked.exit_date, locked.exit_reason, locked.exit_detail = None, "", ""
    _save(locked)
    audit_record(
        actor=actor,
        action=Event.REINSTATED,
        obj=locked,
        org=last.org,
        data={"on": expelled_on, "decision": decision, "cell": last.org.code},
    )
    return locked


# Transfers --------------------------------------------------------------------------


@transaction.atomic
def member_move(*, actor: User, member: Member, to_cell: OrgUnit, on: dt.date) -> Membership:
    """Chuyển chi bộ within the same organization, effective at once."""
    locked = _transition(actor, member, "move", on)
    _cell_on(actor, to_cell, on)
    old = _end_membership(locked, on)
    if old.org_id == to_cell.pk:
        raise MemberChangeError(_("Đảng viên đã sinh hoạt ở chi bộ này."))
    new = Membership.objects.create(
        member=locked, org=to_cell, valid_from=on, start=Membership.Start.TRANSFER
    )
    audit_record(
        actor=actor,
        action=Event.MOVED,
        obj=locked,
        org=to_cell,
        data={"from": old.org.code, "to": to_cell.code, "on": on},
    )
    return new


@transaction.atomic
def transfer_start(
    *,
    actor: User,
    member: Member,
    kind: str,
    decided_on: dt.date,
    to_cell: OrgUnit | None = None,
    other_party: str = "",
    expected_return: dt.date | None = None,
) -> Transfer:
    """Start an official transfer (within the committee to TO_CELL, or out to OTHER_PARTY)
    or a temporary one (with its EXPECTED_RETURN). The member stays counted in their cell
    until they arrive, leave the committee, or return."""
    temporary = kind in (Transfer.Kind.TEMPORARY_WORK, Transfer.Kind.TEMPORARY_STUDY)
    if kind not in (Transfer.Kind.INTERNAL, Transfer.Kind.OUTGOING) and not temporary:
        raise MemberChangeError({"kind": _("Loại chuyển sinh hoạt không hợp lệ.")})
    locked = _transition(
        actor, member, "temporary_leave" if temporary else "transfer_start", decided_on
    )
    cell = current_cell(locked)
    if kind == Transfer.Kind.INTERNAL:
        if to_cell is None:
            raise MemberChangeError({"to_cell": _("Chọn chi bộ nơi đến.")})
        _cell_on(actor, to_cell, decided_on)
        if cell is not None and cell.pk == to_cell.pk:
            raise MemberChangeError({"to_cell": _("Đảng viên đã sinh hoạt ở chi bộ này.")})
    elif not other_party.strip():
        raise MemberChangeError({"other_party": _("Ghi rõ nơi đến.")})
    if temporary:
        if expected_return is None:
            raise MemberChangeError({"expected_return": _("Ghi ngày dự kiến trở về.")})
        rules = rules_for(LIFECYCLE, decided_on)
        study = kind == Transfer.Kind.TEMPORARY_STUDY
        if rules.temporary_period_problem(
            study=study, start=decided_on, expected_return=expected_return
        ):
            raise MemberChangeError({"expected_return": rules.message("TEMPORARY_PERIOD")})
    _save(locked)
    transfer = Transfer.objects.create(
        member=locked,
        kind=kind,
        from_org=cell,
        to_org=to_cell if not temporary else None,
        other_party=other_party.strip(),
        decision_date=decided_on,
        expected_return_date=expected_return,
        state=Transfer.State.AWAY if temporary else Transfer.State.IN_TRANSIT,
    )
    audit_record(
        actor=actor,
        action=Event.TRANSFER_STARTED,
        obj=locked,
        org=cell,
        data={
            "kind": kind,
            "to": to_cell.code if to_cell else other_party,
            "decided_on": decided_on,
            "transfer": transfer.pk,
        },
    )
    return transfer


def _open_transfer(transfer: Transfer, *states: str) -> Transfer:
    # The cells come in the same query (the letter and the arrival name them); only the
    # transfer is locked, and saved with the columns its step changed (`save_changed`).
    # Its member is read under their own lock by `_member_step`.
    transfers = Transfer.objects.select_for_update(of=("self",))
    locked = remember_columns(transfers.select_related("from_org", "to_org").get(pk=transfer.pk))
    if locked.state not in states:
        raise MemberChangeError(_("Việc chuyển sinh hoạt này đã kết thúc."))
    return locked


def _member_step(actor: User, transfer: Transfer, action: str, on: dt.date) -> Member:
    """TRANSFER's member locked and moved along ACTION (`_transition`), as its `member`."""
    transfer.member = _transition(actor, Member(pk=transfer.member_id), action, on)
    return transfer.member


@transaction.atomic
def transfer_issue_letter(
    *,
    actor: User,
    transfer: Transfer,
    on: dt.date,
    today: dt.date,
    dues_paid_until: dt.date | None = None,
    enclosures: str = "",
) -> Transfer:
    """Giấy giới thiệu sinh hoạt đảng, stating the month the member's dues are paid up to
    (DUES_PAID_UNTIL, any day of it) and the records sent with it. For a member leaving the
    committee this is the day they leave its roll (counted there up to the day before)."""
    locked = _open_transfer(transfer, Transfer.State.IN_TRANSIT, Transfer.State.AWAY)
    if on < locked.decision_date:
        raise MemberChangeError({"letter_date": _("Ngày cấp giấy phải từ ngày quyết định.")})
    if dues_paid_until is not None:
        if dues_paid_until.replace(day=1) > on.replace(day=1):
            message = _("Tháng đã đóng đảng phí không thể sau tháng cấp giấy.")
            raise MemberChangeError({"dues_paid_until": message})
        locked.dues_paid_until = dues_paid_until.replace(day=1)
    locked.enclosures = enclosures.strip()
    member = _member_step(actor, locked, "transfer_letter", on)
    assert locked.from_org is not None  # a transfer out of the committee leaves a cell
    number = registered_number(
        actor=actor, org=locked.from_org, kind=DocumentKind.LETTER, on=on, subject=locked.member,
        summary=_("Giấy giới thiệu sinh hoạt đảng: %(name)s") % {"name": locked.member.full_name},
    )  # fmt: skip
    locked.letter_date, locked.letter_number = on, number
    if locked.kind == Transfer.Kind.OUTGOING:
        locked.state = Transfer.State.COMPLETED
    save_changed(locked)
    audit_record(
        actor=actor,
        action=Event.TRANSFER_LETTER,
        obj=locked.member,
        org=locked.from_org,
        data={
            "transfer": locked.pk,
            "on": on,
            "number": number,
            "dues_paid_until": locked.dues_paid_until,
            "enclosures": locked.enclosures,
        },
    )
    if locked.kind == Transfer.Kind.OUTGOING:
        # The member leaves the roll under the lock the letter took (no second read).
        member.state = lifecycle.next_state(member.state, _EXIT_ACTIONS[ExitReason.TRANSFERRED_OUT])
        _leave(actor, member, ExitReason.TRANSFERRED_OUT, on, today, locked.other_party, "")
    return locked


@transaction.atomic
def transfer_arrive(*, actor: User, transfer: Transfer, on: dt.date) -> Transfer:
    """The receiving cell records the member's arrival: from ON they are counted there."""
    locked = _open_transfer(transfer, Transfer.State.IN_TRANSIT)
    if locked.kind != Transfer.Kind.INTERNAL or locked.to_org is None:
        raise MemberChangeError(_("Chỉ chuyển sinh hoạt trong đảng bộ mới ghi ngày đến."))
    if locked.letter_date is None or on < locked.letter_date:
        raise MemberChangeError({"arrived_date": _("Cần giấy giới thiệu trước ngày đến.")})
    member = _member_step(actor, locked, "transfer_arrive", on)
    _cell_on(actor, locked.to_org, on)
    old = _end_membership(member, on)
    Membership.objects.create(
        member=member, org=locked.to_org, valid_from=on, start=Membership.Start.TRANSFER
    )
    _save(member)
    locked.arrived_date, locked.state = on, Transfer.State.COMPLETED
    save_changed(locked)
    audit_record(
        actor=actor,
        action=Event.TRANSFER_ARRIVED,
        obj=member,
        org=locked.to_org,
        data={"transfer": locked.pk, "from": old.org.code, "to": locked.to_org.code, "on": on},
    )
    return locked


@transaction.atomic
def transfer_return(*, actor: User, transfer: Transfer, on: dt.date) -> Transfer:
    """Trở về sau sinh hoạt tạm thời."""
    locked = _open_transfer(transfer, Transfer.State.AWAY)
    member = _member_step(actor, locked, "temporary_return", on)
    _save(member)
    locked.returned_date, locked.state = on, Transfer.State.COMPLETED
    save_changed(locked)
    audit_record(
        actor=actor,
        action=Event.RETURNED,
        obj=member,
        org=locked.from_org,
        data={"transfer": locked.pk, "on": on},
    )
    return locked


@transaction.atomic
def transfer_cancel(*, actor: User, transfer: Transfer, reason: str) -> Transfer:
    locked = _open_transfer(transfer, Transfer.State.IN_TRANSIT)
    member = _member_step(actor, locked, "transfer_cancel", locked.decision_date)
    _save(member)
    locked.state = Transfer.State.CANCELLED
    save_changed(locked)
    audit_record(
        actor=actor,
        action=Event.TRANSFER_CANCELLED,
        obj=member,
        org=locked.from_org,
        data={"transfer": locked.pk},
        reason=reason,
    )
    return locked


# Exemption and badges ---------------------------------------------------------------


@transaction.atomic
def member_exempt(
    *, actor: User, member: Member, valid_from: dt.date, valid_to: dt.date | None, reason: str
) -> Exemption:
    """Miễn công tác và sinh hoạt đảng for a period; the cell decides (Quy định 24 mục 7.1)."""
    locked = _transition(actor, member, "exempt", valid_from)
    overlapping = locked.exemptions.filter(valid_to__isnull=True) | locked.exemptions.filter(
        valid_to__gt=valid_from
    )
    if overlapping.exists():
        raise MemberChangeError(_("Đã có thời gian miễn sinh hoạt trùng khoảng này."))
    exemption = Exemption(
        member=locked, valid_from=valid_from, valid_to=valid_to, reason=reason.strip()
    )
    try:
        exemption.full_clean()
    except ValidationError as error:
        raise MemberChangeError(error.message_dict) from None
    exemption.save()
    audit_record(
        actor=actor,
        action=Event.EXEMPTED,
        obj=locked,
        org=current_cell(locked),
        data={"from": valid_from, "to": valid_to},
        reason=reason,
    )
    return exemption


@transaction.atomic
def badge_award(
    *,
    actor: User,
    member: Member,
    milestone: int,
    awarded_on: dt.date,
    decision: str = "",
    seriously_ill: bool = False,
    reason: str = "",
) -> BadgeAward:
    """Record a Huy hiệu Đảng awarded on one of the occasions of the badge rules of its
    day, for the milestone those rules say is due then: reached by the occasion, or within
    the early window of a serious illness (SERIOUSLY_ILL) or of a death (truy tặng), which
    needs its REASON. Party age counts from the admission decision, less the periods out
    of the Party."""
    locked = _transition(actor, member, "award_badge", awarded_on)
    try:
        rules = rules_for(BADGES, awarded_on)
    except NoRuleSet as missing:
        raise MemberChangeError({"awarded_on": str(missing)}) from None
    if milestone not in rules.milestones:
        raise MemberChangeError({"milestone": rules.not_a_milestone()})
    if not rules.is_occasion(awarded_on):
        raise MemberChangeError({"awarded_on": rules.not_an_occasion()})
    awarded = frozenset(locked.badges.values_list("milestone", flat=True))
    if milestone in awarded:
        raise MemberChangeError(_("Đảng viên đã nhận Huy hiệu mốc này."))
    candidate = badge_candidate(
        locked,
        awarded=awarded,
        on=awarded_on,
        seriously_ill=seriously_ill,
        disciplines=disciplines_of([locked.pk], awarded_on)[locked.pk],
    )
    due = rules.badge_due(candidate, awarded_on)
    if due is None or due.milestone != milestone:
        raise MemberChangeError({"milestone": rules.not_due(milestone, awarded_on, due)})
    if due.blocked_until is not None:
        raise MemberChangeError({"awarded_on": rules.waiting(due.blocked_until)})
    if due.early and not reason.strip():
        raise MemberChangeError({"reason": rules.early_needs_reason()})
    award = BadgeAward.objects.create(
        member=locked,
        milestone=milestone,
        awarded_on=awarded_on,
        decision=decision.strip(),
        early=due.early,
        seriously_ill=seriously_ill and due.early,
        reason=reason.strip(),
        recorded_by_id=getattr(actor, "pk", None),
    )
    audit_record(
        actor=actor,
        action=Event.BADGE_AWARDED,
        obj=locked,
        org=current_cell(locked),
        data={
            "milestone": milestone,
            "on": awarded_on,
            "early": due.early,
            "posthumous": due.posthumous,
            "reason": reason.strip(),
        },
    )
    return award


@transaction.atomic
def member_receive(*, actor: User, values: dict[str, object], cell: OrgUnit, on: dt.date,
                   other_party: str, today: dt.date) -> Member:  # fmt: skip
    """Tiếp nhận: a member transferred in from outside the committee joins CELL on ON."""
    from dangvu.members.services.registry import member_register

    if not other_party.strip():
        raise MemberChangeError({"other_party": _("Ghi rõ nơi chuyển đến.")})
    member = member_register(
        actor=actor,
        values=values,
        cell=cell,
        start=Membership.Start.TRANSFER_IN,
        joined_on=on,
        today=today,
    )
    transfer = Transfer.objects.create(
        member=member,
        kind=Transfer.Kind.INCOMING,
        state=Transfer.State.COMPLETED,
        to_org=cell,
        other_party=other_party.strip(),
        decision_date=on,
        arrived_date=on,
    )
    audit_record(
        actor=actor,
        action=Event.RECEIVED,
        obj=member,
        org=cell,
        data={"from": other_party, "on": on, "transfer": transfer.pk},
    )
    return member
