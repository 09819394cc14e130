"""Pages of the evaluation: the rounds, a round's progress and results, the entry screens
with their live check, and the round's steps. Thin: selectors read, services write."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.common import clock
from dangvu.common.forms import add_service_error
from dangvu.evaluation.entry import Group, Posted, group_get, posted_changes, preview
from dangvu.evaluation.facts import step_of
from dangvu.evaluation.forms import RoundOpenForm
from dangvu.evaluation.models import Level
from dangvu.evaluation.results import results_pack
from dangvu.evaluation.rulesets import rules_for_year
from dangvu.evaluation.selectors import (
    committees_to_open,
    org_labels,
    ratings_visible_to,
    round_get_for_user,
    round_overrides,
    round_progress,
    rounds_visible_to,
)
from dangvu.evaluation.services import (
    EvaluationError,
    RatingsRefused,
    ratings_save,
    round_advance,
    round_open,
    round_reopen,
)
from dangvu.organizations.access import org_in_scope
from dangvu.organizations.decorators import requires
from dangvu.organizations.pickers import org_label
from dangvu.organizations.roles import Action, Resource

EVALUATION, VIEW, CHANGE = Resource.EVALUATION, Action.VIEW, Action.CHANGE


def _rounds_page(request: HttpRequest, form: RoundOpenForm | None) -> HttpResponse:
    context = {"rounds": rounds_visible_to(request.user), "form": form}
    return render(request, "evaluation/rounds.html", context)


def _open_form(request: HttpRequest, data: QueryDict | None = None) -> RoundOpenForm | None:
    """The form that opens a round, for those who may open one for some committee."""
    today = clock.today()
    committees = committees_to_open(request.user, today)
    return RoundOpenForm(data, committees=committees, today=today) if committees else None


@requires(EVALUATION, VIEW)
def round_list(request: HttpRequest) -> HttpResponse:
    return _rounds_page(request, _open_form(request))


@requires(EVALUATION, CHANGE)
@require_POST
def round_open_page(request: HttpRequest) -> HttpResponse:
    form = _open_form(request, request.POST)
    if form is None:
        raise PermissionDenied
    if form.is_valid():
        try:
            round_ = round_open(
                actor=request.user,
                committee=form.cleaned_data["committee"],
                year=form.cleaned_data["year"],
                as_of=form.cleaned_data["as_of"],
                today=clock.today(),
            )
        except EvaluationError as refused:
            add_service_error(form, refused)
        else:
            messages.success(request, _("Đã mở %(round)s.") % {"round": round_})
            return redirect("evaluation:round", pk=round_.pk)
    return _rounds_page(request, form)


@requires(EVALUATION, VIEW)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = round_get_for_user(request.user, pk)
    visible = ratings_visible_to(request.user, round_)
    groups = visible.values("decider_id", "kind").distinct().order_by("kind", "decider_id")
    labels = org_labels(round_)
    labels[round_.committee_id] = org_label(round_.committee, round_.as_of)
    context = {
        "round": round_,
        "pack": results_pack(user=request.user, round_=round_),
        "progress": round_progress(user=request.user, round_=round_),
        "overrides": round_overrides(user=request.user, round_=round_),
        "groups": [(g["decider_id"], g["kind"], labels.get(g["decider_id"], "")) for g in groups],
        "levels": Level,
        "rules": rules_for_year(round_.year),
        "may_steer": org_in_scope(
            request.user, EVALUATION, CHANGE, round_.committee_id, round_.as_of
        ),
    }
    return render(request, "evaluation/round.html", context)


def _entry_context(
    request: HttpRequest, pk: int, decider: int, kind: str
) -> tuple[Group, dict[str, object]]:
    round_ = round_get_for_user(request.user, pk)
    group = group_get(request.user, round_, decider, kind)
    step = step_of(round_.stage)
    return group, {
        "round": round_,
        "group": group,
        "step": step,
        "rules": rules_for_year(round_.year),
        "levels": Level,
        "editable": {r.pk for r in group.editable},
    }


def _checked(group: Group, posted: Posted | None) -> dict[str, object]:
    """The live check of GROUP with what was POSTED, each violation with its row's name."""
    check = preview(group, posted.changes if posted else [])
    names = {r.pk: r.label for r in group.ratings}
    violations = [(names.get(v.key, ""), v) for v in check.check.violations]  # type: ignore[call-overload]
    return {"check": check, "posted": posted, "violations": violations}


@requires(EVALUATION, VIEW)
def entry(request: HttpRequest, pk: int, decider: int, kind: str) -> HttpResponse:
    """One quota group on one screen; a POST saves what the user may write at this step."""
    group, context = _entry_context(request, pk, decider, kind)
    if request.method == "POST" and not group.editable:
        raise PermissionDenied
    posted = posted_changes(group, request.POST) if request.method == "POST" else None
    if posted is not None and not posted.problems:
        try:
            ratings_save(actor=request.user, round_=group.round, changes=posted.changes)
        except RatingsRefused as refused:
            context["refused"] = refused.problems
        except EvaluationError as refused:
            context["errors"] = refused.messages
        else:
            count = len(posted.changes)
            messages.success(request, _("Đã ghi %(count)s xếp loại.") % {"count": count})
            return redirect(request.get_full_path())
    context.update(_checked(group, posted))
    return render(request, "evaluation/entry.html", context)


@requires(EVALUATION, VIEW)
@require_POST
def entry_check(request: HttpRequest, pk: int, decider: int, kind: str) -> HttpResponse:
    """The live check of what the entry screen holds, without saving: the violations and
    the quota left, for htmx to swap in while the user types."""
    group, context = _entry_context(request, pk, decider, kind)
    posted = posted_changes(group, request.POST)
    context.update(_checked(group, posted))
    return render(request, "evaluation/_check.html", context)


@requires(EVALUATION, CHANGE)
@require_POST
def step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    round_ = round_get_for_user(request.user, pk)
    try:
        if action == "advance":
            round_advance(actor=request.user, round_=round_, today=clock.today())
        elif action == "reopen":
            round_reopen(actor=request.user, round_=round_, reason=request.POST.get("reason", ""))
        else:
            return redirect("evaluation:round", pk=pk)
    except EvaluationError as refused:
        for message in refused.messages[:20]:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã chuyển đợt đánh giá sang bước tiếp theo."))
    return redirect("evaluation:round", pk=pk)
