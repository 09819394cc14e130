"""A member's photo is served by a view that checks the record's scope, never by URL."""

from django.core.files.base import ContentFile
from django.test import Client

from conftest import AddMember, MakeUser, Tree
from dangvu.organizations.roles import Role
from dangvu.web.tests.conftest import PNG


def test_the_photo_is_served_to_those_who_see_the_record_and_linked_from_its_pages(
    client: Client, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member = add_member(tree.cell_a1)
    member.photo.save("chan dung.png", ContentFile(PNG), save=True)
    client.force_login(make_user("bithu", Role.SECRETARY, tree.grassroots_a))
    outsider = Client()
    outsider.force_login(make_user("bithu_b", Role.SECRETARY, tree.grassroots_b))

    photo = client.get(f"/app/members/{member.pk}/photo/")
    detail = client.get(f"/app/members/{member.pk}/").content.decode()
    edit = client.get(f"/app/members/{member.pk}/edit/").content.decode()

    assert (photo.getvalue(), photo["Content-Type"]) == (PNG, "image/png")
    assert photo["Content-Disposition"].startswith("inline;")
    assert f'src="/app/members/{member.pk}/photo/?as_of=' in detail
    assert f'href="/app/members/{member.pk}/photo/"' in edit
    assert "chan dung" not in member.photo.name
    assert outsider.get(f"/app/members/{member.pk}/photo/").status_code == 404


def test_a_member_without_a_photo_has_none_to_serve(
    client: Client, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member = add_member(tree.cell_a1)
    client.force_login(make_user("admin", Role.ADMIN))

    assert client.get(f"/app/members/{member.pk}/photo/").status_code == 404
