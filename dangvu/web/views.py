import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangvu.accounts.roles import Action, Resource
from dangvu.common.access import may, user_scope
from dangvu.members.deadlines import due_items
from dangvu.stats.selectors import dashboard
from dangvu.web.dates import parse_date
from dangvu.web.decorators import authenticated


def as_of_from(request: HttpRequest) -> dt.date:
    """The as-of date a page shows: the `as_of` parameter, or today."""
    return parse_date(request.GET.get("as_of")) or timezone.localdate()


def is_htmx(request: HttpRequest) -> bool:
    """htmx asks for a fragment; a plain request (or a reload) gets the whole page."""
    return request.headers.get("HX-Request") == "true"


@authenticated
def home(request: HttpRequest) -> HttpResponse:
    """The committee's figures for those who may see them; a member's own record for a
    member; otherwise a page that says there is nothing assigned yet."""
    if may(request.user, Resource.ORG, Action.VIEW):
        as_of = as_of_from(request)
        context = {"as_of": as_of, **dashboard(user=request.user, as_of=as_of)}
        if may(request.user, Resource.MEMBER, Action.VIEW):
            context["items"] = due_items(user=request.user, today=timezone.localdate())
        return render(request, "web/home.html", context)
    own = sorted(user_scope(request.user, Resource.MEMBER, Action.VIEW).member_ids)
    if own:
        return redirect("members:detail", own[0])
    return render(request, "web/no_access.html")
