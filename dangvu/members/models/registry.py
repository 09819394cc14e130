import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.common.files import RandomName
from dangvu.common.models import AdministrativeUnit
from dangvu.members import reference
from dangvu.members.facts import status_expression


def _choices(pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return list(pairs)


class Gender(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class LifecycleState(models.TextChoices):
    """Where a member stands in the lifecycle; transitions are declared in
    `members.lifecycle.TRANSITIONS` and made only by the lifecycle services."""

    ACTIVE = "ACTIVE", _("Đang sinh hoạt")
    IN_TRANSIT = "IN_TRANSIT", _("Đang chuyển sinh hoạt")
    AWAY = "AWAY", _("Đang sinh hoạt tạm thời nơi khác")
    EXITED = "EXITED", _("Đã ra khỏi danh sách")


class RemovalReason(models.TextChoices):
    """Xóa tên: the grounds of Điều lệ Đảng Điều 8 and Quy định 232/294 mục 8.1. Their full
    wording, with the numbers of the period, is the lifecycle rule set's (`removal_ground`)."""

    NO_ACTIVITY_OR_DUES = "NO_ACTIVITY_OR_DUES", _("Bỏ sinh hoạt hoặc không đóng đảng phí")
    CARD_RETURNED = "CARD_RETURNED", _("Tự ý trả thẻ đảng viên hoặc tự hủy thẻ")
    NO_PROGRESS = "NO_PROGRESS", _("Không tiến bộ sau thời gian chi bộ giúp đỡ")
    STANDARDS_TWO_YEARS = "STANDARDS_TWO_YEARS", _("Vi phạm tư cách đảng viên nhiều năm liền")
    POLITICAL_STANDARD = "POLITICAL_STANDARD", _("Không bảo đảm tiêu chuẩn chính trị")


class ExitReason(models.TextChoices):
    TRANSFERRED_OUT = "TRANSFERRED_OUT", _("Chuyển sinh hoạt ra ngoài đảng bộ")
    DIED = "DIED", _("Từ trần")
    REMOVED = "REMOVED", _("Xóa tên")
    EXPELLED = "EXPELLED", _("Khai trừ")
    NOT_RECOGNIZED = "NOT_RECOGNIZED", _("Xóa tên trong danh sách đảng viên dự bị")


class MemberQuerySet(models.QuerySet["Member"]):
    def with_status_on(self, as_of: dt.date) -> "MemberQuerySet":
        """Each member's `status` on AS_OF (`facts.status_on`)."""
        return self.annotate(status=status_expression(as_of))


class Member(models.Model):
    """Đảng viên: the registry record (phiếu đảng viên, mẫu 2-HSĐV)."""

    full_name = models.CharField(_("họ và tên"), max_length=120)
    other_name = models.CharField(_("tên gọi khác"), max_length=120, blank=True)
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"))
    hometown_province = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("quê quán: tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    hometown_ward = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("quê quán: xã, phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    birthplace_province = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("nơi sinh: tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    birthplace_ward = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("nơi sinh: xã, phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    residence = models.CharField(_("nơi thường trú"), max_length=255, blank=True)
    ethnicity = models.CharField(
        _("dân tộc"), max_length=2, choices=_choices(reference.ETHNIC_GROUPS), default="01"
    )
    religion = models.CharField(
        _("tôn giáo"), max_length=16, choices=_choices(reference.RELIGIONS), default="00"
    )
    national_id = models.CharField(_("số CCCD"), max_length=12, null=True, blank=True, unique=True)
    party_card_number = models.CharField(_("số thẻ đảng viên"), max_length=20, blank=True)
    admission_date = models.DateField(_("ngày vào Đảng"))
    official_date = models.DateField(_("ngày chính thức"), null=True, blank=True)
    exit_date = models.DateField(_("ngày ra khỏi danh sách"), null=True, blank=True)
    exit_reason = models.CharField(
        _("lý do"), max_length=20, choices=ExitReason.choices, blank=True
    )
    exit_detail = models.CharField(_("căn cứ"), max_length=255, blank=True)
    # The number of the decision xóa tên (from the issuing committee's register).
    exit_decision_number = models.CharField(_("số quyết định xóa tên"), max_length=40, blank=True)
    # Party age counts from the admission decision; "ngày vào Đảng" is the ceremony.
    admission_decision_date = models.DateField(_("ngày quyết định kết nạp"), null=True, blank=True)
    # Kết nạp lại (once only, Quy định 24-QĐ/TW mục 3.5.3): party age still counts from the
    # first admission, less the periods out of the Party (`PartyGap`).
    readmission_date = models.DateField(_("ngày vào Đảng lần thứ hai"), null=True, blank=True)
    official_decision_number = models.CharField(
        _("số quyết định công nhận chính thức"), max_length=40, blank=True
    )
    # The decision is dated when it is signed, often after the official date it states.
    official_decision_date = models.DateField(
        _("ngày quyết định công nhận chính thức"), null=True, blank=True
    )
    recognition_proposed_on = models.DateField(
        _("ngày chi bộ đề nghị công nhận chính thức"), null=True, blank=True
    )
    # After the cell's resolution (13-KNĐ), the route of its day (`members.deciders`): for a
    # cell inside a đảng bộ bộ phận, the đảng ủy bộ phận's review (14-KNĐ); for one inside a
    # đảng bộ cơ sở not authorised to admit, the đảng ủy cơ sở's resolution (15-KNĐ).
    recognition_reviewed_on = models.DateField(
        _("ngày đảng ủy bộ phận thẩm định đề nghị công nhận chính thức"), null=True, blank=True
    )
    recognition_grassroots_on = models.DateField(
        _("ngày đảng ủy cơ sở đề nghị công nhận chính thức"), null=True, blank=True
    )
    state = models.CharField(
        _("tình trạng"),
        max_length=12,
        choices=LifecycleState.choices,
        default=LifecycleState.ACTIVE,
    )
    general_education = models.CharField(
        _("giáo dục phổ thông"),
        max_length=8,
        blank=True,
        choices=_choices(reference.GENERAL_EDUCATION),
    )
    professional_qualification = models.CharField(
        _("chuyên môn, nghiệp vụ"),
        max_length=16,
        blank=True,
        choices=_choices(reference.PROFESSIONAL_QUALIFICATIONS),
    )
    political_theory = models.CharField(
        _("lý luận chính trị"),
        max_length=16,
        blank=True,
        choices=_choices(reference.POLITICAL_THEORY_LEVELS),
    )
    foreign_language = models.CharField(
        _("ngoại ngữ"),
        max_length=16,
        blank=True,
        choices=_choices(reference.FOREIGN_LANGUAGE_LEVELS),
    )
    it_level = models.CharField(
        _("tin học"), max_length=16, blank=True, choices=_choices(reference.IT_LEVELS)
    )
    occupation = models.CharField(_("nghề nghiệp"), max_length=120, blank=True)
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    workplace = models.CharField(_("nơi làm việc"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    photo = models.ImageField(_("ảnh"), upload_to=RandomName("members/photos"), blank=True)
    # Derived, maintained by the services: accent-folded name for search, and the ICU `vi`
    # key (given name, then full name) so both databases sort in SQL.
    search_text = models.CharField(max_length=300, editable=False)
    sort_key = models.BinaryField(max_length=512, editable=False)
    # Optimistic locking: every save through a service increments it.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["party_card_number"],
                condition=~Q(party_card_number=""),
                name="unique_party_card_number",
            ),
            models.CheckConstraint(
                condition=Q(official_date__isnull=True)
                | Q(official_date__gt=models.F("admission_date")),
                name="member_official_after_admission",
            ),
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True) | ~Q(exit_reason=""),
                name="member_exit_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["sort_key", "id"], name="member_sort"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.birth_date:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("members:detail", args=[self.pk])

    def hometown_text(self) -> str:
        """Quê quán as written on a document: ward, province."""
        units = (self.hometown_ward, self.hometown_province)
        return ", ".join(str(unit) for unit in units if unit)
