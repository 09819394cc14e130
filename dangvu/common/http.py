"""Request plumbing shared by every app's views: the access declarations of views that need
no rights (the route test reads them), htmx detection and the page's as-of date. Views that
need rights declare them with `organizations.decorators.requires`."""

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from dangvu.common.dates import parse_date

View = TypeVar("View", bound=Callable[..., HttpResponseBase])

PUBLIC = "public"
AUTHENTICATED = "authenticated"


def public(view: View) -> View:
    """Open to anyone, logged in or not (login, password reset, language)."""
    view.access_policy = PUBLIC  # type: ignore[attr-defined]
    return view


def authenticated(view: View) -> View:
    """Any logged-in user; what they then see is decided by the scoping layer."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.access_policy = AUTHENTICATED  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]


def as_of_from(request: HttpRequest) -> dt.date:
    """The as-of date a page shows: the `as_of` parameter, or today."""
    return parse_date(request.GET.get("as_of")) or timezone.localdate()


def is_htmx(request: HttpRequest) -> bool:
    """htmx asks for a fragment; a plain request (or a reload) gets the whole page."""
    return request.headers.get("HX-Request") == "true"
