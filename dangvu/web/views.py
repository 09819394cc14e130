import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dangvu.stats.selectors import dashboard
from dangvu.web.dates import parse_date


def as_of_from(request: HttpRequest) -> dt.date:
    """The as-of date a page shows: the `as_of` parameter, or today."""
    return parse_date(request.GET.get("as_of")) or timezone.localdate()


def is_htmx(request: HttpRequest) -> bool:
    """htmx asks for a fragment; a plain request (or a reload) gets the whole page."""
    return request.headers.get("HX-Request") == "true"


@login_required
def home(request: HttpRequest) -> HttpResponse:
    as_of = as_of_from(request)
    context = {"as_of": as_of, **dashboard(user=request.user, as_of=as_of)}
    return render(request, "web/home.html", context)
