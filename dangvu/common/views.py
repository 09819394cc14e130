from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.accounts.roles import Action, Resource
from dangvu.common.selectors import audit_entries_visible_to, audit_entry_get_for_user
from dangvu.members.services import MemberChangeError, member_revert_change
from dangvu.web.decorators import requires


@requires(Resource.AUDIT, Action.VIEW)
def entry_list(request: HttpRequest) -> HttpResponse:
    entries = audit_entries_visible_to(request.user).filter(batch__isnull=True)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "common/audit_list.html", {"page": page})


@requires(Resource.AUDIT, Action.VIEW)
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = audit_entry_get_for_user(user=request.user, pk=pk)
    rows = Paginator(entry.rows.order_by("id"), 100).get_page(request.GET.get("page"))
    return render(request, "common/audit_detail.html", {"entry": entry, "page": rows})


@require_POST
@requires(Resource.AUDIT, Action.REVERT)
def entry_revert(request: HttpRequest, pk: int) -> HttpResponse:
    entry = audit_entry_get_for_user(user=request.user, pk=pk)
    try:
        member = member_revert_change(actor=request.user, entry_id=entry.pk,
                                      today=timezone.localdate())  # fmt: skip
    except MemberChangeError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("members:detail", entry.object_id)
    messages.success(request, _("Đã hoàn tác thay đổi #%(id)s.") % {"id": entry.pk})
    return redirect(member)
