"""Writes of the evaluation: open a round, record ratings, move a round along its steps,
reopen a closed one. Each checks the scope of every organization it touches, the year's
rules, and leaves its audit entry, in one transaction."""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, Field, Q
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record, audit_rows, field_changes
from dangvu.common.bulk import insert_rows, update_rows
from dangvu.common.events import Event
from dangvu.common.rulesets import NoRuleSet
from dangvu.common.text import nfc, text_problem
from dangvu.common.workdays import default_calendar
from dangvu.documents.models import DocumentKind
from dangvu.documents.register import document_register
from dangvu.evaluation.checking import ratings_check, round_rules
from dangvu.evaluation.commendations import commended_order
from dangvu.evaluation.facts import FACT_FIELDS, STEP_FIELDS
from dangvu.evaluation.models import STAGES, Commendation, Level, Rating, Round, Stage
from dangvu.evaluation.rules import Violation
from dangvu.evaluation.rulesets import Rules132, Rules366, rules_for_year
from dangvu.evaluation.subjects import round_subjects
from dangvu.organizations.access import User, require
from dangvu.organizations.models import OrgKind, OrgUnit, OrgVersion
from dangvu.organizations.roles import Action, Resource

EVALUATION, CHANGE = Resource.EVALUATION, Action.CHANGE
MAX_REASON = 2000  # characters of an override's reason: a paragraph, not a document
_LEVELS = frozenset(Level.values)  # checked for each rating saved: `values` builds a list


class EvaluationError(ValidationError):
    """A change the evaluation refuses, with the reason in Vietnamese."""


class RatingsRefused(EvaluationError):
    """Ratings the year's rules refuse and no override covers: PROBLEMS maps a rating's id
    (None for a quota) to its reasons; VIOLATIONS are the rules' own answers, with the rule
    and the quota group, for callers that locate them (an import names the file's rows)."""

    def __init__(
        self,
        problems: Mapping[int | None, list[str]],
        violations: Sequence[Violation] = (),
    ) -> None:
        self.problems = dict(problems)
        self.violations = tuple(violations)
        super().__init__([message for messages in problems.values() for message in messages])


@dataclass(frozen=True)
class RatingChange:
    """What a save writes to one rating at the round's step: LEVEL (blank clears it), SCORE
    where the year scores, the override's REASON, and recorded FACTS (`FACT_FIELDS`)."""

    rating_id: int
    level: str = ""
    score: Decimal | None = None
    override_reason: str = ""
    facts: Mapping[str, Any] = field(default_factory=dict)


# Opening --------------------------------------------------------------------------------


@transaction.atomic
def round_open(
    *, actor: User, committee: OrgUnit, year: int, today: dt.date, as_of: dt.date | None = None
) -> Round:
    """Open YEAR's round of COMMITTEE (a đảng bộ cấp trên cơ sở): every TCCSĐ under it, the
    organizations inside them and their members, as they stood on AS_OF (the year's last
    day, or today while the year runs). Its steps' deadlines count working days from TODAY."""
    if not 2000 <= year <= today.year:
        raise EvaluationError(
            {"year": _("Năm đánh giá phải từ 2000 đến năm nay (%(year)s).") % {"year": today.year}}
        )
    try:
        rules = rules_for_year(year)
    except NoRuleSet as missing:
        raise EvaluationError({"year": str(missing)}) from None
    year_end = dt.date(year, 12, 31)
    as_of = as_of or min(today, year_end)
    if not (dt.date(year, 1, 1) <= as_of <= min(today, year_end)):
        raise EvaluationError(
            {
                "as_of": _("Ngày chốt danh sách phải trong năm %(year)s và không sau hôm nay.")
                % {"year": year}
            }
        )
    require(actor, EVALUATION, CHANGE, org=committee, on=as_of)
    version = OrgVersion.objects.as_of(as_of).filter(org=committee).first()
    if version is None or version.kind != OrgKind.UPPER_COMMITTEE:
        raise EvaluationError(
            {
                "committee": _("Ngày %(date)s, %(code)s không phải đảng bộ cấp trên cơ sở.")
                % {"date": f"{as_of:%d/%m/%Y}", "code": committee.code}
            }
        )
    if Round.objects.filter(committee=committee, year=year).exists():
        raise EvaluationError(
            _("%(code)s đã có đợt đánh giá năm %(year)s.") % {"code": committee.code, "year": year}
        )
    calendar = default_calendar()
    self_days, proposal_days, decision_days = rules.step_days
    self_due = calendar.add_working_days(today, self_days)
    proposal_due = calendar.add_working_days(self_due, proposal_days)
    round_ = Round.objects.create(
        committee=committee,
        year=year,
        as_of=as_of,
        opened_on=today,
        self_due=self_due,
        proposal_due=proposal_due,
        decision_due=calendar.add_working_days(proposal_due, decision_days),
    )
    ratings = round_subjects(round_, version)
    insert_rows(Rating, ratings)
    audit_record(
        actor=actor,
        action=Event.EVALUATION_OPENED,
        obj=round_,
        org=committee,
        data={
            "year": year,
            "on": as_of,
            "organizations": sum(1 for r in ratings if r["kind"] == Rating.Kind.ORG),
            "members": sum(1 for r in ratings if r["kind"] == Rating.Kind.MEMBER),
        },
    )
    return round_


# Ratings --------------------------------------------------------------------------------


def rating_writer(rating: Rating, step: str) -> int:
    """The organization whose people write RATING at STEP: the subject itself (a member's
    cell), the level above that proposes, or the level that decides."""
    if step == Stage.SELF:
        return rating.org_id
    return rating.parent_id if step == Stage.PROPOSAL else rating.decider_id


def _score(raw: Decimal | None, rules: Rules132, label: str) -> Decimal | None:
    """RAW to a tenth of a point, within the range of the year's rules."""
    if raw is None:
        return None
    if not isinstance(rules, Rules366):
        raise EvaluationError(_("%(who)s: năm đánh giá này không chấm điểm.") % {"who": label})
    try:
        score = Decimal(raw).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise EvaluationError(_("%(who)s: điểm không hợp lệ.") % {"who": label}) from None
    problem = rules.score_problem(score)
    if problem is not None:
        raise EvaluationError(f"{label}: {problem}")
    return score


def _verbose(name: str) -> str:
    return str(cast(Field[Any, Any], Rating._meta.get_field(name)).verbose_name)


def _facts(values: Mapping[str, Any], rating: Rating) -> dict[str, Any]:
    unknown = set(values) - set(FACT_FIELDS)
    if unknown:
        raise EvaluationError(
            _("Không có thông tin: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    found = {name: values[name] for name in values}
    for name, value in found.items():
        flag = isinstance(Rating._meta.get_field(name), BooleanField)
        number = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 999
        if not (isinstance(value, bool) if flag else value is None or number):
            raise EvaluationError(
                _("%(who)s: %(field)s không hợp lệ.")
                % {"who": rating.label, "field": _verbose(name)}
            )
    merged = {name: found.get(name, getattr(rating, name)) for name in FACT_FIELDS}
    pairs = (
        ("targets_met", "targets_total"),
        ("tasks_done", "tasks_total"),
        ("tasks_exceeded", "tasks_done"),
    )
    for part, whole in pairs:
        if merged[part] is not None and (merged[whole] is None or merged[part] > merged[whole]):
            raise EvaluationError(
                _("%(who)s: %(part)s không thể lớn hơn %(whole)s.")
                % {
                    "who": rating.label,
                    "part": _verbose(part),
                    "whole": _verbose(whole),
                }
            )
    return found


def _writable(round_: Round) -> str:
    if round_.closed:
        raise EvaluationError(
            _("Đợt đánh giá đã kết thúc: chỉ xem. Muốn sửa, cấp ủy phải mở lại đợt, có lý do.")
        )
    return str(round_.stage)


@transaction.atomic
def ratings_save(
    *,
    actor: User,
    round_: Round,
    changes: Sequence[RatingChange],
    reverts: int | None = None,
    source: str = "",
) -> list[Rating]:
    """Write CHANGES at the round's current step: each rating by those who may write it at
    that step (the subject; the level above, which proposes; the level that decides),
    checked with the whole of its quota groups against the year's rules. A proposal or a
    decision the rules refuse needs its override's reason; otherwise nothing is written.
    A revert is a save too, recorded as such with the entry it REVERTS; SOURCE names the
    file the changes came from, for the audit trail."""
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    step = _writable(locked)
    rules = round_rules(locked)
    level_field, score_field = STEP_FIELDS[Stage(step)]
    by_id = {c.rating_id: c for c in changes}
    if len(by_id) != len(changes):
        raise EvaluationError(_("Một người được xếp loại xuất hiện hai lần."))
    found = {
        pk: (decider, kind)
        for pk, decider, kind in Rating.objects.filter(round=locked, pk__in=by_id).values_list(
            "pk", "decider_id", "kind"
        )
    }
    if len(found) != len(by_id):
        raise EvaluationError(_("Có người được xếp loại không thuộc đợt đánh giá này."))
    in_groups = Q()
    for decider, kind in set(found.values()):
        in_groups |= Q(decider_id=decider, kind=kind)
    # The whole of each quota group, read once and locked: the rows saved are among them.
    group_ratings = {
        r.pk: r for r in Rating.objects.filter(in_groups, round=locked).select_for_update()
    }
    touched = [group_ratings[pk] for pk in sorted(found)]
    writers = OrgUnit.objects.in_bulk({rating_writer(rating, step) for rating in touched})
    for org in writers.values():
        require(actor, EVALUATION, CHANGE, org=org, on=locked.as_of)
    before: dict[int, dict[str, Any]] = {}
    for rating in touched:
        change = by_id[rating.pk]
        if change.level and change.level not in _LEVELS:
            raise EvaluationError(_("%(who)s: mức xếp loại không hợp lệ.") % {"who": rating.label})
        if len(change.override_reason) > MAX_REASON:
            raise EvaluationError(
                _("%(who)s: lý do dài quá %(max)s ký tự.")
                % {"who": rating.label, "max": MAX_REASON}
            )
        values = {
            level_field: change.level,
            score_field: _score(change.score, rules, rating.label),
            "override_reason": nfc(change.override_reason).strip(),
            **_facts(change.facts, rating),
        }
        before[rating.pk] = {name: getattr(rating, name) for name in values}
        for name, value in values.items():
            setattr(rating, name, value)
        group_ratings[rating.pk] = rating
    checked = ratings_check(locked, list(group_ratings.values()), changed=by_id, stage=step)
    if checked.blocking:
        problems: dict[int | None, list[str]] = defaultdict(list)
        for violation in checked.blocking:
            problems[violation.key].append(violation.message)  # type: ignore[index]
        raise RatingsRefused(problems, checked.blocking)
    rows = []
    for rating in touched:
        after = {name: getattr(rating, name) for name in before[rating.pk]}
        changes_ = field_changes(before[rating.pk], after)
        if changes_:
            rating.version += 1
            rows.append((rating, changes_))
    if not rows:
        return touched  # nothing changed: nothing to record
    # Only the columns some row changed, sent as data (`update_rows`): Django's bulk_update
    # made a whole round's save cost seconds.
    changed_fields = sorted({name for _rating, changes_ in rows for name in changes_})
    update_rows(Rating, [*changed_fields, "version"], [rating for rating, _c in rows])
    action = Event.REVERTED if reverts else Event.EVALUATION_RATED
    entry = audit_record(
        actor=actor,
        action=action,
        obj=locked,
        org=locked.committee,
        data={
            "year": locked.year,
            "stage": step,
            "count": len(rows),
            **({"reverts": reverts} if reverts else {}),
            **({"file": source} if source else {}),
        },
    )
    audit_rows(
        entry,
        (
            {
                "action": action,
                "object_type": Rating._meta.label_lower,
                "object_id": rating.pk,
                "object_repr": rating.label[:255],
                "org_id": rating.org_id,
                "changes": changes_,
                "data": {"stage": step},
            }
            for rating, changes_ in rows
        ),
    )
    return touched


# Steps ----------------------------------------------------------------------------------


def _steer(actor: User, round_: Round) -> Round:
    """ROUND_ locked, once ACTOR may steer it: a round's steps are its committee's."""
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    require(actor, EVALUATION, CHANGE, org=locked.committee, on=locked.as_of)
    return locked


@transaction.atomic
def round_advance(*, actor: User, round_: Round, today: dt.date) -> Round:
    """Move the round to its next step. Closing needs every organization and member decided
    and no violation without its override."""
    locked = _steer(actor, round_)
    stage = _writable(locked)
    following = STAGES[STAGES.index(Stage(stage)) + 1]
    if following == Stage.CLOSED:
        _check_closable(locked)
        locked.closed_on = today
    locked.stage = following
    locked.version += 1
    locked.save(update_fields=["stage", "closed_on", "version"])
    audit_record(
        actor=actor,
        action=Event.EVALUATION_ADVANCED,
        obj=locked,
        org=locked.committee,
        changes={"stage": [stage, str(following)]},
        data={"year": locked.year},
    )
    return locked


def _check_closable(round_: Round) -> None:
    ratings = list(round_.ratings.all())
    undecided = sum(1 for r in ratings if not r.level)
    if undecided:
        raise EvaluationError(
            _("Còn %(count)s tổ chức, đảng viên chưa có quyết định xếp loại.")
            % {"count": undecided}
        )
    checked = ratings_check(round_, ratings, changed={r.pk for r in ratings}, stage=Stage.DECISION)
    if checked.blocking:
        raise RatingsRefused({None: [v.message for v in checked.blocking[:20]]})


@transaction.atomic
def round_reopen(*, actor: User, round_: Round, reason: str) -> Round:
    """Reopen a closed round for new decisions: the committee's decision, with its reason."""
    locked = _steer(actor, round_)
    reason = nfc(reason).strip()
    if not locked.closed:
        raise EvaluationError(_("Đợt đánh giá chưa kết thúc."))
    if not reason:
        raise EvaluationError({"reason": _("Cần ghi lý do mở lại đợt đánh giá.")})
    locked.stage, locked.closed_on = Stage.DECISION, None
    locked.version += 1
    locked.save(update_fields=["stage", "closed_on", "version"])
    audit_record(
        actor=actor,
        action=Event.EVALUATION_REOPENED,
        obj=locked,
        org=locked.committee,
        changes={"stage": [Stage.CLOSED.value, Stage.DECISION.value]},
        data={"year": locked.year},
        reason=reason,
    )
    return locked


# Commendations --------------------------------------------------------------------------


MAX_NUMBER = 40  # characters of a typed decision number, as the register keeps them


@transaction.atomic
def commendations_decide(
    *,
    actor: User,
    round_: Round,
    rating_ids: Sequence[int],
    decision_date: dt.date,
    today: dt.date,
    decision_number: str = "",
) -> list[Commendation]:
    """Commend the ratings RATING_IDS of a closed round, all decided HTXSNV, by the decision
    DECISION_NUMBER of DECISION_DATE: those who decided each rating commend it. Without a
    typed number the decision takes the next of the committee's register; each commended
    gets the next certificate (giấy khen) number."""
    number = nfc(decision_number).strip()
    if len(number) > MAX_NUMBER or text_problem(number, _("Số quyết định")):
        raise EvaluationError(
            {"decision_number": _("Số quyết định không hợp lệ (tối đa %(max)s ký tự).")
             % {"max": MAX_NUMBER}}
        )  # fmt: skip
    if not rating_ids:
        raise EvaluationError(_("Chọn ít nhất một tổ chức hoặc đảng viên để khen thưởng."))
    round_ = Round.objects.select_for_update().select_related("committee").get(pk=round_.pk)
    if round_.closed_on is None:
        raise EvaluationError(_("Chỉ khen thưởng khi đợt đánh giá đã kết thúc."))
    if not round_.closed_on <= decision_date <= today:
        raise EvaluationError(
            {
                "decision_date": _(
                    "Ngày quyết định phải từ ngày kết thúc đợt đánh giá (%(closed)s) đến hôm nay."
                )
                % {"closed": f"{round_.closed_on:%d/%m/%Y}"}
            }
        )
    ratings = list(Rating.objects.filter(round=round_, pk__in=rating_ids).select_for_update())
    if len(ratings) != len(set(rating_ids)):
        raise EvaluationError(_("Có người được khen không thuộc đợt đánh giá này."))
    for org in OrgUnit.objects.in_bulk({r.decider_id for r in ratings}).values():
        require(actor, EVALUATION, CHANGE, org=org, on=round_.as_of)
    refused = [r.label for r in ratings if r.level != Level.EXCELLENT]
    if refused:
        raise EvaluationError(
            _("Chỉ khen thưởng người được xếp loại hoàn thành xuất sắc nhiệm vụ: %(names)s.")
            % {"names": ", ".join(refused[:10])}
        )
    if Commendation.objects.filter(rating__in=ratings).exists():
        raise EvaluationError(_("Có người đã được khen thưởng trong đợt này."))
    committee = round_.committee

    def registered(kind: DocumentKind, summary: str) -> str:
        return document_register(actor=actor, committee=committee, kind=kind,
                                 issued_on=decision_date, summary=summary,
                                 subject=round_).number  # fmt: skip

    if not number:
        number = registered(
            DocumentKind.DECISION,
            _("Quyết định khen thưởng tổ chức đảng, đảng viên hoàn thành xuất sắc nhiệm vụ "
              "năm %(year)s") % {"year": round_.year},
        )  # fmt: skip
    made = Commendation.objects.bulk_create(
        Commendation(
            rating=r,
            decision_number=number,
            decision_date=decision_date,
            certificate_number=registered(
                DocumentKind.CERTIFICATE, _("Giấy khen: %(name)s") % {"name": r.label}
            ),
        )
        for r in sorted(ratings, key=commended_order)
    )
    audit_record(
        actor=actor,
        action=Event.COMMENDED,
        obj=round_,
        org=committee,
        data={"year": round_.year, "count": len(made), "decision": number, "on": decision_date},
    )
    return made
