"""Plans (kế hoạch năm) of a committee with their key targets (chỉ tiêu chủ yếu) and key
tasks (nhiệm vụ trọng tâm); conferences and cell meetings (hội nghị, sinh hoạt chi bộ) with
their guests and attendance.

A measured target stores its measure and goal, never its value: `measures` computes it
from the data as of any date. Only a manual target stores a value, with its evidence."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.common.files import RandomName
from dangvu.plans.rules import TaskStatus


class Plan(models.Model):
    """Kế hoạch năm of COMMITTEE (a committee or a TCCSĐ). PARENT is the plan of the
    committee above, whose targets a TCCSĐ's plan carries down."""

    committee = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("cấp ủy"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=300)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("kế hoạch cấp trên"),
    )  # fmt: skip

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="one_plan_a_year")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", args=[self.pk])


class Target(models.Model):
    """Chỉ tiêu chủ yếu. MEASURED: MEASURE (a key of `measures.MEASURES`) computes its
    value for the plan's committee. MANUAL: what the data cannot show, its VALUE typed with
    an evidence note and file."""

    class Kind(models.TextChoices):
        MEASURED = "MEASURED", _("Đo từ dữ liệu")
        MANUAL = "MANUAL", _("Nhập tay, có minh chứng")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    name = models.CharField(_("chỉ tiêu"), max_length=500)
    kind = models.CharField(_("cách tính"), max_length=8, choices=Kind.choices)
    measure = models.CharField(_("phép đo"), max_length=40, blank=True)
    goal = models.DecimalField(_("mục tiêu"), max_digits=9, decimal_places=2)
    value = models.DecimalField(
        _("kết quả (nhập tay)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    value_on = models.DateField(_("ngày ghi kết quả"), null=True, blank=True)
    evidence_note = models.CharField(_("minh chứng"), max_length=1000, blank=True)
    evidence_file = models.FileField(
        _("tệp minh chứng"), upload_to=RandomName("plans/evidence"), blank=True
    )
    evidence_name = models.CharField(max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="MEASURED", value__isnull=True) & ~Q(measure="")
                | Q(kind="MANUAL", measure=""),
                name="target_measured_or_manual",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Task(models.Model):
    """Nhiệm vụ trọng tâm, owned by a board of the committee (OWNER_BOARD) or an
    organization (OWNER_ORG); MEETING is the conference whose conclusions created it."""

    class Board(models.TextChoices):
        LEADERSHIP = "LEADERSHIP", _("Ban Thường vụ")
        ORGANIZATION = "ORGANIZATION", _("Ban Tổ chức")
        INSPECTION = "INSPECTION", _("Ủy ban Kiểm tra")
        PROPAGANDA = "PROPAGANDA", _("Ban Tuyên giáo và Dân vận")
        OFFICE = "OFFICE", _("Văn phòng")

    RESULTS = [
        ("", _("Chưa kết thúc")),
        (TaskStatus.DONE, TaskStatus.DONE.label),
        (TaskStatus.EXCEEDED, TaskStatus.EXCEEDED.label),
        (TaskStatus.NOT_DONE, TaskStatus.NOT_DONE.label),
    ]

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("nhiệm vụ"), max_length=1000)
    owner_board = models.CharField(
        _("ban chủ trì"), max_length=16, choices=Board.choices, blank=True
    )
    owner_org = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("tổ chức chủ trì"),
    )  # fmt: skip
    deadline = models.DateField(_("hạn hoàn thành"))
    result = models.CharField(_("kết quả"), max_length=8, choices=RESULTS, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    meeting = models.ForeignKey(
        "Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    position = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_org__isnull=True) & ~Q(owner_board="")
                | Q(owner_org__isnull=False, owner_board=""),
                name="task_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(result="", closed_on__isnull=True)
                | (~Q(result="") & Q(closed_on__isnull=False)),
                name="task_closed_with_result",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:task", args=[self.pk])


class Progress(models.Model):
    """A progress update of a task: how far on a day, what was done, with evidence."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField(_("ngày"))
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    note = models.CharField(_("nội dung"), max_length=2000)
    evidence_file = models.FileField(
        _("tệp minh chứng"), upload_to=RandomName("plans/progress"), blank=True
    )
    evidence_name = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="progress_percent")
        ]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y}: {self.percent}%"


class AttendanceStatus(models.TextChoices):
    PRESENT = "PRESENT", _("Có mặt")
    EXCUSED = "EXCUSED", _("Vắng có lý do")
    ABSENT = "ABSENT", _("Vắng không có lý do")


class Meeting(models.Model):
    """Hội nghị of a committee, or sinh hoạt of a cell (ORG), with its minutes."""

    class Kind(models.TextChoices):
        YEAR_END = "YEAR_END", _("Hội nghị tổng kết")
        MID_TERM = "MID_TERM", _("Hội nghị sơ kết")
        THEMATIC_CONFERENCE = "THEMATIC_CONF", _("Hội nghị chuyên đề")
        CELL_MONTHLY = "CELL_MONTHLY", _("Sinh hoạt chi bộ thường kỳ")
        CELL_THEMATIC = "CELL_THEMATIC", _("Sinh hoạt chi bộ chuyên đề")

    org = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("tổ chức"),
    )  # fmt: skip
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    held_on = models.DateField(_("ngày họp"))
    title = models.CharField(_("tên hội nghị"), max_length=300)
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    chair = models.CharField(_("chủ trì"), max_length=300, blank=True)
    secretary = models.CharField(_("thư ký"), max_length=300, blank=True)
    agenda = models.TextField(_("chương trình, nội dung"), max_length=10000, blank=True)
    conclusions = models.TextField(_("kết luận"), max_length=20000, blank=True)
    # The invitation (giấy mời), once issued: its number from the organization's register.
    invitation_number = models.CharField(_("số giấy mời"), max_length=40, blank=True)
    invitation_on = models.DateField(_("ngày giấy mời"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("plans:meeting", args=[self.pk])

    @property
    def is_cell_meeting(self) -> bool:
        return self.kind in (self.Kind.CELL_MONTHLY, self.Kind.CELL_THEMATIC)


class MeetingPaper(models.Model):
    """A paper of MEETING (tài liệu hội nghị): a report, a draft resolution, the signed
    minutes as scanned. Taken away, it is marked REMOVED, not deleted: the audit trail can
    bring it back."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(_("tên tài liệu"), max_length=300)
    file = models.FileField(_("tệp"), upload_to=RandomName("plans/meetings"))
    file_name = models.CharField(max_length=255)
    added_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    removed = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:meeting_paper", args=[self.pk])


class Guest(models.Model):
    """Who is invited, with their title as printed on the invitation: a guest, or a delegate
    of an organization (ORG, a TCCSĐ at the year-end conference). STATUS is whether they
    came, once marked (blank until then)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("họ và tên"), max_length=200)
    title = models.CharField(_("chức vụ"), max_length=500)
    org = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("đại biểu của tổ chức"),
    )  # fmt: skip
    status = models.CharField(
        _("tình hình dự họp"), max_length=8, blank=True,
        choices=[("", _("Chưa điểm danh")), *((s.value, s.label) for s in AttendanceStatus)],
    )  # fmt: skip
    reason = models.CharField(_("lý do vắng"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}, {self.title}"


class Attendance(models.Model):
    """Whether a member of the cell on the meeting's date attended."""

    Status = AttendanceStatus

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("tình hình dự họp"), max_length=8, choices=Status.choices)
    reason = models.CharField(_("lý do vắng"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_each")
        ]

    def __str__(self) -> str:
        return self.get_status_display()
