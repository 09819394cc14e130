"""Công nhận đảng viên chính thức: the cell's resolution proposing it (13-KNĐ), the steps
the route of that day has after it (the đảng ủy bộ phận's review, 14-KNĐ; the đảng ủy cơ
sở's resolution, 15-KNĐ), and the decision (Điều lệ Đảng Điều 5; Quy định 24/232/294 mục
4; HD 12-HD/BTCTW). The route is the admission's (`members.deciders`)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.documents.models import DocumentKind
from dangvu.members import facts
from dangvu.members.deciders import CaseRoute, route_on
from dangvu.members.models import Member
from dangvu.members.rulesets.lifecycle import LIFECYCLE, RECOGNITION_STEPS
from dangvu.members.services.admission import _deciding_committee
from dangvu.members.services.lifecycle import _save, _transition
from dangvu.members.services.numbering import registered_number
from dangvu.members.services.registry import MemberChangeError, _validate, current_cell
from dangvu.organizations.access import User
from dangvu.organizations.models import Membership, OrgUnit


def _proposing_membership(member: Member) -> Membership | None:
    """MEMBER's cell period on the day of the cell's resolution (the one they were leaving,
    when in transit), or the last one before the resolution is recorded."""
    periods = member.memberships.select_related("org").order_by("-valid_from")
    if (proposed := member.recognition_proposed_on) is not None:
        return periods.filter(valid_from__lte=proposed).first() or periods.first()
    return periods.first()


def recognition_route(member: Member) -> CaseRoute:
    """Where MEMBER's recognition goes after the cell's resolution proposing it: the tree
    and the authorisations to admit on that day (a member without a cell: straight up)."""
    return _route_of(member)[1]


def _route_of(member: Member) -> tuple[Membership | None, CaseRoute]:
    """`recognition_route`, with the period it comes from (`_proposing_membership`)."""
    assert member.recognition_proposed_on is not None
    period = _proposing_membership(member)
    if period is None:
        return None, CaseRoute()
    return period, route_on(period.org_id, member.recognition_proposed_on)


def _cell_now(member: Member, period: Membership | None) -> OrgUnit | None:
    """MEMBER's cell today: PERIOD's when it is still open (a member has one open period,
    so no query), or else read."""
    if period is not None and period.valid_to is None:
        return period.org
    return current_cell(member)


def recognition_pending_step(member: Member) -> str | None:
    """The next step of MEMBER's recognition after the cell's resolution (a field of
    `RECOGNITION_STEPS`: the review, the đảng ủy cơ sở's resolution or the decision); None
    before that resolution, once official, after leaving the roll, and for a resolution
    dated where no rules are (recorded before the date policy: the due list flags it)."""
    proposed = member.recognition_proposed_on
    if proposed is None or member.official_date is not None or member.exit_date is not None:
        return None
    try:
        rules = rules_for(LIFECYCLE, proposed)
    except NoRuleSet:
        return None
    steps = rules.steps_after_cell(recognition_route(member).route, RECOGNITION_STEPS)
    return next(step for step in steps if getattr(member, step) is None)


def _probationary(actor: User, member: Member, on: dt.date) -> Member:
    """MEMBER locked for a step of their recognition dated ON, while still probationary."""
    locked = _transition(actor, member, "recognize", on)
    if locked.official_date is not None:
        raise MemberChangeError(_("Đảng viên đã là đảng viên chính thức."))
    return locked


def _after_cell(member: Member, step: str, on: dt.date) -> tuple[Membership | None, CaseRoute]:
    """MEMBER's route (with the period it comes from), once STEP (dated ON) is on it and
    what comes before it is recorded, in order (the lifecycle rule set of the cell's
    resolution, or of ON before it)."""
    proposed = member.recognition_proposed_on
    rules = rules_for(LIFECYCLE, proposed or on)
    if proposed is None:
        labels = RECOGNITION_STEPS.labels
        message = rules.message(
            "STEP_MISSING", earlier=labels[RECOGNITION_STEPS.cell], later=labels[step]
        )
        raise MemberChangeError({step: [message]})
    period, route = _route_of(member)
    dates = {name: getattr(member, name) for name in RECOGNITION_STEPS.labels}
    if problems := rules.after_cell_messages(route.route, dates, step, on, RECOGNITION_STEPS):
        raise MemberChangeError({step: problems})
    return period, route


@transaction.atomic
def member_recognition_propose(*, actor: User, member: Member, on: dt.date) -> Member:
    """The cell's resolution proposing recognition (13-KNĐ), on or after probation's end. A
    new resolution starts the route again: the steps taken on an earlier one are cleared
    (the trail keeps them), as the route is the new day's."""
    locked = _probationary(actor, member, on)
    end = facts.official_date(locked.admission_date)
    if on < end:
        rules = rules_for(LIFECYCLE, locked.admission_date)
        raise MemberChangeError(rules.message("PROBATION_NOT_OVER", date=f"{end:%d/%m/%Y}"))
    locked.recognition_proposed_on = on
    locked.recognition_reviewed_on = locked.recognition_grassroots_on = None
    _save(locked)
    audit_record(
        actor=actor,
        action=Event.RECOGNITION_PROPOSED,
        obj=locked,
        org=current_cell(locked),
        data={"on": on},
    )
    return locked


@transaction.atomic
def member_recognition_review(*, actor: User, member: Member, on: dt.date) -> Member:
    """The đảng ủy bộ phận's review of the cell's resolution proposing recognition
    (14-KNĐ), for a cell inside a đảng bộ bộ phận, after that resolution and before the
    đảng ủy cơ sở acts. It reviews only: it has no power to decide."""
    locked = _probationary(actor, member, on)
    period, route = _after_cell(locked, RECOGNITION_STEPS.review, on)
    assert route.sub_committee is not None
    locked.recognition_reviewed_on = on
    _save(locked)
    audit_record(
        actor=actor, action=Event.RECOGNITION_REVIEWED, obj=locked, org=_cell_now(locked, period),
        data={"on": on, "sub_committee": route.sub_committee.name},
    )  # fmt: skip
    return locked


@transaction.atomic
def member_recognition_grassroots(*, actor: User, member: Member, on: dt.date) -> Member:
    """The đảng ủy cơ sở's resolution proposing recognition (15-KNĐ), for a cell inside a
    đảng bộ cơ sở not authorised to admit on the day of the cell's resolution, after it
    (and the đảng ủy bộ phận's review) and before the upper committee's decision."""
    locked = _probationary(actor, member, on)
    period, _route = _after_cell(locked, RECOGNITION_STEPS.grassroots, on)
    locked.recognition_grassroots_on = on
    _save(locked)
    audit_record(
        actor=actor, action=Event.RECOGNITION_GRASSROOTS, obj=locked, org=_cell_now(locked, period),
        data={"on": on},
    )  # fmt: skip
    return locked


@transaction.atomic
def member_recognize(*, actor: User, member: Member, decided_on: dt.date, today: dt.date) -> Member:
    """Công nhận chính thức: effective on the exact day probation ends, however late the
    decision (Quy định 232/294 mục 4.4), once the steps of the route are recorded; numbered
    in the deciding committee's register: the upper committee's, or the đảng ủy cơ sở's
    when it was authorised to admit on the day of the cell's resolution (Điều lệ Đảng Điều
    5; Quy định 29/24/232/294 mục 4.3.2)."""
    locked = _probationary(actor, member, decided_on)
    period, route = _after_cell(locked, RECOGNITION_STEPS.decision, decided_on)
    if period is None:
        raise MemberChangeError(_("Đảng viên chưa sinh hoạt ở chi bộ nào."))
    locked.official_date = facts.official_date(locked.admission_date)
    decision = registered_number(
        actor=actor, org=period.org, kind=DocumentKind.DECISION, on=decided_on,
        subject=locked, summary=_("Quyết định công nhận đảng viên chính thức: %(name)s")
        % {"name": locked.full_name}, committee=_deciding_committee(route, decided_on),
    )  # fmt: skip
    locked.official_decision_number = decision
    locked.official_decision_date = decided_on
    _validate(locked, today, identity_changed=False)
    _save(locked)
    audit_record(
        actor=actor,
        action=Event.RECOGNIZED,
        obj=locked,
        org=_cell_now(locked, period),
        data={
            "official_date": locked.official_date,
            "decided_on": decided_on,
            "decision": decision,
        },
    )
    return locked
