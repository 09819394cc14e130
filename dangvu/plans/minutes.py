"""The minutes (biên bản) of a meeting as a Word file, in the Party's layout: the party's
name and the organization on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, the title,
then time, place, chair, secretary, guests, attendance, agenda and conclusions.

Built here with python-docx, not yet from an editable template of the document engine
(`documents.render`): that engine's templates and register are the next step."""

import io
from collections.abc import Sequence

from django.http import HttpResponse
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from dangvu.organizations.models import OrgVersion
from dangvu.plans.models import Attendance, Meeting

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def minutes_docx(meeting: Meeting, attendance: Sequence[Attendance]) -> bytes:
    version = OrgVersion.objects.as_of(meeting.held_on).filter(org=meeting.org).first()
    org_name = version.name if version else meeting.org.code
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = org_name.upper()
    header.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    date_line = document.add_paragraph(
        _("ngày %(d)s tháng %(m)s năm %(y)s")
        % {"d": f"{meeting.held_on:%d}", "m": f"{meeting.held_on:%m}", "y": meeting.held_on.year}
    )
    date_line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(_("BIÊN BẢN")).bold = True
    subtitle = document.add_paragraph(meeting.title)
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    present = [a for a in attendance if a.status == Attendance.Status.PRESENT]
    lines = [
        (_("Thời gian"), f"{meeting.held_on:%d/%m/%Y}"),
        (_("Địa điểm"), meeting.place),
        (_("Chủ trì"), meeting.chair),
        (_("Thư ký"), meeting.secretary),
    ]
    for label, value in lines:
        document.add_paragraph(f"{label}: {value}")
    guests = list(meeting.guests.order_by("position", "id"))
    if guests:
        document.add_paragraph(_("Khách mời:"))
        for guest in guests:
            document.add_paragraph(f"- {guest.name}, {guest.title}")
    if attendance:
        document.add_paragraph(
            _("Đảng viên của chi bộ: %(total)s; có mặt: %(present)s; vắng: %(absent)s.")
            % {
                "total": len(attendance),
                "present": len(present),
                "absent": len(attendance) - len(present),
            }
        )
        for row in attendance:
            if row.status != Attendance.Status.PRESENT:
                reason = f" ({row.reason})" if row.reason else ""
                document.add_paragraph(
                    f"- {row.member.full_name}: {row.get_status_display().lower()}{reason}"
                )
    document.add_paragraph(_("Nội dung:")).runs[0].bold = True
    for line in meeting.agenda.splitlines():
        document.add_paragraph(line)
    document.add_paragraph(_("Kết luận:")).runs[0].bold = True
    for line in meeting.conclusions.splitlines():
        document.add_paragraph(line)
    signatures = document.add_table(rows=1, cols=2)
    signatures.cell(0, 0).text = _("THƯ KÝ") + "\n\n\n" + meeting.secretary
    signatures.cell(0, 1).text = _("CHỦ TRÌ") + "\n\n\n" + meeting.chair
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def minutes_response(meeting: Meeting, attendance: Sequence[Attendance]) -> HttpResponse:
    response = HttpResponse(minutes_docx(meeting, attendance), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="bien-ban-{meeting.pk}.docx"'
    return response
