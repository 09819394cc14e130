"""Periods out of the Party, which party age does not count (Quy định 24-QĐ/TW mục 4.5)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.members.models.registry import Member


class GapReason(models.TextChoices):
    """The periods "không tham gia sinh hoạt đảng" of Quy định 24-QĐ/TW mục 4.5.1 (kept by
    Quy định 232 and 294). A wrongful expulsion later annulled is no gap: party age then
    counts continuously (HD 01-HD/TW 2021)."""

    REMOVED = "REMOVED", _("Bị xóa tên")
    EXPELLED = "EXPELLED", _("Bị khai trừ")
    LOST_CONTACT = "LOST_CONTACT", _("Mất liên lạc với tổ chức đảng")
    TRANSFER = "TRANSFER", _("Gián đoạn do chuyển sinh hoạt đảng")


class PartyGap(models.Model):
    """Thời gian không tham gia sinh hoạt đảng: a dated period [start_date, end_date) that
    party age leaves out, with its reason and where it is recorded (decision, dossier)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="party_gaps")
    start_date = models.DateField(_("từ ngày"))
    # Exclusive: the day the member is back (re-admitted, reconnected, presenting the letter).
    end_date = models.DateField(_("đến ngày"))
    reason = models.CharField(_("lý do"), max_length=16, choices=GapReason.choices)
    detail = models.CharField(_("căn cứ, ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thời gian không tham gia sinh hoạt đảng")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")), name="party_gap_period_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.start_date}–{self.end_date}"
