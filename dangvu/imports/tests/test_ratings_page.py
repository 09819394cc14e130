"""The "Nhập từ tệp" page of a round: the CLI's check and write, a dry run first."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import MakeUser, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.evaluation.rules import GOOD
from dangvu.evaluation.tests.conftest import MakeRated
from dangvu.organizations.roles import Role


def _file(text: str, name: str = "xl.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_the_page_checks_then_writes_the_file(
    rated: MakeRated, make_user: MakeUser, tree: Tree, client: Client
) -> None:
    world = rated(2021)
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    url = reverse("imports:ratings", args=[world.round.pk])
    text = f"Số CCCD,Xếp loại\n{world.b[0].national_id},HT tốt NV\n"

    page = client.get(url)
    checked = client.post(url, {"file": _file(text), "action": "check"})

    assert page.status_code == 200 and "Nhập xếp loại từ tệp" in page.text
    assert "1 xếp loại sẽ thay đổi" in checked.text and "Chưa ghi gì" in checked.text
    assert not world.of(world.b[0]).self_level
    assert not AuditEntry.objects.filter(action=Event.EVALUATION_RATED).exists()

    written = client.post(url, {"file": _file(text), "action": "write"}, follow=True)

    assert written.redirect_chain[-1][0] == reverse("evaluation:round", args=[world.round.pk])
    assert "1 xếp loại thay đổi" in written.text
    assert world.of(world.b[0]).self_level == GOOD
    assert AuditEntry.objects.get(action=Event.EVALUATION_RATED, batch=None).data["file"] == (
        "xl.csv"
    )


def test_the_page_lists_the_problems_and_the_readers_reason(
    rated: MakeRated, make_user: MakeUser, tree: Tree, client: Client
) -> None:
    world = rated(2021)
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    url = reverse("imports:ratings", args=[world.round.pk])

    refused = client.post(url, {"file": _file("CCCD,Xếp loại\n001099000001,HTNV\n")})
    unreadable = client.post(url, {"file": _file("CCCD,Xếp loại\n", name="ghi-chu.txt")})

    assert "Không có đảng viên này trong đợt đánh giá năm 2021 của DBK" in refused.text
    assert "001099000001" in refused.text
    assert "không phải bảng tính" in unreadable.text
    assert not world.of(world.b[0]).self_level


def test_a_secretary_writes_only_inside_their_organization(
    rated: MakeRated, make_user: MakeUser, tree: Tree, client: Client
) -> None:
    world = rated(2021)
    client.force_login(make_user("bithu_b", Role.SECRETARY, tree.grassroots_b))
    url = reverse("imports:ratings", args=[world.round.pk])
    text = f"CCCD,Xếp loại\n{world.b[0].national_id},HTNV\n{world.a1[0].national_id},HTNV\n"

    response = client.post(url, {"file": _file(text), "action": "write"})

    assert response.status_code == 200
    assert "Không có đảng viên này trong đợt đánh giá năm 2021 của DBK" in response.text
    assert not world.of(world.b[0]).self_level
