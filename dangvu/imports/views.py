"""Pages of the member import (upload, progress, problems and preview, commit), the undo of
any import, and the reconciliation with the national member database. The check and the
commit of an import, and a reconciliation's comparison and the applying of its differences,
run in the background (`tasks.py`); the pages show their progress."""

import re
from collections.abc import Callable, Mapping

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tasks.base import Task

from dangvu.common import clock
from dangvu.common.http import is_htmx
from dangvu.imports.columns import FIELDS
from dangvu.imports.forms import ReconcileForm, UploadForm
from dangvu.imports.members import undo_import
from dangvu.imports.members.stage import staged_preview
from dangvu.imports.models import ImportBatch
from dangvu.imports.organizations import undo_organization_import
from dangvu.imports.problems import UndoRefused
from dangvu.imports.row_kinds import CHOICES, posted_kinds, rows_more, shown_rows
from dangvu.imports.services import batch_remap, batch_upload
from dangvu.imports.states import BatchStateError, Step, batch_allows, batch_move
from dangvu.imports.tasks import (
    apply_reconciliation,
    check_reconciliation,
    check_upload,
    commit_upload,
)
from dangvu.imports.working import WORKING, fail_stale, started
from dangvu.organizations.access import User, may
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource

# How each kind of import is undone, and where its page is.
UNDO: dict[str, Callable[..., ImportBatch]] = {
    ImportBatch.Kind.IMPORT: undo_import,
    ImportBatch.Kind.ORG_IMPORT: undo_organization_import,
}
# A difference the page offers to apply: "member id:field".
_CHOSEN = re.compile(r"\d{1,18}:[a-z_]{1,40}")
DETAIL: dict[str, str] = {
    ImportBatch.Kind.IMPORT: "imports:detail",
    ImportBatch.Kind.ORG_IMPORT: "imports:org_detail",
    ImportBatch.Kind.RECONCILE: "imports:reconcile_report",
}


def visible_batch(request: HttpRequest, pk: int, *kinds: str) -> ImportBatch:
    """A batch of one of KINDS its creator, or an administrator, may see; batches in
    progress with no sign of their task are failed first (`working.fail_stale`)."""
    fail_stale()
    batch = ImportBatch.objects.filter(pk=pk, kind__in=kinds).select_related("org").first()
    if batch is None or (
        batch.created_by_id != request.user.pk
        and not may(request.user, Resource.AUDIT, Action.REVERT)
    ):
        raise Http404
    return batch


def start_task(step: Task[[int, int, str], None], request: HttpRequest, batch: ImportBatch) -> None:
    """Queue the background STEP on the batch, for the user, today."""
    step.enqueue(batch.pk, int(request.user.pk or 0), clock.today().isoformat())


def progress_page(
    request: HttpRequest, batch: ImportBatch, template: str, **context: object
) -> HttpResponse:
    """The batch's page, or while its task works, the progress bar the page polls; once the
    work has ended, a poll reloads the whole page with its results and actions."""
    if is_htmx(request):
        if batch.state not in WORKING:
            return HttpResponse(headers={"HX-Refresh": "true"})
        template = "imports/_progress.html"
    percent = 100 * batch.rows_done // batch.rows_total if batch.rows_total else 0
    context |= {"batch": batch, "percent": percent, "detail": DETAIL[batch.kind]}
    return render(request, template, context)


@requires(Resource.MEMBER, Action.CHANGE)
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if form.is_valid():
        batch = batch_upload(
            actor=request.user,
            file=form.cleaned_data["file"],
            kind=ImportBatch.Kind.IMPORT,
            org=form.cleaned_data["org"],
        )
        start_task(check_upload, request, batch)
        return redirect("imports:detail", batch.pk)
    fail_stale()
    batches = ImportBatch.objects.filter(
        created_by_id=request.user.pk, kind=ImportBatch.Kind.IMPORT
    ).order_by("-id")[:20]
    return render(request, "imports/upload.html", {"form": form, "batches": batches})


@requires(Resource.MEMBER, Action.CHANGE)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = visible_batch(request, pk, ImportBatch.Kind.IMPORT)
    checked = batch.state == ImportBatch.State.CHECKED
    labels = {name: spec.label_vi for name, spec in FIELDS.items()}
    return progress_page(
        request,
        batch,
        "imports/detail.html",
        headers=list(enumerate(batch.headers)) if checked else [],
        fields=list(labels.items()),
        preview=(
            staged_preview(batch.pk, labels, batch.layout.get("sheets", []))
            if checked and not batch.problems
            else None
        ),
        can_undo=may(request.user, Resource.AUDIT, Action.REVERT),
        rows=shown_rows(batch.layout) if checked else [],
        rows_more=rows_more(batch.layout),
        kinds=CHOICES,
        sheets=list(enumerate(batch.layout.get("sheets", []))),
    )


def posted_mapping(request: HttpRequest, fields: Mapping[str, object]) -> dict[str, str]:
    """The mapping form's choices: column number → one of FIELDS (left out: ignored)."""
    return {
        key.removeprefix("col-"): value
        for key in request.POST
        if key.startswith("col-") and (value := request.POST.get(key, "")) in fields
    }


@require_POST
@requires(Resource.MEMBER, Action.CHANGE)
def remap(request: HttpRequest, pk: int) -> HttpResponse:
    """Check again with the columns as the user mapped them and the rows as the user
    corrected their kinds (or as they were, after a failure)."""
    batch = visible_batch(request, pk, ImportBatch.Kind.IMPORT)
    # The mapping form lists the rows read; the retry form keeps the corrections as they are.
    kinds = posted_kinds(request.POST, batch.layout) if "row-kinds" in request.POST else None
    try:
        batch_remap(
            actor=request.user,
            batch=batch,
            mapping=posted_mapping(request, FIELDS),
            row_kinds=kinds,
        )
    except BatchStateError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        start_task(check_upload, request, batch)
    return redirect("imports:detail", batch.pk)


@require_POST
@requires(Resource.MEMBER, Action.CHANGE)
def commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = visible_batch(request, pk, ImportBatch.Kind.IMPORT)
    if batch.problems or not batch_allows(batch, Step.QUEUE_COMMIT):
        messages.error(request, _("Chỉ ghi được tệp đã kiểm tra và không còn lỗi."))
        return redirect("imports:detail", batch.pk)
    batch_move(batch, Step.QUEUE_COMMIT, **started())
    start_task(commit_upload, request, batch)
    messages.info(request, _("Đang ghi vào hệ thống; trang tự cập nhật khi xong."))
    return redirect("imports:detail", batch.pk)


@require_POST
@requires(Resource.AUDIT, Action.REVERT)
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a committed import, of members or of organizations."""
    batch = visible_batch(request, pk, *UNDO)
    actor: User = request.user
    try:
        UNDO[batch.kind](actor=actor, batch=batch)
    except UndoRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Đã hoàn tác lần nhập."))
    return redirect(DETAIL[batch.kind], batch.pk)


@requires(Resource.MEMBER, Action.CHANGE)
def reconcile_upload(request: HttpRequest) -> HttpResponse:
    form = ReconcileForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        batch = batch_upload(
            actor=request.user, file=form.cleaned_data["file"], kind=ImportBatch.Kind.RECONCILE
        )
        start_task(check_reconciliation, request, batch)
        return redirect("imports:reconcile_report", batch.pk)
    return render(request, "imports/reconcile_upload.html", {"form": form})


@requires(Resource.MEMBER, Action.CHANGE)
def reconcile_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The differences, as the worker found them; applying the chosen ones (or all) is work
    for the worker too, which reads the file again and makes the report anew."""
    batch = visible_batch(request, pk, ImportBatch.Kind.RECONCILE)
    if request.method == "POST":
        if not batch_allows(batch, Step.QUEUE_COMMIT):
            messages.error(request, _("Chỉ áp dụng được khi đã đối chiếu xong."))
            return redirect("imports:reconcile_report", batch.pk)
        chosen = None if "all" in request.POST else [
            value for value in request.POST.getlist("apply") if _CHOSEN.fullmatch(value)
        ]  # fmt: skip
        batch_move(batch, Step.QUEUE_COMMIT, **started())
        apply_reconciliation.enqueue(
            batch.pk, int(request.user.pk or 0), clock.today().isoformat(), chosen
        )
        return redirect("imports:reconcile_report", batch.pk)
    return progress_page(request, batch, "imports/reconcile_report.html", report=batch.report)
