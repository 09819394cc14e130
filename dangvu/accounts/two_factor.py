"""Enrolment in two-factor login is never first-come: a staff account without a confirmed
authenticator gets its secret only through a link an administrator issues (signed, used
once, expiring), opened while logged in as that account; the secret is confirmed by a first
correct code. Each step is in the audit trail."""

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangvu.accounts.models import TwoFactorEnrolment
from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.organizations.access import User, require
from dangvu.organizations.roles import Action, Resource

_SALT = "dangvu.accounts.two-factor-enrolment"


class EnrolmentRefused(Exception):
    """The link is not valid for this user (altered, expired, used, replaced or another's)."""


def _digest(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def confirmed_device(user: Any) -> TOTPDevice | None:
    """The user's authenticator, once confirmed by a correct code."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


@transaction.atomic
def two_factor_link_issue(*, actor: User, user: AbstractBaseUser, now: dt.datetime) -> str:
    """A new enrolment link's token for USER, valid `TWO_FACTOR_ENROLMENT_HOURS`; the
    user's earlier links stop working. Only those who hold the whole system's settings
    (administrators, the console) may issue one."""
    require(actor, Resource.SETTINGS, Action.CHANGE)
    TwoFactorEnrolment.objects.filter(user_id=user.pk, used_at=None).update(used_at=now)
    nonce = secrets.token_urlsafe(24)
    enrolment = TwoFactorEnrolment.objects.create(
        user_id=user.pk,
        issued_by_id=getattr(actor, "pk", None),
        issued_at=now,
        expires_at=now + dt.timedelta(hours=settings.TWO_FACTOR_ENROLMENT_HOURS),
        nonce_hash=_digest(nonce),
    )
    data = {"username": user.get_username(), "expires_at": enrolment.expires_at}
    audit_record(actor=actor, action=Event.TWO_FACTOR_LINK_ISSUED, obj=user, data=data)
    return signing.dumps({"e": enrolment.pk, "n": nonce}, salt=_SALT)


@transaction.atomic
def two_factor_link_use(*, user: AbstractBaseUser, token: str, now: dt.datetime) -> TOTPDevice:
    """Use the link TOKEN: USER gets a new, unconfirmed authenticator to add to their app;
    once confirmed, it replaces any other. Raises EnrolmentRefused."""
    refused = EnrolmentRefused(
        _(
            "Liên kết đăng ký không hợp lệ, đã dùng hoặc đã hết hạn; hãy đề nghị quản trị hệ "
            "thống cấp liên kết mới."
        )
    )
    try:
        payload = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        raise refused from None
    enrolment = (
        TwoFactorEnrolment.objects.select_for_update()
        .filter(pk=payload.get("e"), user_id=user.pk, used_at=None, expires_at__gt=now)
        .first()
    )
    if enrolment is None or not secrets.compare_digest(
        enrolment.nonce_hash, _digest(str(payload.get("n")))
    ):
        raise refused
    enrolment.used_at = now
    enrolment.save(update_fields=["used_at"])
    TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).delete()
    device = TOTPDevice.objects.create(user_id=user.pk, name="dangvu", confirmed=False)
    audit_record(actor=user, action=Event.TWO_FACTOR_ENROLLED, obj=user,
                 data={"username": user.get_username(), "link": enrolment.pk})  # fmt: skip
    return device


@transaction.atomic
def two_factor_confirm(*, user: AbstractBaseUser, device: TOTPDevice, token: str) -> bool:
    """Whether TOKEN is the current code of USER's new DEVICE; if so the device is
    confirmed and replaces the user's other authenticators. A wrong code is audited."""
    if device.user_id != user.pk or device.confirmed:
        return False
    if not _verified(user, device, token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user_id=user.pk).exclude(pk=device.pk).delete()
    audit_record(actor=user, action=Event.TWO_FACTOR_CONFIRMED, obj=user,
                 data={"username": user.get_username()})  # fmt: skip
    return True


@transaction.atomic
def two_factor_verify(*, user: AbstractBaseUser, device: TOTPDevice, token: str) -> bool:
    """Whether TOKEN is the current code of USER's confirmed DEVICE, at login. Right and
    wrong codes are audited: checking one moves the device's replay and throttling
    counters, and guesses at the second factor show in the trail."""
    if device.user_id != user.pk or not device.confirmed:
        return False
    if not _verified(user, device, token):
        return False
    audit_record(actor=user, action=Event.TWO_FACTOR_PASSED, obj=user,
                 data={"username": user.get_username()})  # fmt: skip
    return True


def _verified(user: AbstractBaseUser, device: TOTPDevice, token: str) -> bool:
    """Check TOKEN (django-otp saves the device's counters); a wrong code is audited."""
    if device.verify_token(token):
        return True
    audit_record(actor=user, action=Event.TWO_FACTOR_FAILED, obj=user,
                 data={"username": user.get_username()})  # fmt: skip
    return False
