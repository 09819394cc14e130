import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.models import AuditEntry
from dangvu.members.models import Member
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role

TEMPLATES = Path(__file__).resolve().parents[2]


@pytest.fixture
def staff(tree: Tree, make_user: MakeUser) -> User:
    return make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee)


@pytest.fixture
def browser(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


@pytest.fixture
def member(tree: Tree, add_member: AddMember) -> Member:
    return add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")


def _edit_form(member: Member, **changes: str) -> dict[str, str]:
    data = {
        "version": str(member.version),
        "full_name": member.full_name,
        "gender": member.gender,
        "birth_date": member.birth_date.strftime("%d/%m/%Y"),
        "national_id": member.national_id or "",
        "ethnicity": member.ethnicity,
        "religion": member.religion,
    }
    data.update(changes)
    return data


def test_pages_require_login(client: Client, db: None) -> None:
    response = client.get("/app/members/")

    assert response.status_code == 302
    assert response["Location"].startswith("/app/login/")


def test_login_with_the_right_password_reaches_the_dashboard(client: Client, staff: User) -> None:
    response = client.post(
        "/app/login/", {"username": "tochuc", "password": "mat-khau-dai-123"}, follow=True
    )

    assert response.status_code == 200
    assert "Tổng quan" in response.content.decode()


def test_dashboard_shows_the_figures_of_the_chosen_date(browser: Client, member: Member) -> None:
    before = browser.get("/app/?as_of=2010-01-01").content.decode()
    now = browser.get("/app/?as_of=2025-01-01").content.decode()

    assert re.search(r'data-figure="members">\s*0<', before)
    assert re.search(r'data-figure="members">\s*1<', now)


def test_tree_answers_htmx_with_the_fragment_only(browser: Client, tree: Tree) -> None:
    full = browser.get("/app/orgs/?as_of=2020-01-01").content.decode()
    fragment = browser.get("/app/orgs/?as_of=2020-01-01", HTTP_HX_REQUEST="true").content.decode()

    assert "<html" in full and "Đảng bộ Sở Tài chính" in full
    assert "<html" not in fragment and "Đảng bộ Sở Tài chính" in fragment


def test_org_page_shows_members_sub_organizations_and_history(
    browser: Client, member: Member
) -> None:
    page = browser.get("/app/orgs/CSA/?as_of=2025-01-01").content.decode()

    assert "Trần Thị Bình" in page
    assert "Chi bộ Thanh tra" in page
    assert "Thành lập" in page


def test_unknown_organization_and_member_answer_404(browser: Client, db: None) -> None:
    assert browser.get("/app/orgs/KHONGCO/").status_code == 404
    assert browser.get("/app/members/999999/").status_code == 404


def test_an_edit_is_saved_through_the_service_and_shows_in_the_timeline(
    browser: Client, member: Member
) -> None:
    response = browser.post(
        f"/app/members/{member.pk}/edit/",
        _edit_form(member, workplace="Sở Tài chính", reason="Bổ sung"),
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.workplace == "Sở Tài chính"
    timeline = browser.get(f"/app/members/{member.pk}/").content.decode()
    assert "Sửa hồ sơ" in timeline and "Sở Tài chính" in timeline


def test_a_bad_national_id_is_refused_on_its_field_in_vietnamese(
    browser: Client, member: Member
) -> None:
    response = browser.post(
        f"/app/members/{member.pk}/edit/", _edit_form(member, national_id="12345")
    )

    assert response.status_code == 200
    assert "Số CCCD phải gồm đúng 12 chữ số." in response.content.decode()
    member.refresh_from_db()
    assert member.national_id != "12345"
    assert not AuditEntry.objects.filter(action="members.member.updated").exists()


def test_a_stale_form_is_refused_and_keeps_the_users_input(browser: Client, member: Member) -> None:
    opened = _edit_form(member, phone="0933333333")
    browser.post(f"/app/members/{member.pk}/edit/", _edit_form(member, phone="0911111111"))

    response = browser.post(f"/app/members/{member.pk}/edit/", opened)

    page = response.content.decode()
    assert response.status_code == 200
    assert "đã được người khác sửa" in page
    assert "0911111111" in page  # what the other editor changed
    assert 'value="0933333333"' in page  # the user's input, kept
    member.refresh_from_db()
    assert member.phone == "0911111111"


def test_ward_options_follow_the_chosen_province(browser: Client, db: None) -> None:
    from dangvu.common.models import AdministrativeUnit

    province = AdministrativeUnit.objects.get(scheme="2025", level="PROVINCE", code="01")
    response = browser.get(
        "/app/members/wards/", {"field": "hometown_province", "hometown_province": str(province.pk)}
    )

    assert "Phường Hoàn Kiếm" in response.content.decode()


def test_responses_carry_a_strict_content_security_policy(browser: Client, db: None) -> None:
    policy = browser.get("/app/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_no_template_has_inline_scripts_styles_or_remote_assets() -> None:
    templates = list(TEMPLATES.glob("**/templates/**/*.html"))
    assert templates

    for template in templates:
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template
        assert "<style" not in text and " style=" not in text, template
        assert not re.search(r"\son[a-z]+=", text), template
        assert "http://" not in text and "https://" not in text, template


def test_english_is_available(browser: Client, db: None) -> None:
    browser.post("/i18n/setlang/", {"language": "en", "next": "/app/"})

    page = browser.get("/app/").content.decode()

    assert "Overview" in page
    # Only for that request: the thread goes on in Vietnamese (the next request, the next test).
    assert translation.get_language() == "vi"


def test_dates_are_shown_the_vietnamese_way(browser: Client, member: Member) -> None:
    page = browser.get(f"/app/members/{member.pk}/").content.decode()

    assert member.birth_date.strftime("%d/%m/%Y") in page
    assert f"Ngày {TODAY:%d/%m/}" in page


def test_a_photo_can_be_uploaded_and_is_audited(browser: Client, member: Member) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), "red").save(buffer, format="JPEG")
    photo = SimpleUploadedFile("anh.jpg", buffer.getvalue(), content_type="image/jpeg")

    response = browser.post(
        f"/app/members/{member.pk}/edit/", {**_edit_form(member), "photo": photo}
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.photo.name.startswith("members/photos/")  # under a random name
    assert member.photo.name.endswith(".jpg") and "anh" not in member.photo.name
    entry = AuditEntry.objects.get(action="members.member.updated")
    assert entry.changes["photo"] == ["", member.photo.name]


def test_a_file_that_is_not_an_image_is_refused(browser: Client, member: Member) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("anh.jpg", b"not an image", content_type="image/jpeg")

    response = browser.post(
        f"/app/members/{member.pk}/edit/", {**_edit_form(member), "photo": fake}
    )

    assert response.status_code == 200
    member.refresh_from_db()
    assert not member.photo


def test_a_dissolved_organization_shows_its_last_period(browser: Client, tree: Tree) -> None:
    from dangvu.organizations.services import org_dissolve

    org_dissolve(actor=OPERATOR, org=tree.grassroots_b, effective_date=dt.date(2024, 1, 1))

    page = browser.get("/app/orgs/CSB/?as_of=2025-01-01").content.decode()

    assert "Chi bộ Hội Nông dân tỉnh" in page
    assert "không hoạt động vào ngày 01/01/2025" in page
    assert "Giải thể" in page


def test_vietnamese_is_the_default_whatever_the_browser_asks(browser: Client, db: None) -> None:
    page = browser.get("/app/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()

    assert "Tổng quan" in page
