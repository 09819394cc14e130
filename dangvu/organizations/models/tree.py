import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.common.text import fold


class OrgKind(models.TextChoices):
    UPPER_COMMITTEE = "UPPER", _("Đảng bộ cấp trên cơ sở")
    GRASSROOTS_COMMITTEE = "GR_COMMITTEE", _("Đảng bộ cơ sở")
    GRASSROOTS_CELL = "GR_CELL", _("Chi bộ cơ sở")
    SUB_COMMITTEE = "SUB_COMMITTEE", _("Đảng bộ bộ phận")
    CELL = "CELL", _("Chi bộ trực thuộc")


# TCCSĐ (tổ chức cơ sở đảng); members belong only to cells.
GRASSROOTS_KINDS = (OrgKind.GRASSROOTS_COMMITTEE, OrgKind.GRASSROOTS_CELL)
CELL_KINDS = (OrgKind.GRASSROOTS_CELL, OrgKind.CELL)


class Sector(models.TextChoices):
    """Loại hình TCCSĐ, as used by the statistics forms (HD 11-HD/BTCTW)."""

    PARTY_MASS = "PARTY_MASS", _("Cơ quan Đảng, Mặt trận, đoàn thể")
    ADMINISTRATIVE = "ADMINISTRATIVE", _("Cơ quan hành chính")
    PUBLIC_SERVICE = "PUBLIC_SERVICE", _("Đơn vị sự nghiệp")
    STATE_ENTERPRISE = "STATE_ENTERPRISE", _("Doanh nghiệp nhà nước")
    NON_STATE_ENTERPRISE = "NON_STATE_ENTERPRISE", _("Doanh nghiệp ngoài khu vực nhà nước")
    FOREIGN_ENTERPRISE = "FOREIGN_ENTERPRISE", _("Doanh nghiệp có vốn đầu tư nước ngoài")
    ARMED_FORCES = "ARMED_FORCES", _("Lực lượng vũ trang")
    OTHER = "OTHER", _("Khác")


def active_on(as_of: dt.date, prefix: str = "") -> Q:
    """Q for half-open periods [valid_from, valid_to) that contain AS_OF."""
    return Q(**{f"{prefix}valid_from__lte": as_of}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": as_of})
    )


class OrgUnit(models.Model):
    """Tổ chức đảng: the identity of a party organization, kept through renames and moves.

    What changes over time (name, kind, parent) lives in `OrgVersion` rows.
    """

    code = models.CharField(_("mã"), max_length=32, unique=True)
    sector = models.CharField(_("loại hình"), max_length=24, choices=Sector.choices)
    established_date = models.DateField(_("ngày thành lập"))
    # Exclusive: the organization no longer exists on this date.
    dissolved_date = models.DateField(_("ngày giải thể"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_date__isnull=True)
                | Q(dissolved_date__gt=models.F("established_date")),
                name="org_dissolved_after_established",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class OrgVersionQuerySet(models.QuerySet["OrgVersion"]):
    def as_of(self, as_of: dt.date) -> "OrgVersionQuerySet":
        return self.filter(active_on(as_of))

    def in_subtree(self, path: str) -> "OrgVersionQuerySet":
        return self.filter(path__startswith=path)


class OrgVersion(models.Model):
    """One period during which an organization's name, kind and place in the tree held.

    `path` is the materialized path of OrgUnit ids from the root ("/1/17/230/") for that
    period, so a subtree as of a date is one indexed prefix query. Moving an organization
    closes and reopens the versions of its whole subtree.
    """

    org = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="versions")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại tổ chức"), max_length=16, choices=OrgKind.choices)
    parent = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    path = models.CharField(max_length=255)
    depth = models.PositiveSmallIntegerField()
    # The name folded for accent-blind search (common.text.fold), kept by `save`.
    search_text = models.CharField(max_length=255, editable=False, default="")

    objects = OrgVersionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="org_version_period_valid",
            ),
            models.UniqueConstraint(fields=["org", "valid_from"], name="unique_org_version_start"),
            models.UniqueConstraint(
                fields=["org"], condition=Q(valid_to__isnull=True), name="one_open_org_version"
            ),
        ]
        indexes = [
            models.Index(fields=["path", "valid_from"], name="org_version_path"),
            # A subtree is `path LIKE '/1/17/%'`: under a non-C collation PostgreSQL can use
            # only a pattern-ops index for it (ignored elsewhere).
            models.Index(
                fields=["path"], name="org_version_path_prefix", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["valid_from", "valid_to"], name="org_version_period"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%d/%m/%Y}–)"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)


class OrgEvent(models.Model):
    """Sự kiện tổ chức: a dated structure change (thành lập, đổi tên, sáp nhập, …)."""

    class Kind(models.TextChoices):
        CREATED = "CREATED", _("Thành lập")
        RENAMED = "RENAMED", _("Đổi tên")
        MOVED = "MOVED", _("Chuyển trực thuộc")
        RECLASSIFIED = "RECLASSIFIED", _("Đổi loại tổ chức")
        MERGED = "MERGED", _("Hợp nhất, sáp nhập")
        SPLIT = "SPLIT", _("Chia tách")
        DISSOLVED = "DISSOLVED", _("Giải thể")

    # Events are never deleted: an organization an import's undo removes keeps its events
    # (with its id), like the audit trail's entries about it.
    org = models.ForeignKey(
        OrgUnit, on_delete=models.DO_NOTHING, db_constraint=False, related_name="events"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    effective_date = models.DateField()
    decision = models.CharField(_("quyết định"), max_length=120, blank=True)
    # Names, parent codes and related organization codes, so the history reads on its own.
    data = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The undo of the import that recorded this change: the history shows the change as
    # undone rather than forgetting it (see `imports.organizations.undo`).
    # No constraint in the database: the trail is partitioned on PostgreSQL (see
    # common/audit_partitions.py), and its entries are never deleted.
    undone_by = models.ForeignKey(
        "common.AuditEntry",
        verbose_name=_("hoàn tác bởi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )

    class Meta:
        indexes = [models.Index(fields=["org", "effective_date"])]

    def __str__(self) -> str:
        return f"{self.org_id} {self.kind} {self.effective_date:%d/%m/%Y}"
