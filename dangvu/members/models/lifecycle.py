"""The member lifecycle's records: admission cases, transfers, exemptions and badges."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.members.models.registry import Gender, Member
from dangvu.organizations.models import OrgUnit


class AdmissionCase(models.Model):
    """Hồ sơ kết nạp: a candidate (quần chúng ưu tú) on the way to admission, step by step
    (Quy định 232/294-QĐ/TW mục 3; HD 12-HD/BTCTW 2022, forms 1-KNĐ to 9-KNĐ)."""

    class State(models.TextChoices):
        OPEN = "OPEN", _("Đang hoàn thiện hồ sơ")
        PROPOSED = "PROPOSED", _("Chi bộ đã đề nghị kết nạp")
        DECIDED = "DECIDED", _("Đã có quyết định kết nạp")
        ADMITTED = "ADMITTED", _("Đã tổ chức lễ kết nạp")
        CLOSED = "CLOSED", _("Dừng xem xét")

    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    cell = models.ForeignKey(
        OrgUnit, verbose_name=_("chi bộ"), on_delete=models.PROTECT, related_name="admission_cases"
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    national_id = models.CharField(_("số CCCD"), max_length=12, blank=True)
    workplace = models.CharField(_("nơi làm việc"), max_length=255, blank=True)
    # Quê quán is printed in the admission decision (9-KNĐ), before the ceremony makes
    # the candidate a member: it is asked for with the candidate's identity.
    hometown_province = models.ForeignKey(
        "common.AdministrativeUnit", verbose_name=_("quê quán: tỉnh"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    hometown_ward = models.ForeignKey(
        "common.AdministrativeUnit", verbose_name=_("quê quán: xã, phường"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    # The steps, each a date (and for introducers, who and how long they worked together).
    awareness_class_date = models.DateField(
        _("giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng"), null=True, blank=True
    )
    application_date = models.DateField(_("đơn xin vào Đảng"), null=True, blank=True)
    biography_date = models.DateField(_("lý lịch"), null=True, blank=True)
    # Thẩm tra lý lịch (HD 01-HD/TW 2021 mục 3.4, then HD 06-HD/TW): the requests sent to
    # the committees where the candidate and their relatives live or work (to whom, when),
    # the day the last reply came, and the conclusion of the cấp ủy cơ sở.
    biography_check_sent_to = models.CharField(
        _("nơi được đề nghị thẩm tra lý lịch"), max_length=500, blank=True
    )
    biography_check_sent_date = models.DateField(
        _("ngày gửi đề nghị thẩm tra lý lịch"), null=True, blank=True
    )
    biography_check_replied_date = models.DateField(
        _("ngày nhận đủ trả lời thẩm tra lý lịch"), null=True, blank=True
    )
    biography_verified_date = models.DateField(
        _("kết luận thẩm tra lý lịch"), null=True, blank=True
    )
    youth_union_resolution_date = models.DateField(
        _("nghị quyết giới thiệu của Đoàn"), null=True, blank=True
    )
    introducer_1 = models.ForeignKey(
        Member,
        verbose_name=_("người giới thiệu 1"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    introducer_2 = models.ForeignKey(
        Member,
        verbose_name=_("người giới thiệu 2"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    introducers_months_together = models.PositiveSmallIntegerField(
        _("số tháng cùng công tác với người giới thiệu"), null=True, blank=True
    )
    mass_org_comments_date = models.DateField(
        _("ý kiến đoàn thể, nơi cư trú"), null=True, blank=True
    )
    cell_resolution_date = models.DateField(_("nghị quyết chi bộ"), null=True, blank=True)
    # 7-KNĐ: for a cell inside a đảng bộ bộ phận, the đảng ủy bộ phận's review (it only
    # reviews: it has no power to decide), after the cell's resolution.
    sub_committee_review_date = models.DateField(
        _("báo cáo thẩm định của đảng ủy bộ phận"), null=True, blank=True
    )
    # 8-KNĐ: for a cell inside a đảng bộ cơ sở not authorised to admit, between the cell's
    # resolution (and the đảng ủy bộ phận's review) and the decision.
    grassroots_resolution_date = models.DateField(
        _("nghị quyết đảng ủy cơ sở"), null=True, blank=True
    )
    age_exception_authority = models.CharField(
        _("văn bản cho phép ngoài độ tuổi"), max_length=255, blank=True
    )
    decision_date = models.DateField(_("ngày quyết định kết nạp"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=40, blank=True)
    decision_extension_days = models.PositiveSmallIntegerField(
        _("gia hạn (ngày làm việc)"), default=0
    )
    ceremony_date = models.DateField(_("ngày lễ kết nạp"), null=True, blank=True)
    member = models.OneToOneField(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="admission_case"
    )
    closed_reason = models.CharField(_("lý do dừng"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ kết nạp")
        indexes = [models.Index(fields=["state", "cell"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.birth_date:%d/%m/%Y})"

    def hometown_text(self) -> str:
        """Quê quán as written on the decision: ward, province."""
        units = (self.hometown_ward, self.hometown_province)
        return ", ".join(str(unit) for unit in units if unit)


class Transfer(models.Model):
    """Chuyển sinh hoạt đảng: official (within the committee, out of it, or in from outside)
    or temporary (for work or study), with its dated steps."""

    class Kind(models.TextChoices):
        INTERNAL = "INTERNAL", _("Chính thức, trong đảng bộ")
        OUTGOING = "OUTGOING", _("Chính thức, ra ngoài đảng bộ")
        INCOMING = "INCOMING", _("Chính thức, từ nơi khác đến")
        TEMPORARY_WORK = "TEMPORARY_WORK", _("Tạm thời, đi công tác")
        TEMPORARY_STUDY = "TEMPORARY_STUDY", _("Tạm thời, đi học")

    class State(models.TextChoices):
        IN_TRANSIT = "IN_TRANSIT", _("Đang chuyển")
        AWAY = "AWAY", _("Đang sinh hoạt tạm thời")
        COMPLETED = "COMPLETED", _("Hoàn tất")
        CANCELLED = "CANCELLED", _("Đã hủy")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="transfers")
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    state = models.CharField(max_length=12, choices=State.choices)
    from_org = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_org = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Where an outgoing member goes, or where an incoming or temporary one comes from.
    other_party = models.CharField(_("nơi đi / nơi đến"), max_length=255, blank=True)
    decision_date = models.DateField(_("ngày quyết định"))
    letter_date = models.DateField(_("ngày cấp giấy giới thiệu"), null=True, blank=True)
    letter_number = models.CharField(_("số giấy giới thiệu"), max_length=40, blank=True)
    # What the letter states, asked for when it is issued: dues paid up to the end of this
    # month (its first day is kept), and the records sent with it.
    dues_paid_until = models.DateField(_("đã đóng đảng phí đến hết tháng"), null=True, blank=True)
    enclosures = models.CharField(_("hồ sơ kèm theo"), max_length=255, blank=True)
    arrived_date = models.DateField(_("ngày đến sinh hoạt"), null=True, blank=True)
    expected_return_date = models.DateField(_("ngày dự kiến trở về"), null=True, blank=True)
    returned_date = models.DateField(_("ngày trở về"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chuyển sinh hoạt đảng")
        indexes = [models.Index(fields=["state", "kind"])]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(state__in=["IN_TRANSIT", "AWAY"]),
                name="one_open_transfer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind} {self.decision_date:%d/%m/%Y}"


class Exemption(models.Model):
    """Miễn công tác và sinh hoạt đảng: a dated period decided by the chi bộ (Quy định 24
    mục 7.1; kept by 232/294)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="exemptions")
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    reason = models.CharField(_("lý do"), max_length=255)

    class Meta:
        verbose_name = _("miễn công tác và sinh hoạt đảng")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="exemption_period_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.valid_from}–{self.valid_to or ''}"


class BadgeAward(models.Model):
    """Huy hiệu Đảng trao cho đảng viên ở một mốc tuổi đảng."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="badges")
    milestone = models.PositiveSmallIntegerField(_("mốc tuổi đảng"))
    awarded_on = models.DateField(_("ngày trao"))
    decision = models.CharField(_("quyết định"), max_length=120, blank=True)
    early = models.BooleanField(_("xét tặng sớm"), default=False)
    # Xét tặng sớm, truy tặng sớm: the ground (serious illness, or death) and why.
    seriously_ill = models.BooleanField(_("bệnh hiểm nghèo"), default=False)
    reason = models.CharField(_("căn cứ, lý do"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Huy hiệu Đảng")
        constraints = [
            models.UniqueConstraint(fields=["member", "milestone"], name="one_badge_per_milestone"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.milestone} năm"
