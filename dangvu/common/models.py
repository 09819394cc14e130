from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.common.events import Event


class AdministrativeUnit(models.Model):
    """Đơn vị hành chính: a province or a ward, in the scheme before or after 1/7/2025.

    Both schemes are kept because a hometown recorded in 2021 names a unit that no longer
    exists; the record keeps what was written, in the scheme it was written in.
    """

    class Scheme(models.TextChoices):
        BEFORE_2025 = "2008", _("Trước 01/7/2025 (63 tỉnh, 3 cấp)")
        FROM_2025 = "2025", _("Từ 01/7/2025 (34 tỉnh, 2 cấp)")

    class Level(models.TextChoices):
        PROVINCE = "PROVINCE", _("Tỉnh, thành phố")
        WARD = "WARD", _("Xã, phường, đặc khu")

    scheme = models.CharField(max_length=4, choices=Scheme.choices)
    level = models.CharField(max_length=8, choices=Level.choices)
    code = models.CharField(max_length=5)
    name = models.CharField(max_length=120)
    # For wards before 2025, the district (huyện) that no longer exists, kept for display.
    district_name = models.CharField(max_length=120, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "level", "code"], name="unique_unit_code"),
        ]

    def __str__(self) -> str:
        if self.district_name:
            return f"{self.name}, {self.district_name}"
        return self.name


class AuditEntry(models.Model):
    """Nhật ký: one meaningful change, written by the service that made it, in its transaction."""

    occurred_at = models.DateTimeField(db_index=True)
    # None for the operator at the console, and for a failed login. A user who has acted
    # cannot be deleted (deactivate the account instead): the trail keeps who did what.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    # Dotted code, e.g. "members.member.updated"; one of `Event`, whose label pages show.
    action = models.CharField(max_length=64, choices=Event.choices)
    object_type = models.CharField(max_length=64)
    object_id = models.BigIntegerField()
    object_repr = models.CharField(max_length=255)
    # Without a constraint in the database, like `batch` below: entries are written only by
    # `audit_record` and `audit_rows` from organizations at hand, and a bulk import's
    # 100,000 rows would otherwise each be checked at commit time. An organization removed
    # by an import's undo keeps its entries, with its id.
    org = models.ForeignKey(
        "organizations.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    # {"field": [before, after]} for edits; free-form facts for semantic events.
    changes = models.JSONField(default=dict, blank=True)
    data = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    # A bulk operation is one entry; its rows point to it, so per-row detail stays at hand.
    # No constraint in the database: rows are only ever written with their batch, in its
    # transaction, and the trail is never edited nor deleted (no cascade either).
    batch = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="rows",
        db_constraint=False,
    )

    class Meta:
        indexes = [
            models.Index(fields=["object_type", "object_id", "occurred_at"]),
            # A plain index: `db_index` would add a second one for LIKE on PostgreSQL,
            # which nothing uses and every audited write (100,000 in an import) pays for.
            models.Index(fields=["action"], name="audit_action"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class SortKeyVersion(models.Model):
    """The ICU that made a table's stored sort keys. ICU's keys compare only with keys of
    the same ICU version, so a table records it, and `dangvu rekey` makes them again after
    an upgrade (common/sort_keys.py)."""

    table = models.CharField(max_length=64, unique=True)  # the model's label, "members.member"
    icu_version = models.CharField(max_length=64)
    rebuilt_at = models.DateTimeField(null=True, blank=True)  # None: recorded, never rebuilt

    def __str__(self) -> str:
        return f"{self.table}: {self.icu_version}"
