"""A meeting's documents from the editable templates: the invitation numbered "GM" in the
register of the meeting's organization, the attendance list and the minutes, converted
to PDF by LibreOffice and read back; delegates and guests marked as they came."""

import datetime as dt
import subprocess
import unicodedata

import pytest

from conftest import TODAY
from dangvu.common.models import AuditEntry
from dangvu.documents.models import OutgoingDocument
from dangvu.organizations.access import OPERATOR, OutOfScope
from dangvu.plans.documents import MeetingNotReady, meeting_print
from dangvu.plans.models import Attendance, Meeting
from dangvu.plans.selectors import attendance_rows
from dangvu.plans.services import (
    PlanError,
    meeting_attendance,
    meeting_conclude,
    meeting_guests_mark,
    meeting_invite,
    meeting_record,
)
from dangvu.plans.tests.conftest import World

D = dt.date
pytestmark = pytest.mark.django_db
PRESENT, EXCUSED, ABSENT = (Attendance.Status.PRESENT, Attendance.Status.EXCUSED,
                            Attendance.Status.ABSENT)  # fmt: skip


def pdf_text(meeting: Meeting, document: str) -> str:
    data, name = meeting_print(actor=OPERATOR, meeting=meeting, document=document, fmt="pdf",
                               attendance=attendance_rows(meeting))  # fmt: skip
    assert name.endswith(".pdf") and data.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    return " ".join(unicodedata.normalize("NFC", text).split())


def conference(world: World) -> Meeting:
    """The Bloc's year-end conference: a guest from the province and a delegate of CSA."""
    return meeting_record(
        actor=OPERATOR, org=world.tree.committee, kind=Meeting.Kind.YEAR_END,
        held_on=D(2022, 1, 14), title="Hội nghị tổng kết công tác năm 2021",
        place="Hội trường Đảng ủy Khối", chair="Trịnh Văn Dũng", secretary="Nguyễn Thị Hoa",
        agenda="Báo cáo tổng kết năm 2021\nPhương hướng năm 2022",
        guests=[("Đỗ Minh Tuấn", "Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh"),
                ("Lê Văn Đại", "Bí thư Đảng ủy cơ quan A", "csa")],
        today=TODAY,
    )  # fmt: skip


def test_the_year_end_conference_invites_marks_and_prints_its_delegates(
    world: World, signed: None
) -> None:
    meeting = conference(world)
    guest, delegate = meeting.guests.order_by("position")
    assert (guest.org, delegate.org) == (None, world.tree.grassroots_a)
    with pytest.raises(MeetingNotReady, match="số giấy mời"):
        pdf_text(meeting, "invitation")

    meeting = meeting_invite(actor=OPERATOR, meeting=meeting, issued_on=D(2022, 1, 5),
                             today=TODAY)  # fmt: skip
    assert meeting.invitation_number == "1-GM/ĐUK"
    entry = OutgoingDocument.objects.get(number="1-GM/ĐUK")
    assert (entry.kind, entry.issued_on, entry.subject_id) == ("GM", D(2022, 1, 5), meeting.pk)
    with pytest.raises(PlanError, match="đã có số"):
        meeting_invite(actor=OPERATOR, meeting=meeting, issued_on=D(2022, 1, 6), today=TODAY)
    invitation = pdf_text(meeting, "invitation")
    assert "Số 1-GM/ĐUK" in invitation and "GIẤY MỜI" in invitation
    assert "ngày 05 tháng 01 năm 2022" in invitation
    assert "Đồng chí Lê Văn Đại, Bí thư Đảng ủy cơ quan A." in invitation
    assert "Tới dự: Hội nghị tổng kết công tác năm 2021." in invitation

    statuses = {guest.pk: (PRESENT, "bỏ qua"), delegate.pk: (EXCUSED, "Ốm")}
    meeting_guests_mark(actor=OPERATOR, meeting=meeting, today=TODAY, statuses=statuses)
    delegate.refresh_from_db()
    guest.refresh_from_db()
    assert (guest.status, guest.reason, delegate.status) == (PRESENT, "", EXCUSED)
    listed = pdf_text(meeting, "attendance")
    assert "DANH SÁCH THAM DỰ" in listed and "Vắng có lý do (Ốm)" in listed
    assert "Có mặt 1 trên 2 người được mời, triệu tập." in listed
    assert "Số " not in listed.split("DANH SÁCH")[0]  # a list takes no number
    minutes = pdf_text(meeting, "minutes")
    assert "BIÊN BẢN" in minutes and "ngày 14 tháng 01 năm 2022" in minutes
    assert "Đồng chí Lê Văn Đại, Bí thư Đảng ủy cơ quan A: vắng có lý do." in minutes
    assert AuditEntry.objects.filter(action="documents.printed").count() == 3


def test_invited_guests_are_marked_all_at_once_and_delegates_come_from_below(
    world: World,
) -> None:
    meeting = conference(world)
    guest, delegate = meeting.guests.order_by("position")
    with pytest.raises(PlanError, match="Điểm danh đủ"):
        meeting_guests_mark(
            actor=OPERATOR, meeting=meeting, today=TODAY, statuses={guest.pk: (PRESENT, "")}
        )
    with pytest.raises(PlanError, match="ghi lý do"):
        statuses = {guest.pk: (PRESENT, ""), delegate.pk: (EXCUSED, " ")}
        meeting_guests_mark(actor=OPERATOR, meeting=meeting, today=TODAY, statuses=statuses)
    with pytest.raises(OutOfScope):
        statuses = {guest.pk: (PRESENT, ""), delegate.pk: (ABSENT, "")}
        meeting_guests_mark(actor=world.bithu, meeting=meeting, today=TODAY, statuses=statuses)
    with pytest.raises(PlanError, match="không có tổ chức DBK"):
        meeting_record(actor=OPERATOR, org=world.tree.committee, kind=Meeting.Kind.MID_TERM,
                       held_on=D(2021, 7, 1), title="Sơ kết", guests=[("A", "B", "DBK")],
                       today=TODAY)  # fmt: skip
    with pytest.raises(PlanError, match="phát hành chậm nhất vào ngày họp"):
        meeting_invite(actor=OPERATOR, meeting=meeting, issued_on=D(2022, 1, 15), today=TODAY)


def test_a_cell_meetings_minutes_list_its_absentees_and_conclusions(world: World) -> None:
    meeting = world.monthly(world.tree.cell_a1, D(2021, 3, 10), chair="Nguyễn Thị An")
    with pytest.raises(MeetingNotReady, match="thư ký"):
        pdf_text(meeting, "minutes")
    meeting.secretary = "Trần Văn Bình"
    meeting.save()
    statuses = {world.ann.pk: (PRESENT, ""), world.binh.pk: (ABSENT, "")}
    meeting_attendance(actor=OPERATOR, meeting=meeting, today=TODAY, statuses=statuses)
    meeting_conclude(actor=OPERATOR, meeting=meeting, conclusions="Chi bộ thống nhất kết nạp",
                     today=TODAY)  # fmt: skip
    meeting.refresh_from_db()
    minutes = pdf_text(meeting, "minutes")
    assert "Đảng viên của chi bộ: 2; có mặt: 1; vắng: 1." in minutes
    assert "- Trần Văn Bình: vắng không có lý do." in minutes
    assert "Kết luận: Chi bộ thống nhất kết nạp" in minutes
    # The cell issues it, under the body above it that day (CSA), not the settings' one.
    assert "ĐẢNG BỘ SỞ TÀI CHÍNH" in minutes and "CHI BỘ VĂN PHÒNG" in minutes


def test_a_meeting_recorded_ahead_sends_its_invitation_and_waits_for_its_day(
    world: World, signed: None
) -> None:
    ahead = meeting_record(
        actor=OPERATOR, org=world.tree.committee, kind=Meeting.Kind.THEMATIC_CONFERENCE,
        held_on=TODAY + dt.timedelta(days=30), title="Hội nghị chuyên đề",
        guests=[("Đỗ Minh Tuấn", "Phó Bí thư Tỉnh ủy")], today=TODAY,
    )  # fmt: skip
    ahead = meeting_invite(actor=OPERATOR, meeting=ahead, issued_on=TODAY, today=TODAY)
    assert ahead.invitation_number.endswith("-GM/ĐUK")
    [guest] = ahead.guests.all()
    with pytest.raises(PlanError, match="ghi điểm danh, kết luận từ ngày đó"):
        meeting_guests_mark(actor=OPERATOR, meeting=ahead, today=TODAY,
                            statuses={guest.pk: (PRESENT, "")})  # fmt: skip
    with pytest.raises(PlanError, match="ghi điểm danh, kết luận từ ngày đó"):
        meeting_conclude(actor=OPERATOR, meeting=ahead, conclusions="Sớm", today=TODAY)
    meeting_guests_mark(actor=OPERATOR, meeting=ahead, today=ahead.held_on,
                        statuses={guest.pk: (PRESENT, "")})  # fmt: skip
    far = TODAY + dt.timedelta(days=91)  # a quarter ahead at most: a mistyped year is refused
    with pytest.raises(PlanError):
        meeting_record(actor=OPERATOR, org=world.tree.committee, kind=Meeting.Kind.MID_TERM,
                       held_on=far, title="Sơ kết", today=TODAY)  # fmt: skip
