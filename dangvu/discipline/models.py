"""Inspection, supervision and discipline: the yearly programs and their checks, the
complaints and denunciations received, the discipline decisions and their appeals.

The most confidential records of the system: `selectors` decides who reads what."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.discipline.rules import Body, Form, NoLimitGround, Standing, SubjectKind

# Exactly one of an organization and a member.
ONE_SUBJECT = Q(subject_org__isnull=True, subject_member__isnull=False) | Q(
    subject_org__isnull=False, subject_member__isnull=True
)


class Subject(models.Model):
    """What a check, a complaint or a decision is about: an organization or a member. ORG
    files it: the organization itself, or the member's cell on the record's date; the
    scoping layer reads it."""

    org = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("thuộc tổ chức"),
    )  # fmt: skip
    subject_org = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("tổ chức đảng"),
    )  # fmt: skip
    subject_member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("đảng viên"),
    )  # fmt: skip

    class Meta:
        abstract = True
        constraints = [models.CheckConstraint(condition=ONE_SUBJECT, name="%(class)s_one_subject")]

    @property
    def subject_kind(self) -> str:
        return SubjectKind.MEMBER if self.subject_member_id else SubjectKind.ORG


class Program(models.Model):
    """Chương trình kiểm tra, giám sát of a year, held by a committee or by its Inspection
    commission (each has its own)."""

    class Holder(models.TextChoices):
        COMMITTEE = "COMMITTEE", _("Cấp ủy")
        COMMISSION = "COMMISSION", _("Ủy ban Kiểm tra")

    committee = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("cấp ủy"),
    )  # fmt: skip
    holder = models.CharField(_("chủ thể"), max_length=12, choices=Holder.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình"), max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "holder", "year"], name="one_program_a_year"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("discipline:program", args=[self.pk])


class Check(Subject):
    """One inspection or supervision of a program: its subject, schedule and team, then
    what it found and concluded."""

    class Activity(models.TextChoices):
        INSPECTION = "INSPECTION", _("Kiểm tra")
        SUPERVISION = "SUPERVISION", _("Giám sát")

    class Kind(models.TextChoices):
        REGULAR = "REGULAR", _("Thường xuyên")
        THEMATIC = "THEMATIC", _("Chuyên đề")
        SIGNS = "SIGNS", _("Khi có dấu hiệu vi phạm")
        LOWER_INSPECTION = (
            "LOWER_INSPECTION",
            _("Việc thực hiện nhiệm vụ kiểm tra, giám sát của cấp dưới"),
        )
        FINANCE = "FINANCE", _("Thu, nộp đảng phí và tài chính đảng của cấp dưới")  # fmt: skip

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="checks")
    activity = models.CharField(_("hoạt động"), max_length=12, choices=Activity.choices)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    team = models.CharField(_("đoàn kiểm tra, giám sát"), max_length=500, blank=True)
    content = models.TextField(_("nội dung"), max_length=4000, blank=True)
    findings = models.TextField(_("kết quả kiểm tra, giám sát"), max_length=20000, blank=True)
    conclusion = models.TextField(_("kết luận"), max_length=20000, blank=True)
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.get_activity_display()} {self.get_kind_display().lower()}"

    def get_absolute_url(self) -> str:
        return reverse("discipline:check", args=[self.pk])


class Recommendation(models.Model):
    """Kiến nghị of a check's conclusion, followed up until done."""

    check_of = models.ForeignKey(Check, on_delete=models.PROTECT, related_name="recommendations")
    text = models.CharField(_("kiến nghị"), max_length=1000)
    due_on = models.DateField(_("hạn thực hiện"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    done_note = models.CharField(_("kết quả thực hiện"), max_length=1000, blank=True)

    def __str__(self) -> str:
        return self.text


class Complaint(Subject):
    """Khiếu nại or tố cáo received by a committee or its commission. SENDER is the
    denouncer's identity, which only the commission sees."""

    class Kind(models.TextChoices):
        COMPLAINT = "COMPLAINT", _("Khiếu nại")
        DENUNCIATION = "DENUNCIATION", _("Tố cáo")

    class Outcome(models.TextChoices):
        PENDING = "", _("Đang giải quyết")
        FOUNDED = "FOUNDED", _("Đúng")
        PARTLY = "PARTLY", _("Đúng một phần")
        UNFOUNDED = "UNFOUNDED", _("Không đúng")
        DROPPED = "DROPPED", _("Không đủ điều kiện giải quyết, lưu đơn")

    committee = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("cấp ủy nhận đơn"),
    )  # fmt: skip
    kind = models.CharField(_("loại đơn"), max_length=12, choices=Kind.choices)
    received_on = models.DateField(_("ngày nhận"))
    due_on = models.DateField(_("hạn giải quyết"))
    sender = models.CharField(_("người gửi"), max_length=300, blank=True)
    summary = models.TextField(_("nội dung"), max_length=4000)
    handler = models.CharField(_("người được giao giải quyết"), max_length=300, blank=True)
    outcome = models.CharField(
        _("kết quả"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING, blank=True
    )
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    opened_check = models.ForeignKey(
        Check, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints",
        verbose_name=_("cuộc kiểm tra được mở"),
    )  # fmt: skip
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("discipline:complaint", args=[self.pk])


class Decision(Subject):
    """Quyết định kỷ luật, recorded when issued. FORM is what was decided; EFFECTIVE_FORM
    what holds after appeals (blank once annulled), which every effect reads."""

    body = models.CharField(_("cấp quyết định"), max_length=20, choices=Body.choices)
    body_org = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("tổ chức quyết định"),
    )  # fmt: skip
    standing = models.CharField(_("đối tượng"), max_length=16, choices=Standing.choices)
    form = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=Form.choices)
    effective_form = models.CharField(
        _("hình thức đang có hiệu lực"), max_length=12, choices=Form.choices, blank=True
    )
    number = models.CharField(_("số quyết định"), max_length=40)
    decided_on = models.DateField(_("ngày quyết định"))
    violated_on = models.DateField(
        _("ngày vi phạm"),
        help_text=_("Ngày tính thời hiệu: ngày kết thúc vi phạm, nếu không rõ thì ngày phát hiện"),
    )
    no_limit_ground = models.CharField(
        _("vi phạm không tính thời hiệu"), max_length=20, choices=NoLimitGround.choices,
        blank=True,
    )  # fmt: skip
    reason = models.TextField(_("nội dung vi phạm"), max_length=4000)
    # What the registry does not hold, as declared by whoever records the decision: an
    # authorised đảng ủy cơ sở may not expel such a member (Điều lệ Đảng, Điều 36).
    subject_in_committee = models.BooleanField(
        _("đảng viên là cấp ủy viên cùng cấp với cấp quyết định"), default=False
    )
    subject_upper_managed = models.BooleanField(
        _("đảng viên là cán bộ thuộc diện cấp trên quản lý"), default=False
    )
    from_check = models.ForeignKey(
        Check, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions",
        verbose_name=_("từ cuộc kiểm tra"),
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta(Subject.Meta):
        indexes = [models.Index(fields=["decided_on"])]

    def __str__(self) -> str:
        return f"{self.number} ({self.get_form_display()})"

    def get_absolute_url(self) -> str:
        return reverse("discipline:decision", args=[self.pk])


class Appeal(models.Model):
    """Khiếu nại kỷ luật against DECISION, and how it was resolved: upheld, changed to
    NEW_FORM, or annulled."""

    class Outcome(models.TextChoices):
        PENDING = "", _("Đang giải quyết")
        UPHELD = "UPHELD", _("Giữ nguyên hình thức kỷ luật")
        CHANGED = "CHANGED", _("Thay đổi hình thức kỷ luật")
        ANNULLED = "ANNULLED", _("Xóa bỏ quyết định kỷ luật")

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="appeals")
    filed_on = models.DateField(_("ngày nhận đơn"))
    due_on = models.DateField(_("hạn giải quyết"))
    reason = models.TextField(_("nội dung khiếu nại"), max_length=4000)
    outcome = models.CharField(
        _("kết quả"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING, blank=True
    )
    new_form = models.CharField(_("hình thức mới"), max_length=12, choices=Form.choices, blank=True)
    resolved_on = models.DateField(_("ngày giải quyết"), null=True, blank=True)
    resolution = models.CharField(_("số quyết định giải quyết"), max_length=40, blank=True)

    def __str__(self) -> str:
        return f"{self.decision} ({self.filed_on:%d/%m/%Y})"
