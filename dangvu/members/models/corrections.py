"""Yêu cầu điều chỉnh hồ sơ: a member asks for a field of their own record to be corrected;
those who may change the record accept it (the change goes through `member_update`) or
reject it with a reason."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from dangvu.members.models.registry import Member

# The fields of the record a member may ask to correct: the identity and the current
# situation the 2-HSĐV holds as text, a date or a choice. Places (administrative units)
# and the photo are brought to the cell on paper; dates of the lifecycle change only
# through its services.
CORRECTABLE_FIELDS = (
    "full_name",
    "other_name",
    "gender",
    "birth_date",
    "residence",
    "ethnicity",
    "religion",
    "national_id",
    "party_card_number",
    "general_education",
    "professional_qualification",
    "political_theory",
    "foreign_language",
    "it_level",
    "occupation",
    "position",
    "workplace",
    "phone",
    "email",
)


def correctable_choices() -> list[tuple[str, str]]:
    """The correctable fields with their Vietnamese names, as the record's form names them."""
    fields = [Member._meta.get_field(name) for name in CORRECTABLE_FIELDS]
    return [(field.name, capfirst(str(field.verbose_name))) for field in fields]  # type: ignore[union-attr]


class CorrectionRequest(models.Model):
    """Yêu cầu điều chỉnh hồ sơ đảng viên: FIELD of MEMBER's record, from CURRENT_VALUE (as
    the record read when asked) to PROPOSED_VALUE (stored as the field's form keeps it: a
    code for a choice, yyyy-mm-dd for a date), with the member's REASON; then accepted or
    rejected, by whom, when and why."""

    class Status(models.TextChoices):
        PENDING = "PENDING", _("Chờ xem xét")
        ACCEPTED = "ACCEPTED", _("Đã chấp nhận")
        REJECTED = "REJECTED", _("Đã từ chối")

    member = models.ForeignKey(
        Member, verbose_name=_("đảng viên"), on_delete=models.CASCADE, related_name="corrections"
    )
    # None for the console's operator, as in the audit trail.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    requested_at = models.DateTimeField(_("thời điểm yêu cầu"), auto_now_add=True)
    field = models.CharField(_("mục cần điều chỉnh"), max_length=40, choices=correctable_choices)
    current_value = models.CharField(_("đang ghi"), max_length=255, blank=True)
    proposed_value = models.CharField(_("đề nghị sửa thành"), max_length=255, blank=True)
    reason = models.TextField(_("lý do, căn cứ"))
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xem xét"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("thời điểm xem xét"), null=True, blank=True)
    decision_reason = models.TextField(_("ý kiến xem xét"), blank=True)

    class Meta:
        verbose_name = _("yêu cầu điều chỉnh hồ sơ")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="PENDING", decided_by__isnull=True, decided_at__isnull=True)
                | (~Q(status="PENDING") & Q(decided_at__isnull=False)),
                name="correction_decided_when_not_pending",
            ),
        ]
        indexes = [models.Index(fields=["status", "member"], name="correction_status_member")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.field} #{self.pk}"
