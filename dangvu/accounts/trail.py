"""What happens to accounts, in the audit trail: logins, failed logins and lockouts (from
Django's and django-axes' signals), password changes and resets (from their views) and the
second factor's enrolment (from its services). A failed login records the user name tried
and the address, never the password."""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction
from django.http import HttpRequest

from dangvu.accounts.lockout import client_address
from dangvu.common.audit import Actor, audit_record
from dangvu.common.events import Event


def account_event(
    event: Event, *, actor: Actor, username: str, request: HttpRequest | None, **data: Any
) -> None:
    """Record EVENT about the account USERNAME (which may not exist: a failed login's),
    made by ACTOR from the request's address."""
    user = get_user_model().objects.filter(username=username).first() if username else None
    address = client_address(request) if request is not None else ""
    with transaction.atomic():
        audit_record(actor=actor, action=event, obj=user, about=username,
                     data={"username": username, "address": address, **data})  # fmt: skip


def _logged_in(sender: object, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    account_event(Event.LOGGED_IN, actor=user, username=user.get_username(), request=request)


def _login_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or "")[:150]
    account_event(Event.LOGIN_FAILED, actor=AnonymousUser(), username=username, request=request)


def _locked_out(sender: object, request: HttpRequest, username: str | None, **kwargs: Any) -> None:
    account_event(Event.LOCKED_OUT, actor=AnonymousUser(), username=username or "", request=request)


def trail_connect() -> None:
    """Listen to the login signals (AccountsConfig.ready)."""
    user_logged_in.connect(_logged_in, dispatch_uid="dangvu-logged-in")
    user_login_failed.connect(_login_failed, dispatch_uid="dangvu-login-failed")
    user_locked_out.connect(_locked_out, dispatch_uid="dangvu-locked-out")
