"""Lockout after repeated failed logins (django-axes), counted two ways: per user name
across addresses (guessing one account's password from many machines) and per address
across user names (spraying one password over many accounts). An office behind one
address shares the second count, so it has its own, higher limit."""

import datetime as dt
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or, behind PROXY_COUNT reverse proxies that each
    append the address they saw to X-Forwarded-For, the entry the outermost one added."""
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    count = settings.PROXY_COUNT
    if count and len(forwarded) >= count and forwarded[-count]:
        return forwarded[-count]
    return str(request.META.get("REMOTE_ADDR", ""))


def _failures(attempts: QuerySet[AccessAttempt]) -> int:
    return int(attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0)


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler with a limit per address (AXES_ADDRESS_FAILURE_LIMIT) beside
    the limit per user name (AXES_FAILURE_LIMIT)."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The failures axes compares with AXES_FAILURE_LIMIT: the user name's, or the
        address's scaled so that it reaches that limit at the address's own."""
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        by_name = _failures(recent.filter(username=get_client_username(request, credentials)))
        by_address = _failures(recent.filter(ip_address=request.axes_ip_address))  # type: ignore[attr-defined]
        scaled = by_address * settings.AXES_FAILURE_LIMIT // settings.AXES_ADDRESS_FAILURE_LIMIT
        return max(by_name, scaled)

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """A successful login clears its own user name's failures only: clearing the
        address's too would let a sprayer holding one valid account reset the count."""
        username = get_client_username(request, credentials)
        count, _deleted = AccessAttempt.objects.filter(username=username).delete()
        return count


def recent_failures(username: str, now: dt.datetime) -> int:
    """USERNAME's failed logins within the cool-off before NOW, as the lockout counts them;
    at AXES_FAILURE_LIMIT the account is locked out until they age."""
    since = now - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    return _failures(AccessAttempt.objects.filter(username=username, attempt_time__gte=since))


def lockout_clear(username: str) -> int:
    """Forget USERNAME's failed logins (an administrator unlocks the account); how many
    there were. Those of an address stay: they count every name tried there."""
    attempts = AccessAttempt.objects.filter(username=username)
    count = _failures(attempts)
    attempts.delete()
    return count
