from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.common.files import RandomName


class ImportBatch(models.Model):
    """Một lần nhập: a spreadsheet checked, then committed all at once, and undoable."""

    class State(models.TextChoices):
        UPLOADED = "UPLOADED", _("Đã tải lên")
        CHECKING = "CHECKING", _("Đang kiểm tra")
        CHECKED = "CHECKED", _("Đã kiểm tra")
        COMMITTING = "COMMITTING", _("Đang ghi")
        COMMITTED = "COMMITTED", _("Đã ghi")
        UNDONE = "UNDONE", _("Đã hoàn tác")
        # The background work died or ran out of time or memory; nothing was written.
        FAILED = "FAILED", _("Không xử lý được")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    org = models.ForeignKey(
        "organizations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(max_length=255)  # as uploaded, for display
    # Emptied when the batch is committed, undone or abandoned (imports/files.py).
    file = models.FileField(upload_to=RandomName("imports"), blank=True)
    rows_done = models.PositiveIntegerField(default=0)  # progress of the check, for the UI
    # When the background work on the batch last started or reported progress: a batch
    # working for longer than IMPORT_STALE_MINUTES without a sign is failed (`working.py`).
    working_since = models.DateTimeField(null=True, blank=True)
    failure = models.CharField(max_length=500, blank=True)  # why it FAILED, in Vietnamese
    sheet = models.CharField(max_length=120, blank=True)
    header_row = models.PositiveIntegerField(default=1)
    mapping = models.JSONField(default=dict)  # column number → field
    headers = models.JSONField(default=list)  # the header row's cells, to locate problems
    # The file's shape as the last check read it: {"sheets": [names], "other_rows": [{sheet,
    # row, kind, text, corrected}], "other_total": n} (`problems.layout_fields`).
    layout = models.JSONField(default=dict, blank=True)
    # The user's corrections of how rows were read: [[sheet index, row, kind], …].
    row_kinds = models.JSONField(default=list, blank=True)
    # The day of the last check: its staged rows are committed as they are only that day.
    checked_on = models.DateField(null=True, blank=True)

    class Kind(models.TextChoices):
        IMPORT = "IMPORT", _("Nhập đảng viên")
        RECONCILE = "RECONCILE", _("Đối chiếu CSDL đảng viên")
        ORG_IMPORT = "ORG_IMPORT", _("Nhập danh sách tổ chức")

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.IMPORT)
    state = models.CharField(max_length=10, choices=State.choices, default=State.CHECKED)
    rows_total = models.PositiveIntegerField(default=0)
    to_create = models.PositiveIntegerField(default=0)
    to_update = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    # The first IMPORT_MAX_PROBLEMS problems [{row, column, header, value, message, text}],
    # and how many there are in all.
    problems = models.JSONField(default=list)
    # A reconciliation's report, as its page shows it (`reconcile_work.report_json`).
    report = models.JSONField(default=dict, blank=True)
    problems_total = models.PositiveIntegerField(default=0)
    # No constraint in the database: on PostgreSQL the trail is partitioned by month, and
    # no foreign key can point into it (common/audit_partitions.py).
    audit_batch = models.ForeignKey(
        "common.AuditEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def problems_more(self) -> int:
        """Problems counted but not listed."""
        return max(0, self.problems_total - len(self.problems))


class OrgImportChange(models.Model):
    """What a committed organization import did to one organization: its periods before
    and after (`OrgVersion` rows as dicts), the events and the authorisations to admit it
    recorded, kept for undo."""

    class Action(models.TextChoices):
        CREATED = "CREATED", _("Thành lập")
        # Renamed or reclassified: only the organization's own periods changed.
        CHANGED = "CHANGED", _("Thay đổi")
        # Moved, or re-pathed because an organization above it moved.
        MOVED = "MOVED", _("Chuyển trực thuộc")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="org_changes")
    org_id = models.BigIntegerField()
    code = models.CharField(max_length=32)
    action = models.CharField(max_length=8, choices=Action.choices)
    versions_before = models.JSONField(default=list)
    versions_after = models.JSONField(default=list)
    event_ids = models.JSONField(default=list)
    # The authorisations to admit members it recorded (`AdmissionAuthority` ids).
    authority_ids = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"{self.batch_id} {self.action} {self.code}"


class ImportMapping(models.Model):
    """The column mapping last used for an organization, offered again next time."""

    org = models.OneToOneField("organizations.OrgUnit", on_delete=models.CASCADE, related_name="+")
    headers = models.JSONField(default=dict)  # folded header → field

    def __str__(self) -> str:
        return f"mapping {self.org_id}"
