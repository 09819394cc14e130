"""What a discipline decision does elsewhere, each through the owning module: a khai trừ
ends membership and a giải tán the organization (their services); the decisions in force
delay badges, cap the year's ratings and appear on the member's record (the registries
members and evaluation keep for the modules above them). `register` fills those at
start-up."""

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.discipline.models import Appeal, Complaint, Decision, Recommendation
from dangvu.discipline.rules import DisciplineError, Form
from dangvu.discipline.selectors import cases_filter, decisions_visible_to, member_decisions
from dangvu.evaluation.models import Rating, Round
from dangvu.members.deadlines import Found
from dangvu.members.models import Member
from dangvu.members.rulesets.badges import DISCIPLINE_FORMS, Discipline
from dangvu.members.services import member_expel, member_reinstate
from dangvu.organizations.access import User
from dangvu.organizations.services import org_disband


def decision_apply(*, actor: User, decision: Decision, today: dt.date) -> None:
    """Carry out DECISION's effective form on its date."""
    if decision.effective_form == Form.EXPULSION and decision.subject_member is not None:
        member_expel(actor=actor, member=decision.subject_member, on=decision.decided_on,
                     today=today, decision=decision.number)  # fmt: skip
    if decision.effective_form == Form.DISSOLUTION and decision.subject_org is not None:
        org_disband(actor=actor, org=decision.subject_org, effective_date=decision.decided_on,
                    decision=decision.number)  # fmt: skip


def decision_lift(*, actor: User, decision: Decision, to_form: str, resolution: str) -> None:
    """Undo what DECISION's effective form did, as it becomes TO_FORM ('' when annulled)."""
    was = decision.effective_form
    if was == Form.EXPULSION and to_form != Form.EXPULSION and decision.subject_member:
        member_reinstate(actor=actor, member=decision.subject_member, decision=resolution)
    if was == Form.DISSOLUTION and to_form != Form.DISSOLUTION:
        raise DisciplineError(
            _("Tổ chức đã giải tán không phục hồi được bằng quyết định này; hãy thành lập lại "
              "tổ chức trên cây tổ chức rồi ghi kết quả giải quyết.")
        )  # fmt: skip


# Badges -----------------------------------------------------------------------------


def badge_waits(member_ids: Collection[int], on: dt.date) -> Mapping[int, list[Discipline]]:
    """The decisions in force on ON that the badge rules wait on, by member: a changed
    form counts from the original decision's date."""
    found: dict[int, list[Discipline]] = defaultdict(list)
    rows = member_decisions(member_ids, on).filter(effective_form__in=DISCIPLINE_FORMS)
    for member_id, form, decided_on in rows.values_list(
        "subject_member_id", "effective_form", "decided_on"
    ):
        found[member_id].append(Discipline(form, decided_on))
    return found


# Evaluation -------------------------------------------------------------------------


def evaluation_facts(round_: Round, ratings: Sequence[Rating]) -> dict[int, dict[str, Any]]:
    """Ratings of members and organizations disciplined in the round's year: "disciplined"
    (the caps of the year's rules). Only a yes: a member disciplined by a state body, which
    the Party learns of by letter, is still entered by hand."""
    in_year = Decision.objects.filter(decided_on__year=round_.year).exclude(effective_form="")
    members = set(in_year.filter(subject_member_id__isnull=False)
                  .values_list("subject_member_id", flat=True))  # fmt: skip
    orgs = set(in_year.filter(subject_org_id__isnull=False)
               .values_list("subject_org_id", flat=True))  # fmt: skip
    return {
        rating.pk: {"disciplined": True}
        for rating in ratings
        if (rating.member_id in members if rating.kind == Rating.Kind.MEMBER
            else rating.org_id in orgs)
    }  # fmt: skip


# The member's record ----------------------------------------------------------------


def record_lines(user: User, member: Member) -> list[tuple[dt.date, str, str]]:
    """MEMBER's decisions USER may read, for the record page."""
    return [
        (
            decision.decided_on,
            _("Kỷ luật %(form)s (quyết định số %(number)s)%(annulled)s")
            % {
                "form": str(Form(decision.form).label).lower(),
                "number": decision.number,
                "annulled": _(", đã xóa bỏ") if not decision.effective_form else "",
            },
            decision.get_absolute_url(),
        )
        for decision in decisions_visible_to(user).filter(subject_member=member)
    ]


# The due list -----------------------------------------------------------------------

KINDS = {
    "RECOMMENDATION": gettext_lazy("Thực hiện kiến nghị sau kiểm tra, giám sát"),
    "COMPLAINT": gettext_lazy("Giải quyết đơn khiếu nại, tố cáo"),
    "APPEAL": gettext_lazy("Giải quyết khiếu nại kỷ luật"),
}


def discipline_due(user: User, today: dt.date) -> list[Found]:
    """Open recommendations, complaints and appeals of the cases USER may read."""
    found: list[Found] = []
    for rec in Recommendation.objects.filter(
        cases_filter(user, "check_of__org_id"), done_on__isnull=True
    ).select_related("check_of"):
        found.append(("RECOMMENDATION", rec.due_on, rec.text[:80],
                      rec.check_of.get_absolute_url(), False, rec.check_of.org_id))  # fmt: skip
    for complaint in Complaint.objects.filter(
        cases_filter(user, "committee_id"), outcome=Complaint.Outcome.PENDING
    ):
        found.append(("COMPLAINT", complaint.due_on, complaint.summary[:80],
                      complaint.get_absolute_url(), False, complaint.org_id))  # fmt: skip
    for appeal in Appeal.objects.filter(
        cases_filter(user, "decision__org_id"), outcome=Appeal.Outcome.PENDING
    ).select_related("decision"):
        url = reverse("discipline:decision", args=[appeal.decision_id])
        found.append(("APPEAL", appeal.due_on, str(appeal.decision), url, False,
                      appeal.decision.org_id))  # fmt: skip
    return found


def register() -> None:
    from dangvu.evaluation.facts import facts_provider_register
    from dangvu.members.deadlines import due_provider_register
    from dangvu.members.hooks import disciplines_reader_register, record_reader_register

    disciplines_reader_register(badge_waits)
    facts_provider_register(evaluation_facts)
    record_reader_register(record_lines)
    due_provider_register(KINDS, discipline_due)
