"""The correction requests' pages: the list and the request for those who may see the
member, the decision for those who may change the record."""

import pytest
from django.test import Client

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.members.models import CorrectionRequest, Member
from dangvu.members.services import correction_request_submit
from dangvu.organizations.roles import Role

Status = CorrectionRequest.Status


class World:
    def __init__(self, tree: Tree, add_member: AddMember, make_user: MakeUser) -> None:
        self.member = add_member(tree.cell_a1, full_name="Lý Văn Tư")
        self.users = {
            "dangvien": make_user("dangvien", Role.MEMBER, member=self.member),
            "tochuc": make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee),
            "bithu_b": make_user("bithu_b", Role.SECRETARY, tree.grassroots_b),
        }
        self.request = correction_request_submit(
            actor=self.users["dangvien"], member=self.member, field="workplace",
            proposed_value="Sở Tài chính tỉnh", reason="Đã chuyển công tác", today=TODAY,
        )  # fmt: skip
        self.url = f"/app/members/corrections/{self.request.pk}/"

    def client(self, username: str) -> Client:
        client = Client()
        client.force_login(self.users[username])
        return client


@pytest.fixture
def world(tree: Tree, add_member: AddMember, make_user: MakeUser) -> World:
    return World(tree, add_member, make_user)


def test_the_board_lists_the_request_and_accepts_it(world: World) -> None:
    client = world.client("tochuc")

    listed = client.get("/app/members/corrections/").content.decode()
    page = client.get(world.url).content.decode()
    response = client.post(world.url, {"decision": "accept", "decision_reason": ""})

    assert f'data-correction="{world.request.pk}"' in listed and "Nơi làm việc" in listed
    assert "Sở Tài chính tỉnh" in page and "Chấp nhận và sửa hồ sơ" in page
    assert (response.status_code, response["Location"]) == (302, world.url)
    assert Member.objects.get(pk=world.member.pk).workplace == "Sở Tài chính tỉnh"
    shown = client.get(world.url).content.decode()
    assert 'data-status="ACCEPTED"' in shown and "Chấp nhận và sửa hồ sơ" not in shown


def test_a_rejection_without_a_reason_is_shown_on_the_form(world: World) -> None:
    response = world.client("tochuc").post(world.url, {"decision": "reject"})

    assert response.status_code == 200
    assert "Nêu lý do từ chối." in response.content.decode()
    world.request.refresh_from_db()
    assert world.request.status == Status.PENDING


def test_the_member_reads_their_request_but_cannot_decide_it(world: World) -> None:
    client = world.client("dangvien")

    page = client.get(world.url).content.decode()
    response = client.post(world.url, {"decision": "accept"})

    assert "Sở Tài chính tỉnh" in page and "Chấp nhận và sửa hồ sơ" not in page
    assert response.status_code == 403
    world.request.refresh_from_db()
    assert world.request.status == Status.PENDING


def test_another_subtree_gets_404_and_an_empty_list(world: World) -> None:
    client = world.client("bithu_b")

    listed = client.get("/app/members/corrections/").content.decode()

    assert client.get(world.url).status_code == 404
    assert client.post(world.url, {"decision": "accept"}).status_code == 404
    assert "Lý Văn Tư" not in listed
    world.request.refresh_from_db()
    assert world.request.status == Status.PENDING
