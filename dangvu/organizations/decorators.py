"""The entrance rule of views that need a right: the route test reads these declarations,
and a view without one fails it."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase

from dangvu.common.http import View, login_redirect
from dangvu.organizations.access import may


def requires(resource: str, action: str) -> Callable[[View], View]:
    """Logged in, and holding RESOURCE/ACTION somewhere; otherwise 403. Which objects they
    reach is the selectors' and the services' business (out of scope answers 404)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return login_redirect(request)
            if not may(request.user, resource, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_policy = (resource, action)  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate


def requires_or_404(resource: str, action: str) -> Callable[[View], View]:
    """Like `requires`, but a user without the right gets 404, as for a missing page: for
    the most confidential records (inspection and discipline cases, denunciations), whose
    very existence is not told to those who may not read them."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return login_redirect(request)
            if not may(request.user, resource, action):
                raise Http404
            return view(request, *args, **kwargs)

        wrapped.access_policy = (resource, action)  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate
