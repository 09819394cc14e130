"""Pages of the organization import: upload (checked at once), preview of the problems,
commit and undo. A committee's list is a few hundred rows, so each step runs in the
request; the member import's pages run theirs in the background."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dangvu.imports.columns import ORG_FIELDS
from dangvu.imports.models import ImportBatch
from dangvu.imports.organizations import (
    org_batch_check,
    org_batch_commit,
    undo_organization_import,
)
from dangvu.imports.problems import UndoRefused, column_letter
from dangvu.imports.services import batch_remap, batch_upload
from dangvu.imports.states import BatchStateError, Step, batch_allows
from dangvu.imports.views import posted_mapping
from dangvu.organizations.access import may
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource


class OrgUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp (XLSX, XLS, ODS, CSV)"))


def _batch(request: HttpRequest, pk: int) -> ImportBatch:
    """An organization import its creator, or an administrator, may see."""
    batch = ImportBatch.objects.filter(pk=pk, kind=ImportBatch.Kind.ORG_IMPORT).first()
    if batch is None or (
        batch.created_by_id != request.user.pk
        and not may(request.user, Resource.AUDIT, Action.REVERT)
    ):
        raise Http404
    return batch


@requires(Resource.ORG, Action.CHANGE)
def org_upload(request: HttpRequest) -> HttpResponse:
    form = OrgUploadForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        batch = batch_upload(
            actor=request.user, file=form.cleaned_data["file"], kind=ImportBatch.Kind.ORG_IMPORT
        )
        org_batch_check(batch.pk, user=request.user, today=timezone.localdate())
        return redirect("imports:org_detail", batch.pk)
    batches = ImportBatch.objects.filter(
        created_by_id=request.user.pk, kind=ImportBatch.Kind.ORG_IMPORT
    ).order_by("-id")[:20]
    return render(request, "imports/org_upload.html", {"form": form, "batches": batches})


@requires(Resource.ORG, Action.CHANGE)
def org_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    context = {
        "batch": batch,
        "headers": list(enumerate(batch.headers)) if batch.state == "CHECKED" else [],
        "fields": [(name, spec.label_vi) for name, spec in ORG_FIELDS.items()],
        "mapping": [
            (column_letter(int(key)), ORG_FIELDS[name].label_vi)
            for key, name in sorted(batch.mapping.items(), key=lambda item: int(item[0]))
            if name in ORG_FIELDS
        ],
        "changes": batch.org_changes.order_by("id"),
        "can_undo": may(request.user, Resource.AUDIT, Action.REVERT),
    }
    return render(request, "imports/org_detail.html", context)


@require_POST
@requires(Resource.ORG, Action.CHANGE)
def org_remap(request: HttpRequest, pk: int) -> HttpResponse:
    """Check again with the columns as the user mapped them."""
    batch = _batch(request, pk)
    try:
        batch_remap(actor=request.user, batch=batch, mapping=posted_mapping(request, ORG_FIELDS))
    except BatchStateError:
        messages.error(request, _("Chỉ ghép lại cột cho tệp đã kiểm tra và chưa ghi."))
    else:
        org_batch_check(batch.pk, user=request.user, today=timezone.localdate())
    return redirect("imports:org_detail", batch.pk)


@require_POST
@requires(Resource.ORG, Action.CHANGE)
def org_commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    if batch.problems or not batch_allows(batch, Step.COMMIT):
        messages.error(request, _("Chỉ ghi được tệp đã kiểm tra và không còn lỗi."))
        return redirect("imports:org_detail", batch.pk)
    batch = org_batch_commit(batch.pk, user=request.user, today=timezone.localdate())
    if batch.state == ImportBatch.State.COMMITTED:
        messages.success(request, _("Đã ghi danh sách tổ chức vào hệ thống."))
    else:
        messages.error(request, _("Dữ liệu đã thay đổi từ lúc kiểm tra; chưa ghi gì."))
    return redirect("imports:org_detail", batch.pk)


@require_POST
@requires(Resource.AUDIT, Action.REVERT)
def org_undo(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        undo_organization_import(actor=request.user, batch=batch)
    except UndoRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Đã hoàn tác lần nhập."))
    return redirect("imports:org_detail", batch.pk)
