from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.organizations.models.tree import OrgUnit


class AdmissionAuthority(models.Model):
    """Đảng ủy cơ sở được ủy quyền kết nạp đảng viên: from VALID_FROM (the day of the upper
    committee's decision DECISION_NUMBER) to VALID_TO (exclusive: the day it is withdrawn
    by WITHDRAWAL_NUMBER; open while null), the đảng ủy of ORG decides admissions,
    recognitions as official and khai trừ itself (Điều lệ Đảng Điều 4 and 36; Quy định
    29/24/232/294 mục 3–4)."""

    org = models.ForeignKey(
        OrgUnit, verbose_name=_("đảng bộ cơ sở"), on_delete=models.PROTECT,
        related_name="admission_authorities",
    )  # fmt: skip
    valid_from = models.DateField(_("ngày quyết định ủy quyền"))
    decision_number = models.CharField(_("số quyết định ủy quyền"), max_length=120)
    valid_to = models.DateField(_("ngày thu hồi ủy quyền"), null=True, blank=True)
    withdrawal_number = models.CharField(_("số quyết định thu hồi"), max_length=120, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ủy quyền kết nạp đảng viên")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="admission_authority_period_valid",
            ),
            models.UniqueConstraint(
                fields=["org"], condition=Q(valid_to__isnull=True),
                name="one_open_admission_authority",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.org_id} {self.decision_number} ({self.valid_from:%d/%m/%Y}–)"
