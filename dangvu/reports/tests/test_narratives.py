"""The sections staff write for the annual report: versions, restore, status, comments, who
may write and read them, their pages, and the DOCX that prints them."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from conftest import AddMember, MakeUser, Tree
from dangvu.common.models import AuditEntry
from dangvu.documents.build_templates import REPORT_BODY, build_report_frame
from dangvu.documents.models import DocumentTemplate
from dangvu.documents.services import document_template_upload
from dangvu.organizations.access import Operator, OutOfScope
from dangvu.organizations.roles import Role
from dangvu.reports.models import Narrative, NarrativeComment, NarrativeVersion, Section
from dangvu.reports.narratives import (
    narrative_comment,
    narrative_mark,
    narrative_restore,
    narrative_save,
)
from dangvu.reports.services import annual_report_file

D = dt.date
YEAR = 2025
POLITICS_TEXT = "Tổ chức quán triệt Nghị quyết Trung ương 4 khóa XIII đến 100% chi bộ."


@pytest.fixture
def office(tree: Tree, make_user: MakeUser) -> User:
    return make_user("vanphong", Role.OFFICE, tree.committee)


def _save(actor: User, tree: Tree, text: str, version: int | None = None,
          section: str = Section.MEMBERS) -> NarrativeVersion:  # fmt: skip
    return narrative_save(actor=actor, committee=tree.committee, year=YEAR, section=section,
                          text=text, version=version)  # fmt: skip


def test_each_save_is_a_new_version_with_its_writer_and_time(tree: Tree, office: User) -> None:
    first = _save(office, tree, "Bản đầu.", 0)
    second = _save(office, tree, "  Bản   thứ hai.\r\n\r\n\r\nĐoạn hai.  ", 1)

    narrative = Narrative.objects.get()
    assert (first.number, second.number, narrative.version) == (1, 2, 2)
    assert second.text == "Bản thứ hai.\nĐoạn hai."
    assert second.written_by == office and second.written_at is not None
    assert narrative.status == Narrative.Status.DRAFT
    entries = AuditEntry.objects.filter(action="reports.narrative.saved").order_by("id")
    assert [e.data["text_version"] for e in entries] == [1, 2]
    assert entries[0].org_id == tree.committee.pk


def test_a_save_with_the_same_text_records_nothing(tree: Tree, office: User) -> None:
    _save(office, tree, "Bản đầu.", 0)

    again = _save(office, tree, "Bản đầu.", 1)

    assert again.number == 1
    assert AuditEntry.objects.filter(action="reports.narrative.saved").count() == 1


def test_a_stale_page_is_refused_with_nothing_written(tree: Tree, office: User) -> None:
    _save(office, tree, "Bản đầu.", 0)
    _save(office, tree, "Bản của người khác.", 1)

    with pytest.raises(ValidationError, match="vừa được người khác ghi"):
        _save(office, tree, "Bản của tôi.", 1)
    assert Narrative.objects.get().versions.count() == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   \n  ", "Nhập nội dung"),
        ("Có ký tự ẩn \u202e ở đây", "ký tự ẩn"),
        ("x" * 20_001, "dài quá 20.000 ký tự"),
    ],
)
def test_bad_text_is_refused_in_vietnamese(
    tree: Tree, office: User, text: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        _save(office, tree, text, 0)
    assert not Narrative.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="reports.").exists()


def test_restoring_an_old_version_makes_it_the_latest(tree: Tree, office: User) -> None:
    _save(office, tree, "Bản đầu.", 0)
    _save(office, tree, "Bản sửa.", 1)
    narrative = Narrative.objects.get()

    restored = narrative_restore(actor=office, narrative=narrative, number=1, version=2)

    assert (restored.number, restored.text, restored.restored_from) == (3, "Bản đầu.", 1)
    entry = AuditEntry.objects.get(action="reports.narrative.restored")
    assert entry.data["restored_from"] == 1
    with pytest.raises(ValidationError, match="Không có phiên bản này"):
        narrative_restore(actor=office, narrative=narrative, number=9, version=3)


def test_a_section_is_final_once_marked_and_a_draft_again_when_changed(
    tree: Tree, office: User
) -> None:
    _save(office, tree, "Bản đầu.", 0)
    narrative = Narrative.objects.get()

    narrative_mark(actor=office, narrative=narrative, status="FINAL", version=1)
    assert Narrative.objects.get().status == Narrative.Status.FINAL
    _save(office, tree, "Bản sửa sau khi chốt.", 1)

    assert Narrative.objects.get().status == Narrative.Status.DRAFT
    entry = AuditEntry.objects.get(action="reports.narrative.status")
    assert entry.changes == {"status": ["DRAFT", "FINAL"]}


def test_an_empty_section_cannot_be_final(tree: Tree, office: User) -> None:
    narrative_comment(actor=office, committee=tree.committee, year=YEAR,
                      section=Section.DUES, text="Cần bổ sung số liệu.")  # fmt: skip
    narrative = Narrative.objects.get()

    with pytest.raises(ValidationError, match="chưa có nội dung"):
        narrative_mark(actor=office, narrative=narrative, status="FINAL", version=0)


def test_a_comment_keeps_its_author_time_and_text(tree: Tree, office: User) -> None:
    narrative_comment(actor=office, committee=tree.committee, year=YEAR,
                      section=Section.NEXT_YEAR, text="Nên nêu rõ 07 nhiệm vụ.")  # fmt: skip

    comment = NarrativeComment.objects.get()
    assert (comment.author, comment.text) == (office, "Nên nêu rõ 07 nhiệm vụ.")
    assert comment.narrative.section == Section.NEXT_YEAR
    assert AuditEntry.objects.filter(action="reports.narrative.commented").count() == 1


@pytest.mark.parametrize(
    ("role", "where"),
    [
        (Role.SECRETARY, "grassroots_a"),  # a secretary does not write the committee's report
        (Role.ORGANIZATION_BOARD, "committee"),
        (Role.LEADERSHIP, "committee"),
        (Role.OFFICE, "other"),  # another committee's Office
    ],
)
def test_only_the_committees_office_and_propaganda_board_write(
    tree: Tree, make_user: MakeUser, role: str, where: str
) -> None:
    from dangvu.organizations.models import OrgKind, Sector
    from dangvu.organizations.services import org_create

    other = org_create(actor=Operator(), code="DBX", name="Đảng bộ khác",
                       kind=OrgKind.UPPER_COMMITTEE, sector=Sector.OTHER, parent=None,
                       established_date=D(2015, 1, 1))  # fmt: skip
    org = {"grassroots_a": tree.grassroots_a, "committee": tree.committee, "other": other}[where]
    user = make_user("nguoi", role, org)

    with pytest.raises(OutOfScope):
        _save(user, tree, "Không được ghi.", 0)
    assert not Narrative.objects.exists()


def test_the_propaganda_board_writes_too(tree: Tree, make_user: MakeUser) -> None:
    propaganda = make_user("tuyengiao", Role.PROPAGANDA, tree.committee)

    assert _save(propaganda, tree, "Công tác chính trị tư tưởng.", 0).number == 1


def _docx_text(docx: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(docx)).paragraphs]


def test_the_docx_prints_the_latest_version_and_marks_drafts(
    tree: Tree, signed: None, add_member: AddMember, office: User
) -> None:
    add_member(tree.cell_a1, full_name="Lê Thị Hoa", gender="F")
    _save(office, tree, "Bản cũ không in.", 0)
    _save(office, tree, f"{POLITICS_TEXT}\nĐoạn thứ hai.", 1)
    _save(office, tree, "Năm tới tập trung kiện toàn tổ chức.", 0, Section.NEXT_YEAR)
    final = Narrative.objects.get(section=Section.NEXT_YEAR)
    narrative_mark(actor=office, narrative=final, status="FINAL", version=1)
    day = D(2026, 1, 15)

    text = _docx_text(annual_report_file(user=Operator(), committee=tree.committee, year=YEAR,
                                         as_of=day, issued_on=day, fmt="docx"))  # fmt: skip

    assert POLITICS_TEXT in text and "Đoạn thứ hai." in text
    assert "Bản cũ không in." not in text
    members_part = text.index("II. CÔNG TÁC PHÁT TRIỂN VÀ QUẢN LÝ ĐẢNG VIÊN")
    next_part = text.index("VII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026")
    assert text.index(POLITICS_TEXT) > members_part
    assert text.index("(Phần viết dưới đây còn là dự thảo.)") == text.index(POLITICS_TEXT) - 1
    written = text.index("Năm tới tập trung kiện toàn tổ chức.")
    assert written > next_part
    assert text[written - 1] != "(Phần viết dưới đây còn là dự thảo.)"  # final


# The pages ------------------------------------------------------------------------------


def _url(name: str, section: str = "members", **extra: str) -> str:
    return reverse(name, kwargs={"code": "DBK", "year": YEAR, "section": section, **extra})


@pytest.fixture
def office_client(office: User) -> Client:
    client = Client()
    client.force_login(office)
    return client


def test_the_office_writes_restores_and_marks_on_the_page(office_client: Client) -> None:
    save = _url("reports:section_action", action="save")

    office_client.post(save, {"text": "Bản đầu.", "version": "0"})
    office_client.post(save, {"text": "Bản sửa.", "version": "1"})
    page = office_client.get(_url("reports:section"), {"v": "1"}).content.decode()
    office_client.post(_url("reports:section_action", action="restore"),
                       {"number": "1", "version": "2"})  # fmt: skip
    office_client.post(_url("reports:section_action", action="status"),
                       {"status": "FINAL", "version": "3"})  # fmt: skip
    office_client.post(_url("reports:section_action", action="comment"), {"text": "Đã xem."})
    after = office_client.get(_url("reports:section")).content.decode()

    assert "Phiên bản 1 (ghi lúc" in page and "Khôi phục phiên bản này" in page
    assert "khôi phục từ phiên bản 1" in after
    assert "Đã hoàn chỉnh" in after and "Đã xem." in after
    narrative = Narrative.objects.get()
    assert (narrative.version, narrative.status) == (3, "FINAL")
    assert narrative.versions.get(number=3).text == "Bản đầu."


def test_a_refused_save_is_explained_on_the_page(office_client: Client) -> None:
    response = office_client.post(_url("reports:section_action", action="save"),
                                  {"text": "Ẩn\u200b", "version": "0"})  # fmt: skip

    assert response.status_code == 200
    assert "ký tự ẩn" in response.content.decode()
    assert not Narrative.objects.exists()


def test_readers_see_the_text_without_the_forms(
    tree: Tree, make_user: MakeUser, office: User
) -> None:
    _save(office, tree, "Nội dung cho người đọc.", 0)
    client = Client()
    client.force_login(make_user("thuongvu", Role.LEADERSHIP, tree.committee))

    page = client.get(_url("reports:section")).content.decode()
    posted = client.post(_url("reports:section_action", action="save"),
                         {"text": "Sửa trộm.", "version": "1"})  # fmt: skip

    assert "Nội dung cho người đọc." in page
    assert "Ghi phiên bản mới" not in page
    assert posted.status_code == 403
    assert Narrative.objects.get().version == 1


def test_the_report_page_shows_the_written_text_and_links_each_section(
    tree: Tree, signed: None, office: User, office_client: Client
) -> None:
    _save(office, tree, "Đánh giá chung về công tác phát triển đảng viên.", 0)

    page = office_client.get(reverse("reports:annual"), {"year": str(YEAR), "org": "DBK"})

    html = page.content.decode()
    assert "Đánh giá chung về công tác phát triển đảng viên." in html
    assert "Phần viết còn là dự thảo." in html
    for section in Section.values:
        assert _url("reports:section", section.lower()) in html


@pytest.mark.parametrize(
    "path",
    ["/app/reports/DBK/2025/nothing/", "/app/reports/NOPE/2025/members/",
     "/app/reports/DBK/99999999999999999999/members/", "/app/reports/DBK/1800/members/"],
)  # fmt: skip
def test_a_path_that_names_no_section_is_404(office_client: Client, path: str) -> None:
    assert office_client.get(path).status_code == 404
    assert office_client.post(path + "save/", {"text": "x", "version": "0"}).status_code == 404


# The report's frame is a template staff may replace --------------------------------------


def _frame_upload(extra: str, *, marker: bool = True) -> SimpleUploadedFile:
    document = build_report_frame()
    for paragraph in document.paragraphs:
        if paragraph.text == REPORT_BODY and not marker:
            paragraph.text = "Không còn chỗ chèn."
    document.add_paragraph(extra)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("mau-bao-cao.docx", buffer.getvalue())


def test_the_report_is_printed_in_the_template_staff_uploaded(
    tree: Tree, signed: None, office: User
) -> None:
    _save(office, tree, POLITICS_TEXT, 0)
    upload = _frame_upload("Mẫu riêng của Văn phòng Đảng ủy Khối")
    document_template_upload(actor=Operator(), name="annual_report", upload=upload)
    day = D(2026, 1, 15)

    text = _docx_text(annual_report_file(user=Operator(), committee=tree.committee, year=YEAR,
                                         as_of=day, issued_on=day, fmt="docx"))  # fmt: skip

    assert "Mẫu riêng của Văn phòng Đảng ủy Khối" in text
    assert POLITICS_TEXT in text and REPORT_BODY not in text
    assert text.index(POLITICS_TEXT) < text.index("Mẫu riêng của Văn phòng Đảng ủy Khối")


def test_a_report_template_without_the_marker_is_refused(tree: Tree) -> None:
    with pytest.raises(ValidationError, match="phải giữ một đoạn chỉ có"):
        document_template_upload(actor=Operator(), name="annual_report",
                                 upload=_frame_upload("Mẫu hỏng", marker=False))  # fmt: skip
    assert not DocumentTemplate.objects.exists()


def test_the_report_page_draws_each_chart_with_its_numbers_as_a_table(
    tree: Tree, signed: None, add_member: AddMember, office_client: Client
) -> None:
    add_member(tree.cell_a1, full_name="Lê Thị Hoa", gender="F", birth_date=D(1990, 1, 1))
    add_member(tree.cell_a2, full_name="Phạm Văn Hùng", birth_date=D(1992, 1, 1))

    html = office_client.get(reverse("reports:annual"), {"year": str(YEAR), "org": "DBK"})

    page = html.content.decode()
    assert 'data-chart="part1-1"' in page and 'data-chart="part2-1"' in page
    assert '<title id="chart-part1-1-title">Đảng viên theo độ tuổi</title>' in page
    # The age chart's table: each band with its count, the two members in the 31-35 band.
    table = page[page.index('data-chart-card="part1-1"') :]
    table = table[: table.index("</figure>")]
    assert "<caption>Đảng viên theo độ tuổi</caption>" in table
    assert '<th scope="row">31-35</th><td class="text-end" data-value="2">2</td>' in table
