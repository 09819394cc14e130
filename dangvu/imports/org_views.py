"""Pages of the organization import: upload, progress, problems, commit. The check and the
commit run in the background like the members' (`tasks.py`); the undo is `views.undo`."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.imports.columns import ORG_FIELDS
from dangvu.imports.forms import OrgUploadForm
from dangvu.imports.models import ImportBatch
from dangvu.imports.problems import column_letter
from dangvu.imports.services import batch_remap, batch_upload
from dangvu.imports.states import BatchStateError, Step, batch_allows, batch_move
from dangvu.imports.tasks import check_organization_upload, commit_organization_upload
from dangvu.imports.views import posted_mapping, progress_page, start_task, visible_batch
from dangvu.imports.working import fail_stale, started
from dangvu.organizations.access import may
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource

ORG_IMPORT = ImportBatch.Kind.ORG_IMPORT


@requires(Resource.ORG, Action.CHANGE)
def org_upload(request: HttpRequest) -> HttpResponse:
    form = OrgUploadForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        batch = batch_upload(actor=request.user, file=form.cleaned_data["file"], kind=ORG_IMPORT)
        start_task(check_organization_upload, request, batch)
        return redirect("imports:org_detail", batch.pk)
    fail_stale()
    batches = ImportBatch.objects.filter(created_by_id=request.user.pk, kind=ORG_IMPORT).order_by(
        "-id"
    )[:20]
    return render(request, "imports/org_upload.html", {"form": form, "batches": batches})


@requires(Resource.ORG, Action.CHANGE)
def org_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = visible_batch(request, pk, ORG_IMPORT)
    return progress_page(
        request,
        batch,
        "imports/org_detail.html",
        headers=list(enumerate(batch.headers)) if batch.state == "CHECKED" else [],
        fields=[(name, spec.label_vi) for name, spec in ORG_FIELDS.items()],
        mapping=[
            (column_letter(int(key)), ORG_FIELDS[name].label_vi)
            for key, name in sorted(batch.mapping.items(), key=lambda item: int(item[0]))
            if name in ORG_FIELDS
        ],
        changes=batch.org_changes.order_by("id"),
        can_undo=may(request.user, Resource.AUDIT, Action.REVERT),
    )


@require_POST
@requires(Resource.ORG, Action.CHANGE)
def org_remap(request: HttpRequest, pk: int) -> HttpResponse:
    """Check again with the columns as the user mapped them (or as they were, after a
    failure)."""
    batch = visible_batch(request, pk, ORG_IMPORT)
    try:
        batch_remap(actor=request.user, batch=batch, mapping=posted_mapping(request, ORG_FIELDS))
    except BatchStateError:
        messages.error(request, _("Chỉ ghép lại cột cho tệp đã kiểm tra và chưa ghi."))
    else:
        start_task(check_organization_upload, request, batch)
    return redirect("imports:org_detail", batch.pk)


@require_POST
@requires(Resource.ORG, Action.CHANGE)
def org_commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = visible_batch(request, pk, ORG_IMPORT)
    if batch.problems or not batch_allows(batch, Step.QUEUE_COMMIT):
        messages.error(request, _("Chỉ ghi được tệp đã kiểm tra và không còn lỗi."))
        return redirect("imports:org_detail", batch.pk)
    batch_move(batch, Step.QUEUE_COMMIT, **started())
    start_task(commit_organization_upload, request, batch)
    messages.info(request, _("Đang ghi vào hệ thống; trang tự cập nhật khi xong."))
    return redirect("imports:org_detail", batch.pk)
