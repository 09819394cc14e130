import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.organizations.models.tree import OrgUnit, active_on


class MembershipQuerySet(models.QuerySet["Membership"]):
    def as_of(self, as_of: dt.date) -> "MembershipQuerySet":
        return self.filter(active_on(as_of))

    def in_subtree(self, path: str, as_of: dt.date) -> "MembershipQuerySet":
        """Memberships of cells that, on AS_OF, sit under the organization at PATH."""
        return self.filter(
            active_on(as_of, "org__versions__"), org__versions__path__startswith=path
        )


class Membership(models.Model):
    """Sinh hoạt đảng: the period in which a member belongs to one cell (chi bộ).

    A move closes one row and opens another; nothing is overwritten, so membership and
    every count are answerable as of any date.
    """

    class Start(models.TextChoices):
        ADMITTED = "ADMITTED", _("Kết nạp")
        TRANSFER_IN = "TRANSFER_IN", _("Chuyển đến từ ngoài đảng bộ")
        TRANSFER = "TRANSFER", _("Chuyển sinh hoạt trong đảng bộ")
        RESTRUCTURE = "RESTRUCTURE", _("Sắp xếp tổ chức")
        REGISTERED = "REGISTERED", _("Nhập hồ sơ")

    # Both keys lead an index of their own below (membership_member, membership_org_period),
    # so the foreign keys' default single-column indexes would only slow writes.
    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="memberships", db_index=False
    )
    org = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="memberships", db_index=False
    )
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    start = models.CharField(max_length=16, choices=Start.choices)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="membership_period_valid",
            ),
            models.UniqueConstraint(
                fields=["member"],
                condition=Q(valid_to__isnull=True),
                name="one_open_membership",
            ),
        ]
        indexes = [
            models.Index(fields=["org", "valid_from", "valid_to"], name="membership_org_period"),
            models.Index(fields=["member", "valid_from"], name="membership_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}@{self.org_id} {self.valid_from}–{self.valid_to or ''}"
