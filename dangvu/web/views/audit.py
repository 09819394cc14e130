"""The audit trail's pages: the log, one entry with its rows, and reverting an entry."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.common import clock
from dangvu.common.audit import audit_revert, revertible
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource
from dangvu.web.forms import AuditFilterForm
from dangvu.web.selectors import (
    AuditFilter,
    audit_entries_filtered,
    audit_entry_get_for_user,
    audit_rows_of,
    audit_shown,
)


@requires(Resource.AUDIT, Action.VIEW)
def entry_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET, user=request.user)
    filters = form.filters() if form.is_valid() else AuditFilter()
    entries = audit_entries_filtered(request.user, filters)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "web/audit/list.html", {"page": page, "form": form})


@requires(Resource.AUDIT, Action.VIEW)
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = audit_entry_get_for_user(user=request.user, pk=pk)
    page = Paginator(audit_rows_of(entry), 100).get_page(request.GET.get("page"))
    context = {
        "shown": audit_shown(entry),
        "page": page,
        "rows": [audit_shown(row) for row in page.object_list],
        "revertible": revertible(entry),
    }
    return render(request, "web/audit/detail.html", context)


@require_POST
@requires(Resource.AUDIT, Action.REVERT)
def entry_revert(request: HttpRequest, pk: int) -> HttpResponse:
    entry = audit_entry_get_for_user(user=request.user, pk=pk)
    try:
        changed = audit_revert(actor=request.user, entry=entry, today=clock.today())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("audit:detail", entry.pk)
    messages.success(request, _("Đã hoàn tác thay đổi #%(id)s.") % {"id": entry.pk})
    return redirect(changed)
