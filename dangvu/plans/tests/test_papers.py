"""A meeting's papers: added and taken away by those who may change the meeting, read by
those who read it, every change audited, a paper taken away kept in store."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile as Upload
from django.test import Client
from django.urls import reverse

from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.organizations.access import OutOfScope
from dangvu.plans.models import MeetingPaper
from dangvu.plans.papers import meeting_paper_add, meeting_paper_remove
from dangvu.plans.services import PlanError
from dangvu.plans.tests.conftest import World

pytestmark = pytest.mark.django_db


def _pdf(name: str = "bao cao chinh tri.pdf", data: bytes = b"%PDF-1.4 bao cao") -> Upload:
    return Upload(name, data)


def test_a_secretary_adds_and_removes_a_paper_of_their_cells_meeting(world: World) -> None:
    meeting = world.monthly(world.tree.cell_a1, dt.date(2021, 3, 10))

    paper = meeting_paper_add(actor=world.bithu, meeting=meeting, title="  ", upload=_pdf())
    named = meeting_paper_add(actor=world.bithu, meeting=meeting, title="Dự thảo nghị quyết",
                              upload=_pdf("nq.docx", b"docx"))  # fmt: skip
    meeting_paper_remove(actor=world.bithu, paper=named)

    assert (paper.title, paper.file_name) == ("bao cao chinh tri.pdf", "bao cao chinh tri.pdf")
    assert list(meeting.papers.filter(removed=False)) == [paper]
    # Taken away, not deleted: the file is still in store for the audit trail.
    assert MeetingPaper.objects.get(pk=named.pk).file.read() == b"docx"
    actions = list(AuditEntry.objects.filter(object_id=str(meeting.pk)).order_by("pk")
                   .values_list("action", "data__title"))  # fmt: skip
    assert actions[-3:] == [
        (Event.MEETING_PAPER_ADDED, "bao cao chinh tri.pdf"),
        (Event.MEETING_PAPER_ADDED, "Dự thảo nghị quyết"),
        (Event.MEETING_PAPER_REMOVED, "Dự thảo nghị quyết"),
    ]
    with pytest.raises(PlanError, match="đã được gỡ"):
        meeting_paper_remove(actor=world.bithu, paper=named)


def test_no_one_adds_or_removes_papers_of_a_meeting_outside_their_reach(world: World) -> None:
    other = world.monthly(world.tree.grassroots_b, dt.date(2021, 3, 10))
    paper = meeting_paper_add(actor=world.vanphong, meeting=other, title="", upload=_pdf())

    for actor in (world.bithu, world.tochuc, world.dangvien):
        with pytest.raises(OutOfScope):
            meeting_paper_add(actor=actor, meeting=other, title="", upload=_pdf())
        with pytest.raises(OutOfScope):
            meeting_paper_remove(actor=actor, paper=paper)
    assert other.papers.filter(removed=False).count() == 1


def test_papers_are_listed_downloaded_and_removed_on_the_meeting_page(
    world: World, client: Client
) -> None:
    meeting = world.monthly(world.tree.cell_a1, dt.date(2021, 3, 10))
    other = world.monthly(world.tree.grassroots_b, dt.date(2021, 3, 10))
    outside = meeting_paper_add(actor=world.vanphong, meeting=other, title="", upload=_pdf())
    client.force_login(world.bithu)
    action = reverse("plans:meeting_action", args=[meeting.pk, "paper"])

    client.post(action, {"title": "Báo cáo chính trị", "file": _pdf()})
    paper = meeting.papers.get()
    page = client.get(meeting.get_absolute_url()).content.decode()
    download = client.get(reverse("plans:meeting_paper", args=[paper.pk]))

    assert f'<a href="/app/plans/meeting-papers/{paper.pk}/">Báo cáo chính trị</a>' in page
    assert b"".join(download.streaming_content) == b"%PDF-1.4 bao cao"  # type: ignore[attr-defined]
    assert 'filename="bao cao chinh tri.pdf"' in download["Content-Disposition"]
    # Another TCCSĐ's paper is missing to this secretary, and cannot be taken away through
    # their own meeting's page.
    assert client.get(reverse("plans:meeting_paper", args=[outside.pk])).status_code == 404
    remove = reverse("plans:meeting_action", args=[meeting.pk, "paper_remove"])
    assert client.post(remove, {"paper": outside.pk}).status_code == 404
    assert client.post(remove, {"paper": "x"}).status_code == 404
    assert not MeetingPaper.objects.get(pk=outside.pk).removed
    client.post(remove, {"paper": paper.pk})
    assert client.get(reverse("plans:meeting_paper", args=[paper.pk])).status_code == 404
    assert "Chưa có tài liệu." in client.get(meeting.get_absolute_url()).content.decode()


def test_a_paper_without_a_file_is_refused_on_the_form(world: World, client: Client) -> None:
    meeting = world.monthly(world.tree.cell_a1, dt.date(2021, 3, 10))
    client.force_login(world.bithu)

    response = client.post(reverse("plans:meeting_action", args=[meeting.pk, "paper"]),
                           {"title": "Báo cáo"})  # fmt: skip

    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not meeting.papers.exists()
