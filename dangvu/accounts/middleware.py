from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from dangvu.common import clock
from dangvu.organizations.roles import STAFF_ROLES


def needs_second_factor(user: object) -> bool:
    """Staff roles log in with a TOTP code when the site requires two-factor login."""
    if not settings.REQUIRE_2FA or not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    from dangvu.organizations.models import RoleAssignment

    return RoleAssignment.objects.filter(
        user_id=getattr(user, "pk", None) or 0, role__in=STAFF_ROLES
    ).exists()


class TwoFactorMiddleware:
    """Until a staff user has entered a TOTP code this session, every page but the
    two-factor pages (and logging out) leads there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            not getattr(user, "is_verified", lambda: True)()
            and not request.path.startswith((settings.STATIC_URL or "/static/", "/i18n/"))
            # The two-factor pages themselves, enrolment links included, and logging out.
            and not request.path.startswith(reverse("accounts:two_factor"))
            and request.path != reverse("web:logout")
            and needs_second_factor(user)
        ):
            return redirect(f"{reverse('accounts:two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)


SEEN = "seen"  # when this session last moved its idle expiry (a POSIX timestamp)


class IdleSessionMiddleware:
    """A session ends SESSION_COOKIE_AGE after its last request, yet is written at most once
    a minute for it. Writing it on every request (SESSION_SAVE_EVERY_REQUEST) made the
    requests of one page (a picker's search and the form's post) race to save the same
    session row; on SQLite the loser answered 400 "session interrupted"."""

    REFRESH_SECONDS = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = int(clock.now().timestamp())
        session = request.session
        if request.user.is_authenticated and now - session.get(SEEN, 0) >= self.REFRESH_SECONDS:
            session[SEEN] = now  # saved, with a new expiry, after the response
        return self.get_response(request)
