from collections.abc import Mapping

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dangvu.common.http import is_htmx
from dangvu.imports.columns import FIELDS
from dangvu.imports.files import uploaded_file
from dangvu.imports.members import undo_import
from dangvu.imports.members.stage import staged_preview
from dangvu.imports.models import ImportBatch
from dangvu.imports.problems import UndoRefused
from dangvu.imports.reading import UnreadableFile
from dangvu.imports.reconcile import apply_differences, reconcile
from dangvu.imports.services import batch_remap, batch_upload
from dangvu.imports.states import BatchStateError, Step, batch_allows, batch_move
from dangvu.imports.tasks import check_upload, commit_upload
from dangvu.organizations.access import may
from dangvu.organizations.decorators import requires
from dangvu.organizations.forms import OrgField, ScopedFormMixin
from dangvu.organizations.roles import Action, Resource

WORKING = (ImportBatch.State.UPLOADED, ImportBatch.State.CHECKING, ImportBatch.State.COMMITTING)


class UploadForm(ScopedFormMixin, forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp (XLSX, XLS, ODS, CSV)"))
    org = OrgField(
        purpose="members", label=gettext_lazy("Tổ chức nhận (không bắt buộc)"), required=False
    )


def _batch(request: HttpRequest, pk: int) -> ImportBatch:
    """A batch its creator, or an administrator, may see."""
    batch = (
        ImportBatch.objects.filter(pk=pk)
        .exclude(kind=ImportBatch.Kind.ORG_IMPORT)  # their pages are org_views'
        .select_related("org")
        .first()
    )
    if batch is None or (
        batch.created_by_id != request.user.pk
        and not may(request.user, Resource.AUDIT, Action.REVERT)
    ):
        raise Http404
    return batch


def _check(request: HttpRequest, batch: ImportBatch) -> None:
    check_upload.enqueue(
        batch_id=batch.pk, user_id=int(request.user.pk or 0), today=timezone.localdate().isoformat()
    )


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
        _check(request, batch)
        return redirect("imports:detail", batch.pk)
    batches = (
        ImportBatch.objects.filter(created_by_id=request.user.pk)
        .exclude(kind=ImportBatch.Kind.ORG_IMPORT)
        .order_by("-id")[:20]
    )
    return render(request, "imports/upload.html", {"form": form, "batches": batches})


@requires(Resource.MEMBER, Action.CHANGE)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    if is_htmx(request) and batch.state not in WORKING:
        # The background work ended: reload the whole page, with its results and actions.
        return HttpResponse(headers={"HX-Refresh": "true"})
    template = "imports/_progress.html" if is_htmx(request) else "imports/detail.html"
    checked = batch.state == ImportBatch.State.CHECKED
    labels = {name: spec.label_vi for name, spec in FIELDS.items()}
    context = {
        "batch": batch,
        "headers": list(enumerate(batch.headers)) if checked else [],
        "fields": list(labels.items()),
        "preview": staged_preview(batch.pk, labels) if checked and not batch.problems else None,
        "percent": 100 * batch.rows_done // batch.rows_total if batch.rows_total else 0,
        "can_undo": may(request.user, Resource.AUDIT, Action.REVERT),
    }
    return render(request, template, context)


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
    """Check again with the columns as the user mapped them."""
    batch = _batch(request, pk)
    try:
        batch_remap(actor=request.user, batch=batch, mapping=posted_mapping(request, FIELDS))
    except BatchStateError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        _check(request, batch)
    return redirect("imports:detail", batch.pk)


@require_POST
@requires(Resource.MEMBER, Action.CHANGE)
def commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    if batch.problems or not batch_allows(batch, Step.QUEUE_COMMIT):
        messages.error(request, _("Chỉ ghi được tệp đã kiểm tra và không còn lỗi."))
        return redirect("imports:detail", batch.pk)
    batch_move(batch, Step.QUEUE_COMMIT)
    commit_upload.enqueue(
        batch_id=batch.pk,
        user_id=int(request.user.pk or 0),
        today=timezone.localdate().isoformat(),
    )
    messages.info(request, _("Đang ghi vào hệ thống; trang tự cập nhật khi xong."))
    return redirect("imports:detail", batch.pk)


@require_POST
@requires(Resource.AUDIT, Action.REVERT)
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        undo_import(actor=request.user, batch=batch)
    except UndoRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Đã hoàn tác lần nhập."))
    return redirect("imports:detail", batch.pk)


class ReconcileForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp xuất từ CSDL đảng viên (XLSX, CSV)"))


@requires(Resource.MEMBER, Action.CHANGE)
def reconcile_upload(request: HttpRequest) -> HttpResponse:
    form = ReconcileForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        batch = batch_upload(
            actor=request.user, file=form.cleaned_data["file"], kind=ImportBatch.Kind.RECONCILE
        )
        return redirect("imports:reconcile_report", batch.pk)
    return render(request, "imports/reconcile_upload.html", {"form": form})


@requires(Resource.MEMBER, Action.CHANGE)
def reconcile_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The differences; applying the chosen ones (or all) re-reads the stored file."""
    batch = _batch(request, pk)
    if batch.kind != ImportBatch.Kind.RECONCILE:
        raise Http404
    today = timezone.localdate()
    with uploaded_file(batch) as path:
        try:
            if request.method == "POST":
                chosen = {
                    (int(member), name)
                    for member, _sep, name in (
                        v.partition(":") for v in request.POST.getlist("apply")
                    )
                    if member.isdigit()
                }
                if "all" in request.POST:
                    report = reconcile(path=path, user=request.user, today=today)
                    chosen = {(p.member_id, d.field) for p in report.pairs for d in p.differences}
                count = apply_differences(
                    actor=request.user, path=path, user=request.user, today=today, chosen=chosen
                )
                messages.success(request, _("Đã cập nhật %(n)s trường.") % {"n": count})
                return redirect("imports:reconcile_report", batch.pk)
            report = reconcile(path=path, user=request.user, today=today)
        except UnreadableFile as error:
            messages.error(request, str(error))
            return redirect("imports:reconcile")
    return render(request, "imports/reconcile_report.html", {"batch": batch, "report": report})
