"""A member's page offers the actions that apply to them, each closed until asked for, with
nothing chosen in advance: no exit reason picked, no badge for a probationary member."""

import datetime as dt
import re

from django.test import Client

from conftest import AddMember, MakeUser, Tree
from dangvu.members.models import Member
from dangvu.organizations.roles import Role


def _page(client: Client, member: Member) -> str:
    return client.get(f"/app/members/{member.pk}/").content.decode()


def _actions(page: str) -> list[str]:
    return re.findall(r'data-action-item="([a-z_]+)"', page)


def test_actions_are_closed_and_nothing_is_preselected(
    client: Client, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member = add_member(tree.cell_a1, full_name="Lê Văn Lâu")
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))

    page = _page(client, member)

    assert {"transfer", "exit", "badge"} <= set(_actions(page))
    assert "<details open" not in page
    exit_form = page[page.index('data-action="exit"') :]
    reason = exit_form[exit_form.index('name="reason"') : exit_form.index("</select>")]
    assert re.findall(r"<option[^>]*selected", reason) == ['<option value="" selected']


def test_a_probationary_member_is_offered_recognition_not_a_badge(
    client: Client, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member = add_member(tree.cell_a1, full_name="Phạm Thị Mới", gender="F",
                        admission_date=dt.date(2026, 5, 19), official_date=None)  # fmt: skip
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))

    actions = _actions(_page(client, member))

    assert "badge" not in actions
    assert "recognition_propose" in actions


def test_an_unchosen_exit_reason_is_refused_and_nothing_changes(
    client: Client, tree: Tree, add_member: AddMember, make_user: MakeUser
) -> None:
    member = add_member(tree.cell_a1, full_name="Lê Văn Lâu")
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))

    client.post(f"/app/members/{member.pk}/do/exit/", {"reason": "", "on": "01/11/2026"})

    assert Member.objects.get(pk=member.pk).exit_date is None
