"""Writes of inspection, supervision and discipline. Each service validates, checks every
organization and member it touches against the actor's DISCIPLINE right, saves and audits
in one transaction. The audit keeps no case details (findings, the denouncer): the trail
is read more widely than the cases."""

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.dates import Fact, date_problem
from dangvu.common.events import Event
from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.common.text import text_problems
from dangvu.common.workdays import default_calendar
from dangvu.discipline.effects import decision_apply, decision_lift
from dangvu.discipline.models import Appeal, Check, Complaint, Decision, Program, Recommendation
from dangvu.discipline.rules import Body, DisciplineError, Form, Standing
from dangvu.discipline.rulesets import DISCIPLINE, DisciplineRules
from dangvu.members import facts
from dangvu.members.models import Member
from dangvu.organizations.access import User, require
from dangvu.organizations.authorities import admission_authorised
from dangvu.organizations.models import CELL_KINDS, Membership, OrgKind, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource

CHANGE = Action.CHANGE
DISC = Resource.DISCIPLINE


def _rules(on: dt.date, field: str) -> DisciplineRules:
    try:
        return rules_for(DISCIPLINE, on)
    except NoRuleSet as missing:
        raise DisciplineError({field: str(missing)}) from None


def _texts(**values: tuple[str, str]) -> None:
    """Refuse typed text with hidden characters; VALUES: field → (value, label)."""
    if found := text_problems(**values):
        raise DisciplineError(found)


def _dates(today: dt.date, **values: tuple[dt.date | None, Fact, str]) -> None:
    found = {
        name: problem
        for name, (value, fact, label) in values.items()
        if value is not None and (problem := date_problem(value, fact, label, today))
    }
    if found:
        raise DisciplineError(found)


def _version(org: OrgUnit, on: dt.date, field: str) -> OrgVersion:
    version = OrgVersion.objects.as_of(on).filter(org=org).first()
    if version is None:
        raise DisciplineError(
            {field: _("Tổ chức %(code)s không hoạt động vào ngày %(date)s.")
             % {"code": org.code, "date": f"{on:%d/%m/%Y}"}}
        )  # fmt: skip
    return version


def subject_org_on(
    *, org: OrgUnit | None, member: Member | None, on: dt.date
) -> tuple[OrgUnit, OrgVersion]:
    """Where a record about ORG or MEMBER is filed: the organization, or the member's cell
    on ON; with that organization's version then."""
    if (org is None) == (member is None):
        raise DisciplineError({"subject": _("Chọn một tổ chức đảng hoặc một đảng viên.")})
    if member is not None:
        row = Membership.objects.as_of(on).filter(member=member).select_related("org").first()
        if row is None:
            raise DisciplineError(
                {"subject": _("Đảng viên không sinh hoạt ở chi bộ nào vào ngày %(date)s.")
                 % {"date": f"{on:%d/%m/%Y}"}}
            )  # fmt: skip
        org = row.org
    assert org is not None
    return org, _version(org, on, "subject")


def _subject_in_scope(
    actor: User, *, org: OrgUnit | None, member: Member | None, on: dt.date
) -> tuple[OrgUnit, OrgVersion]:
    filed, version = subject_org_on(org=org, member=member, on=on)
    require(actor, DISC, CHANGE, org=filed, on=on)
    if member is not None:
        require(actor, DISC, CHANGE, member=member, on=on)
    return filed, version


# Programs and checks ----------------------------------------------------------------


@transaction.atomic
def program_create(
    *, actor: User, committee: OrgUnit, holder: str, year: int, title: str
) -> Program:
    require(actor, DISC, CHANGE, org=committee)
    _texts(title=(title, _("Tên chương trình")))
    if holder not in Program.Holder.values:
        raise DisciplineError({"holder": _("Chủ thể không hợp lệ.")})
    if Program.objects.filter(committee=committee, holder=holder, year=year).exists():
        raise DisciplineError({"year": _("Năm này đã có chương trình của chủ thể đó.")})
    program = Program.objects.create(
        committee=committee, holder=holder, year=year, title=title.strip()
    )
    audit_record(actor=actor, action=Event.PROGRAM_CREATED, obj=program, org=committee,
                 data={"year": year, "holder": holder})  # fmt: skip
    return program


@transaction.atomic
def check_record(
    *,
    actor: User,
    program: Program,
    activity: str,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    subject_org: OrgUnit | None = None,
    subject_member: Member | None = None,
    team: str = "",
    content: str = "",
    today: dt.date,
) -> Check:
    """A check of PROGRAM: its subject, schedule and team. The subject must sit under the
    program's committee when the check starts."""
    require(actor, DISC, CHANGE, org=program.committee)
    _dates(today, starts_on=(starts_on, Fact.PLANNED_END, _("Bắt đầu")),
           ends_on=(ends_on, Fact.PLANNED_END, _("Kết thúc")))  # fmt: skip
    _texts(team=(team, _("Đoàn kiểm tra, giám sát")), content=(content, _("Nội dung")))
    if ends_on < starts_on:
        raise DisciplineError({"ends_on": _("Ngày kết thúc trước ngày bắt đầu.")})
    if activity not in Check.Activity.values or kind not in Check.Kind.values:
        raise DisciplineError({"kind": _("Loại kiểm tra, giám sát không hợp lệ.")})
    filed, version = _subject_in_scope(actor, org=subject_org, member=subject_member,
                                       on=starts_on)  # fmt: skip
    _under(version, program.committee, starts_on, "subject")
    check = Check.objects.create(
        program=program, activity=activity, kind=kind, starts_on=starts_on, ends_on=ends_on,
        subject_org=subject_org, subject_member=subject_member, org=filed,
        team=team.strip(), content=content.strip(),
    )  # fmt: skip
    audit_record(actor=actor, action=Event.CHECK_RECORDED, obj=check, org=filed,
                 data={"activity": activity, "check_kind": kind, "on": starts_on})  # fmt: skip
    return check


def _under(version: OrgVersion, ancestor: OrgUnit, on: dt.date, field: str) -> OrgVersion:
    """ANCESTOR's version on ON, when VERSION sits in its subtree then."""
    above = _version(ancestor, on, field)
    if not version.path.startswith(above.path):
        raise DisciplineError(
            {field: _("%(name)s không trực thuộc %(above)s vào ngày %(date)s.")
             % {"name": version.name, "above": above.name, "date": f"{on:%d/%m/%Y}"}}
        )  # fmt: skip
    return above


@transaction.atomic
def check_conclude(
    *,
    actor: User,
    check: Check,
    findings: str,
    conclusion: str,
    concluded_on: dt.date,
    recommendations: Sequence[tuple[str, dt.date]] = (),
    version: int,
    today: dt.date,
) -> Check:
    """The check's findings and conclusion, with the recommendations to follow up."""
    locked = Check.objects.select_for_update().get(pk=check.pk)
    require(actor, DISC, CHANGE, org=locked.org, on=locked.starts_on)
    if locked.version != version:
        raise DisciplineError(_("Cuộc kiểm tra vừa được người khác sửa; hãy mở lại trang."))
    _dates(today, concluded_on=(concluded_on, Fact.EVENT, _("Ngày kết luận")))
    _texts(findings=(findings, _("Kết quả")), conclusion=(conclusion, _("Kết luận")),
           **{f"recommendation_{i}": (text, _("Kiến nghị"))
              for i, (text, _due) in enumerate(recommendations)})  # fmt: skip
    if not conclusion.strip():
        raise DisciplineError({"conclusion": _("Ghi nội dung kết luận.")})
    if concluded_on < locked.starts_on:
        raise DisciplineError({"concluded_on": _("Ngày kết luận trước ngày bắt đầu kiểm tra.")})
    if any(due < concluded_on for _text, due in recommendations):
        raise DisciplineError(
            {"recommendations": _("Hạn thực hiện kiến nghị trước ngày kết luận.")}
        )
    locked.findings, locked.conclusion = findings.strip(), conclusion.strip()
    locked.concluded_on = concluded_on
    locked.version += 1
    locked.save()
    Recommendation.objects.bulk_create(
        Recommendation(check_of=locked, text=text.strip(), due_on=due)
        for text, due in recommendations
    )
    audit_record(actor=actor, action=Event.CHECK_CONCLUDED, obj=locked, org=locked.org,
                 data={"on": concluded_on, "recommendations": len(recommendations)})  # fmt: skip
    return locked


@transaction.atomic
def recommendation_done(
    *, actor: User, recommendation: Recommendation, done_on: dt.date, note: str, today: dt.date
) -> Recommendation:
    check = recommendation.check_of
    require(actor, DISC, CHANGE, org=check.org, on=check.starts_on)
    _dates(today, done_on=(done_on, Fact.EVENT, _("Ngày hoàn thành")))
    _texts(note=(note, _("Kết quả thực hiện")))
    if check.concluded_on and done_on < check.concluded_on:
        raise DisciplineError({"done_on": _("Ngày hoàn thành trước ngày kết luận.")})
    recommendation.done_on, recommendation.done_note = done_on, note.strip()
    recommendation.save(update_fields=["done_on", "done_note"])
    audit_record(actor=actor, action=Event.RECOMMENDATION_DONE, obj=check, org=check.org,
                 data={"on": done_on})  # fmt: skip
    return recommendation


# Complaints and denunciations -------------------------------------------------------


@transaction.atomic
def complaint_receive(
    *,
    actor: User,
    committee: OrgUnit,
    kind: str,
    received_on: dt.date,
    summary: str,
    sender: str = "",
    handler: str = "",
    subject_org: OrgUnit | None = None,
    subject_member: Member | None = None,
    today: dt.date,
) -> Complaint:
    """Khiếu nại or tố cáo received by COMMITTEE (or its commission), with its deadline in
    working days from the rules of the day it arrived."""
    require(actor, DISC, CHANGE, org=committee, on=received_on)
    _dates(today, received_on=(received_on, Fact.EVENT, _("Ngày nhận")))
    _texts(summary=(summary, _("Nội dung")), sender=(sender, _("Người gửi")),
           handler=(handler, _("Người được giao")))  # fmt: skip
    if kind not in Complaint.Kind.values:
        raise DisciplineError({"kind": _("Loại đơn không hợp lệ.")})
    if not summary.strip():
        raise DisciplineError({"summary": _("Ghi nội dung đơn.")})
    rules = _rules(received_on, "received_on")
    filed, version = _subject_in_scope(actor, org=subject_org, member=subject_member,
                                       on=received_on)  # fmt: skip
    _under(version, committee, received_on, "subject")
    days = (
        rules.denunciation_working_days
        if kind == Complaint.Kind.DENUNCIATION
        else rules.complaint_working_days
    )
    complaint = Complaint.objects.create(
        committee=committee, kind=kind, received_on=received_on,
        due_on=default_calendar().add_working_days(received_on, days),
        sender=sender.strip(), summary=summary.strip(), handler=handler.strip(),
        subject_org=subject_org, subject_member=subject_member, org=filed,
    )  # fmt: skip
    audit_record(actor=actor, action=Event.COMPLAINT_RECEIVED, obj=complaint, org=committee,
                 about=str(Complaint.Kind(kind).label), data={"on": received_on})  # fmt: skip
    return complaint


@transaction.atomic
def complaint_resolve(
    *,
    actor: User,
    complaint: Complaint,
    outcome: str,
    closed_on: dt.date,
    opened_check: Check | None = None,
    today: dt.date,
) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    require(actor, DISC, CHANGE, org=locked.committee, on=locked.received_on)
    _dates(today, closed_on=(closed_on, Fact.EVENT, _("Ngày kết thúc")))
    if outcome not in Complaint.Outcome.values or not outcome:
        raise DisciplineError({"outcome": _("Chọn kết quả giải quyết.")})
    if closed_on < locked.received_on:
        raise DisciplineError({"closed_on": _("Ngày kết thúc trước ngày nhận đơn.")})
    if opened_check is not None:
        require(actor, DISC, CHANGE, org=opened_check.org, on=opened_check.starts_on)
    locked.outcome, locked.closed_on, locked.opened_check = outcome, closed_on, opened_check
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action=Event.COMPLAINT_RESOLVED, obj=locked, org=locked.committee,
                 about=str(locked.get_kind_display()), data={"on": closed_on})  # fmt: skip
    return locked


# Decisions and appeals --------------------------------------------------------------

# The kinds of organization each body is.
_BODY_KINDS = {
    Body.CELL: CELL_KINDS,
    Body.GRASSROOTS_COMMITTEE: (OrgKind.GRASSROOTS_COMMITTEE,),
    Body.UPPER_COMMISSION: (OrgKind.UPPER_COMMITTEE,),
    Body.UPPER_COMMITTEE: (OrgKind.UPPER_COMMITTEE,),
}


def _standing(member: Member | None, on: dt.date) -> str:
    if member is None:
        return Standing.ORGANIZATION
    status = facts.status_on(admission_date=member.admission_date,
                             official_date=member.official_date,
                             exit_date=member.exit_date, on=on)  # fmt: skip
    if status == facts.Status.OFFICIAL:
        return Standing.OFFICIAL
    if status == facts.Status.PROBATIONARY:
        return Standing.PROBATIONARY
    raise DisciplineError({"subject": _("Người này không là đảng viên vào ngày quyết định.")})


def _body_problem(
    rules: DisciplineRules, body: str, body_version: OrgVersion, subject: OrgVersion,
    standing: str, form: str,
) -> str | None:  # fmt: skip
    """Why BODY_VERSION cannot decide about SUBJECT (the member's cell, or the
    organization), or None. A cell decides about its own members; the other bodies about
    what sits below them; giải tán comes from further up."""
    if body_version.kind not in _BODY_KINDS[Body(body)]:
        return _("%(name)s không phải là %(body)s.") % {
            "name": body_version.name, "body": str(Body(body).label).lower()
        }  # fmt: skip
    own = standing != Standing.ORGANIZATION and body == Body.CELL
    if own and body_version.org_id != subject.org_id:
        return _("Chi bộ chỉ quyết định kỷ luật đảng viên của chi bộ mình.")
    if not own and (
        not subject.path.startswith(body_version.path) or body_version.org_id == subject.org_id
    ):
        return _("%(name)s không phải cấp trên của đối tượng.") % {"name": body_version.name}
    if form == Form.DISSOLUTION:
        levels = subject.path.count("/") - body_version.path.count("/")
        if levels < rules.dissolution_levels_above:
            return _("Giải tán tổ chức đảng do cấp ủy cấp trên cách một cấp quyết định.")
    return None


@transaction.atomic
def decision_record(
    *,
    actor: User,
    body: str,
    body_org: OrgUnit,
    form: str,
    number: str,
    decided_on: dt.date,
    violated_on: dt.date,
    reason: str,
    subject_org: OrgUnit | None = None,
    subject_member: Member | None = None,
    no_limit_ground: str = "",
    subject_in_committee: bool = False,
    subject_upper_managed: bool = False,
    from_check: Check | None = None,
    today: dt.date,
) -> Decision:
    """An issued discipline decision, checked against the rules of its day (forms by
    standing, the deciding body's power, the statute of limitations), then applied: a
    khai trừ ends membership and a giải tán the organization, on DECIDED_ON. The subject
    member's seat in the deciding body's committee and whether the upper level manages
    them as a cadre are declared (the registry holds neither)."""
    _dates(today, decided_on=(decided_on, Fact.EVENT, _("Ngày quyết định")),
           violated_on=(violated_on, Fact.EVENT, _("Ngày vi phạm")))  # fmt: skip
    _texts(number=(number, _("Số quyết định")), reason=(reason, _("Nội dung vi phạm")))
    if not number.strip():
        raise DisciplineError({"number": _("Ghi số quyết định.")})
    if not reason.strip():
        raise DisciplineError({"reason": _("Ghi nội dung vi phạm.")})
    if form not in Form.values or body not in Body.values:
        raise DisciplineError({"form": _("Hình thức hoặc cấp quyết định không hợp lệ.")})
    rules = _rules(decided_on, "decided_on")
    filed, subject = _subject_in_scope(actor, org=subject_org, member=subject_member,
                                       on=decided_on)  # fmt: skip
    require(actor, DISC, CHANGE, org=body_org, on=decided_on)
    if from_check is not None:
        require(actor, DISC, CHANGE, org=from_check.org, on=from_check.starts_on)
    standing = _standing(subject_member, decided_on)
    authorised = body == Body.GRASSROOTS_COMMITTEE and admission_authorised(body_org, decided_on)
    problems = rules.problems(standing=standing, form=form, body=body, counted_from=violated_on,
                              decided_on=decided_on, ground=no_limit_ground,
                              authorised=authorised,
                              excepted=subject_in_committee or subject_upper_managed)  # fmt: skip
    if not problems:
        body_version = _version(body_org, decided_on, "body_org")
        if found := _body_problem(rules, body, body_version, subject, standing, form):
            problems["body_org"] = found
    if problems:
        raise DisciplineError(problems)
    decision = Decision.objects.create(
        subject_org=subject_org, subject_member=subject_member, org=filed, body=body,
        body_org=body_org, standing=standing, form=form, effective_form=form,
        number=number.strip(), decided_on=decided_on, violated_on=violated_on,
        no_limit_ground=no_limit_ground, reason=reason.strip(), from_check=from_check,
        subject_in_committee=subject_in_committee, subject_upper_managed=subject_upper_managed,
        recorded_by_id=getattr(actor, "pk", None),
    )  # fmt: skip
    audit_record(actor=actor, action=Event.DISCIPLINED, obj=decision, org=filed,
                 about=str(decision),
                 data={"form": form, "on": decided_on, "number": decision.number})  # fmt: skip
    decision_apply(actor=actor, decision=decision, today=today)
    return decision


@transaction.atomic
def appeal_file(
    *, actor: User, decision: Decision, filed_on: dt.date, reason: str, today: dt.date
) -> Appeal:
    """Khiếu nại kỷ luật: within the time the rules allow after the decision (counted from
    the decision's date, as the day it was received is not recorded)."""
    require(actor, DISC, CHANGE, org=decision.org, on=decision.decided_on)
    _dates(today, filed_on=(filed_on, Fact.EVENT, _("Ngày nhận đơn")))
    _texts(reason=(reason, _("Nội dung khiếu nại")))
    rules = _rules(decision.decided_on, "filed_on")
    last = rules.appeal_deadline(decision.decided_on)
    if not decision.decided_on <= filed_on <= last:
        raise DisciplineError(
            {"filed_on": _("Khiếu nại kỷ luật phải gửi từ ngày quyết định đến hết %(date)s.")
             % {"date": f"{last:%d/%m/%Y}"}}
        )  # fmt: skip
    if decision.appeals.filter(outcome=Appeal.Outcome.PENDING).exists():
        raise DisciplineError(_("Quyết định này đang có khiếu nại chưa giải quyết."))
    appeal = Appeal.objects.create(
        decision=decision, filed_on=filed_on, reason=reason.strip(),
        due_on=default_calendar().add_working_days(filed_on, rules.appeal_resolution_working_days),
    )  # fmt: skip
    audit_record(actor=actor, action=Event.APPEAL_FILED, obj=decision, org=decision.org,
                 about=str(decision), data={"on": filed_on})  # fmt: skip
    return appeal


@transaction.atomic
def appeal_resolve(
    *,
    actor: User,
    appeal: Appeal,
    outcome: str,
    resolved_on: dt.date,
    resolution: str,
    new_form: str = "",
    today: dt.date,
) -> Appeal:
    """The appeal's outcome. A changed form holds from the original decision's date (the
    time served counts); an annulled decision never had effect: an expulsion is undone
    and the member was never out of the Party."""
    locked = Appeal.objects.select_for_update().select_related("decision").get(pk=appeal.pk)
    decision = Decision.objects.select_for_update().get(pk=locked.decision_id)
    require(actor, DISC, CHANGE, org=decision.org, on=decision.decided_on)
    _dates(today, resolved_on=(resolved_on, Fact.EVENT, _("Ngày giải quyết")))
    _texts(resolution=(resolution, _("Số quyết định giải quyết")))
    if locked.outcome:
        raise DisciplineError(_("Khiếu nại này đã được giải quyết."))
    if outcome not in Appeal.Outcome.values or not outcome:
        raise DisciplineError({"outcome": _("Chọn kết quả giải quyết.")})
    if resolved_on < locked.filed_on:
        raise DisciplineError({"resolved_on": _("Ngày giải quyết trước ngày nhận đơn.")})
    effective = decision.effective_form
    if outcome == Appeal.Outcome.CHANGED:
        rules = _rules(decision.decided_on, "new_form")
        if new_form == decision.effective_form or new_form not in rules.allowed_forms(
            decision.standing
        ):
            raise DisciplineError({"new_form": rules.form_not_for(decision.standing)})
        effective = new_form
    elif outcome == Appeal.Outcome.ANNULLED:
        effective = ""
    locked.outcome = outcome
    locked.new_form = new_form if outcome == Appeal.Outcome.CHANGED else ""
    locked.resolved_on, locked.resolution = resolved_on, resolution.strip()
    locked.save()
    if effective != decision.effective_form:
        decision_lift(actor=actor, decision=decision, to_form=effective, resolution=resolution)
        decision.effective_form = effective
        decision.version += 1
        decision.save(update_fields=["effective_form", "version"])
        if effective:
            decision_apply(actor=actor, decision=decision, today=today)
    audit_record(actor=actor, action=Event.APPEAL_RESOLVED, obj=decision, org=decision.org,
                 about=str(decision),
                 data={"outcome": outcome, "form": effective, "on": resolved_on})  # fmt: skip
    return locked
