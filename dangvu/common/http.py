"""Request plumbing shared by every app's views: the access declarations of views that need
no rights (the route test reads them), the way to the login page, htmx detection, and dates
in query parameters (the page's as-of date) read through the date policy, with the 400 page
that explains a bad one. Views that need rights declare them with
`organizations.decorators.requires`."""

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.dates import Fact, InvalidDate, checked_date

View = TypeVar("View", bound=Callable[..., HttpResponseBase])

PUBLIC = "public"
AUTHENTICATED = "authenticated"
# The longest "next" the login redirect carries: Django refuses a redirect over 16,384
# characters (a logged 400), so a page asked with a hostile query string is come back to
# without it.
MAX_NEXT = 2000


def login_redirect(request: HttpRequest) -> HttpResponseBase:
    """To the login page, then back to this page (without its query if it is too long)."""
    back = request.get_full_path()
    if len(back) > MAX_NEXT:
        back = request.path if len(request.path) <= MAX_NEXT else ""
    return redirect_to_login(back)


def public(view: View) -> View:
    """Open to anyone, logged in or not (login, password reset, language)."""
    view.access_policy = PUBLIC  # type: ignore[attr-defined]
    return view


def authenticated(view: View) -> View:
    """Any logged-in user; what they then see is decided by the scoping layer."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return login_redirect(request)
        return view(request, *args, **kwargs)

    wrapped.access_policy = AUTHENTICATED  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]


class InvalidParameter(BadRequest):
    """A query parameter the page cannot use; the 400 page shows the message."""


def date_parameter(request: HttpRequest, name: str, fact: Fact, label: str) -> dt.date | None:
    """The query parameter NAME as a date within FACT's range, None when absent;
    InvalidParameter, naming LABEL and the range, otherwise."""
    try:
        return checked_date(request.GET.get(name), fact, label, clock.today())
    except InvalidDate as error:
        raise InvalidParameter(str(error)) from None


def as_of_from(request: HttpRequest) -> dt.date:
    """The as-of date a page shows: the `as_of` parameter, or today."""
    label = _("Ngày xem số liệu (as_of)")
    return date_parameter(request, "as_of", Fact.AS_OF, label) or clock.today()


def is_htmx(request: HttpRequest) -> bool:
    """htmx asks for a fragment; a plain request (or a reload) gets the whole page."""
    return request.headers.get("HX-Request") == "true"


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page: what was wrong with the request, when the code said it in Vietnamese
    (InvalidParameter), with a link to the page without its parameters; a general sentence
    otherwise, as Django's own page gives nothing."""
    if isinstance(exception, InvalidParameter):
        context = {"message": str(exception), "retry": request.path}
    else:
        context = {}
    return render(request, "400.html", context, status=400)
