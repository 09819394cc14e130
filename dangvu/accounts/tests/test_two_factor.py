"""Two-factor enrolment is not first-come: a staff account without an authenticator gets
its secret only through a link an administrator issues, used once, before it expires, by
that account."""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import MakeUser, Tree
from dangvu.accounts.two_factor import EnrolmentRefused, two_factor_link_issue, two_factor_link_use
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.organizations.access import OPERATOR, OutOfScope
from dangvu.organizations.roles import Role


@pytest.fixture
def secretary(tree: Tree, make_user: MakeUser) -> User:
    return make_user("bithu", Role.SECRETARY, tree.grassroots_a)


def _link(username: str) -> str:
    out = io.StringIO()
    call_command("users", "enrol-2fa", username, stdout=out)
    found = re.search(r"http://127\.0\.0\.1:8000(/app/account/2fa/enrol/\S+/)", out.getvalue())
    assert found is not None, out.getvalue()
    return found.group(1)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@override_settings(REQUIRE_2FA=True)
def test_a_staff_account_without_an_authenticator_is_told_to_ask_for_a_link(
    client: Client, secretary: User
) -> None:
    client.force_login(secretary)

    page = client.get("/app/account/2fa/").content.decode()

    assert "data-no-device" in page and "data-secret" not in page
    assert "quản trị hệ thống cấp liên kết" in page
    assert not TOTPDevice.objects.exists()
    assert client.post("/app/account/2fa/", {"token": "123456"}).status_code == 200
    assert client.get("/app/members/").status_code == 302


@override_settings(REQUIRE_2FA=True)
def test_an_enrolment_link_gives_a_secret_once_and_its_first_code_confirms_it(
    client: Client, secretary: User
) -> None:
    link = _link("bithu")
    client.force_login(secretary)

    assert "Nhận khóa bí mật" in client.get(link).content.decode()
    assert not TOTPDevice.objects.exists()  # opening (or a link preview) uses nothing
    assert client.post(link)["Location"] == "/app/account/2fa/"
    page = client.get("/app/account/2fa/?next=/app/members/").content.decode()
    device = TOTPDevice.objects.get(user=secretary)
    assert "data-secret" in page and not device.confirmed
    done = client.post("/app/account/2fa/?next=/app/members/", {"token": _code(device)})

    assert done["Location"] == "/app/members/"
    assert client.get("/app/members/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    again = client.post(link).content.decode()
    assert "không hợp lệ, đã dùng hoặc đã hết hạn" in again
    assert TOTPDevice.objects.filter(user=secretary).count() == 1
    events = AuditEntry.objects.filter(object_id=secretary.pk, action__startswith="accounts.two")
    assert list(events.order_by("pk").values_list("action", flat=True)) == [
        Event.TWO_FACTOR_LINK_ISSUED,
        Event.TWO_FACTOR_ENROLLED,
        Event.TWO_FACTOR_CONFIRMED,
    ]


@override_settings(REQUIRE_2FA=True)
def test_another_account_cannot_use_the_link(
    client: Client, secretary: User, tree: Tree, make_user: MakeUser
) -> None:
    link = _link("bithu")
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))

    page = client.post(link).content.decode()

    assert "không hợp lệ" in page
    assert not TOTPDevice.objects.exists()


def test_a_link_expires_is_replaced_by_a_newer_one_and_cannot_be_altered(
    secretary: User,
) -> None:
    now = timezone.now()
    first = two_factor_link_issue(actor=OPERATOR, user=secretary, now=now)
    expiring = two_factor_link_issue(actor=OPERATOR, user=secretary, now=now)
    later = now + dt.timedelta(hours=72, seconds=1)

    for token, on in [(first, now), (expiring, later), (expiring[:-2] + "xx", now)]:
        with pytest.raises(EnrolmentRefused):
            two_factor_link_use(user=secretary, token=token, now=on)
    assert two_factor_link_use(user=secretary, token=expiring, now=now).confirmed is False


def test_only_administrators_issue_links(secretary: User, tree: Tree, make_user: MakeUser) -> None:
    staff = make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)

    with pytest.raises(OutOfScope):
        two_factor_link_issue(actor=staff, user=secretary, now=timezone.now())

    admin = make_user("admin", Role.ADMIN)
    assert two_factor_link_issue(actor=admin, user=secretary, now=timezone.now())
