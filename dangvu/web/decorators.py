"""Every view declares who may enter it. The route test reads these declarations: a view
without one fails it."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from dangvu.common.access import may

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


def requires(resource: str, action: str) -> Callable[[View], View]:
    """Logged in, and holding RESOURCE/ACTION somewhere; otherwise 403. Which objects they
    reach is the selectors' business (out of scope answers 404)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not may(request.user, resource, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_policy = (resource, action)  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate
