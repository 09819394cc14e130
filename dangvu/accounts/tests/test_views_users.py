"""The administrator's accounts pages at /app/users/: the list with its search and
filters, an account's page with its roles, actions and history, and the focused forms."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.accounts import services
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.organizations.models import RoleAssignment
from dangvu.organizations.roles import Role


@pytest.fixture
def admin(tree: Tree, make_user: MakeUser) -> User:
    return make_user("quantri", Role.ADMIN)


@pytest.fixture
def client_admin(admin: User) -> Client:
    client = Client()
    client.force_login(admin)
    return client


def _named(username: str, full_name: str, make_user: MakeUser, role: str, org: object) -> User:
    user = make_user(username, role, org)
    user.first_name = full_name
    user.save()
    return user


def _usernames(page: str) -> list[str]:
    return re.findall(r'data-username="([^"]+)"', page)


def test_the_list_is_sorted_by_given_name_and_searched_without_accents(
    client_admin: Client, tree: Tree, make_user: MakeUser
) -> None:
    _named("binh", "Trần Thị Bình", make_user, Role.SECRETARY, tree.grassroots_a)
    _named("an", "Vũ Văn An", make_user, Role.OFFICE, tree.committee)
    _named("dung", "Lê Đức Dũng", make_user, Role.SECRETARY, tree.grassroots_b)

    every = client_admin.get("/app/users/").content.decode()
    found = client_admin.get("/app/users/", {"q": "tran thi"}).content.decode()
    by_d = client_admin.get("/app/users/", {"q": "duc"}).content.decode()

    assert _usernames(every) == ["an", "binh", "dung", "quantri"]
    assert 'data-count="4"' in every
    assert "Bí thư, phó bí thư – Đảng bộ Sở Tài chính" in every
    assert _usernames(found) == ["binh"] and 'data-count="1"' in found
    assert _usernames(by_d) == ["dung"]


def test_the_list_filters_by_role_organization_and_state(
    client_admin: Client, admin: User, tree: Tree, make_user: MakeUser
) -> None:
    _named("binh", "Trần Thị Bình", make_user, Role.SECRETARY, tree.cell_a1)
    dung = _named("dung", "Lê Đức Dũng", make_user, Role.SECRETARY, tree.grassroots_b)
    services.account_lock(actor=admin, account=dung, today=TODAY)

    def listed(**query: str) -> list[str]:
        return _usernames(client_admin.get("/app/users/", query).content.decode())

    assert listed(role="SECRETARY") == ["binh", "dung"]
    assert listed(org="CSA") == ["binh"]
    assert listed(org="DBK") == ["binh", "dung"]
    assert listed(status="locked") == ["dung"]
    assert listed(status="active", role="SECRETARY") == ["binh"]


def test_an_account_is_created_from_its_form(
    client_admin: Client, tree: Tree, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a1, full_name="Hà Thị Liên")
    assert "id_username" in client_admin.get("/app/users/new/").content.decode()

    response = client_admin.post("/app/users/new/", {
        "username": "lien", "full_name": "Hà Thị Liên", "email": "",
        "member": f"Hà Thị Liên #{member.pk}",
    })  # fmt: skip
    taken = client_admin.post("/app/users/new/", {"username": "LIEN", "full_name": "Ai"})

    account = User.objects.get(username="lien")
    assert response["Location"] == f"/app/users/{account.pk}/"
    assert RoleAssignment.objects.get(user=account).member == member
    assert "Tên đăng nhập “LIEN” đã có người dùng." in taken.content.decode()


def test_an_accounts_page_shows_its_roles_actions_and_history(
    client_admin: Client, admin: User, tree: Tree, make_user: MakeUser
) -> None:
    secretary = _named("binh", "Trần Thị Bình", make_user, Role.SECRETARY, tree.grassroots_a)
    services.account_lock(actor=admin, account=secretary, today=TODAY, reason="Nghỉ phép dài")

    page = client_admin.get(f"/app/users/{secretary.pk}/").content.decode()

    assert "Bí thư, phó bí thư – Đảng bộ Sở Tài chính" in page and "01/01/2020" in page
    assert re.findall(r'data-action="(\w+)"', page) == ["unlock"]
    assert "Khóa tài khoản" in page and "Nghỉ phép dài" in page  # the history
    assert "Phân công vai trò" in page


def test_the_actions_apply_to_the_accounts_state(
    client_admin: Client, admin: User, tree: Tree, make_user: MakeUser
) -> None:
    secretary = make_user("binh", Role.SECRETARY, tree.grassroots_a)

    theirs = client_admin.get(f"/app/users/{secretary.pk}/").content.decode()
    own = client_admin.get(f"/app/users/{admin.pk}/").content.decode()

    assert re.findall(r'data-action="(\w+)"', theirs) == [
        "assign", "end_role", "password", "two_factor", "lock"]  # fmt: skip
    assert re.findall(r'data-action="(\w+)"', own) == ["assign", "end_role", "password"]


def test_a_role_is_given_on_an_organization_picked_by_its_code_and_ended(
    client_admin: Client, tree: Tree, make_user: MakeUser
) -> None:
    account = make_user("binh", Role.SECRETARY, tree.grassroots_b)
    url = f"/app/users/{account.pk}/do/"
    assert '"purpose": "roles"' in client_admin.get(url + "assign/").content.decode()

    given = client_admin.post(url + "assign/", {"role": "OFFICE", "org": "dbk",
                                                "valid_from": "01/12/2026"})  # fmt: skip
    office = RoleAssignment.objects.get(user=account, role=Role.OFFICE)
    form = client_admin.get(url + "end_role/", {"assignment": office.pk}).content.decode()
    ended = client_admin.post(url + "end_role/", {"assignment": office.pk, "on": "15/12/2026"})

    assert given["Location"] == ended["Location"] == f"/app/users/{account.pk}/"
    assert office.org == tree.committee
    assert f'<option value="{office.pk}" selected>' in form
    office.refresh_from_db()
    assert office.valid_to is not None and f"{office.valid_to:%d/%m/%Y}" == "15/12/2026"


def test_a_refused_action_shows_its_message_on_the_form(
    client_admin: Client, admin: User, tree: Tree
) -> None:
    bad_date = client_admin.post(f"/app/users/{admin.pk}/do/assign/", {
        "role": "OFFICE", "org": "DBK", "valid_from": "01/12/2026", "valid_to": "01/11/2026",
    }).content.decode()  # fmt: skip
    unknown = client_admin.post(f"/app/users/{admin.pk}/do/assign/", {
        "role": "OFFICE", "org": "KHONG", "valid_from": "01/12/2026",
    }).content.decode()  # fmt: skip

    assert "Đến trước ngày: phải sau ngày bắt đầu 01/12/2026." in bad_date
    assert "Không có tổ chức mã KHONG trong phạm vi của bạn." in unknown
    assert not RoleAssignment.objects.filter(user=admin, role=Role.OFFICE).exists()


def test_a_password_link_is_shown_once_after_the_post(
    client_admin: Client, tree: Tree, make_user: MakeUser
) -> None:
    account = make_user("binh", Role.SECRETARY, tree.grassroots_a)
    url = f"/app/users/{account.pk}/do/password/"
    assert "data-link" not in client_admin.get(url).content.decode()

    page = client_admin.post(url, {"csrfmiddlewaretoken": "x"}).content.decode()

    link = re.search(r'value="http://testserver(/app/account/password/reset/[^"]+/)"', page)
    assert link is not None
    assert Client().get(link.group(1)).status_code == 302
    assert AuditEntry.objects.filter(action=Event.PASSWORD_LINK_ISSUED).count() == 1


def test_locking_from_the_page_and_the_last_administrator_refused(
    client_admin: Client, admin: User, tree: Tree, make_user: MakeUser
) -> None:
    account = make_user("binh", Role.SECRETARY, tree.grassroots_a)

    locked = client_admin.post(f"/app/users/{account.pk}/do/lock/", {"reason": "Nghỉ hưu"})
    own = client_admin.post(f"/app/users/{admin.pk}/do/lock/", {"reason": ""}).content.decode()

    assert locked["Location"] == f"/app/users/{account.pk}/"
    assert not User.objects.get(pk=account.pk).is_active
    assert "Không thể tự khóa tài khoản của mình." in own
    assert User.objects.get(pk=admin.pk).is_active


def test_others_get_no_account_pages_and_no_menu_entry(
    client_admin: Client, admin: User, tree: Tree, make_user: MakeUser
) -> None:
    secretary = Client()
    secretary.force_login(make_user("bithu", Role.SECRETARY, tree.grassroots_a))
    paths = ["/app/users/", "/app/users/new/", f"/app/users/{admin.pk}/",
             f"/app/users/{admin.pk}/do/lock/"]  # fmt: skip

    assert [secretary.get(path).status_code for path in paths] == [403] * 4
    assert secretary.post(f"/app/users/{admin.pk}/do/lock/").status_code == 403
    assert 'href="/app/users/"' not in secretary.get("/app/").content.decode()
    assert 'href="/app/users/"' in client_admin.get("/app/").content.decode()
    assert client_admin.get("/app/users/999999/").status_code == 404
    assert client_admin.get(f"/app/users/{admin.pk}/do/delete/").status_code == 404


def test_the_list_takes_a_fixed_number_of_queries(
    client_admin: Client, tree: Tree, make_user: MakeUser, django_assert_max_num_queries: object
) -> None:
    for number in range(8):
        make_user(f"bithu{number}", Role.SECRETARY, tree.grassroots_a)

    with django_assert_max_num_queries(12):  # type: ignore[operator]
        assert client_admin.get("/app/users/").status_code == 200
