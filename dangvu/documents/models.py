from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.common.files import RandomName
from dangvu.documents.render import DOCUMENTS


class DocumentTemplate(models.Model):
    """Mẫu văn bản: a Word template uploaded by staff in place of the shipped default.
    The newest upload of each document is the one in use; older ones stay as history."""

    name = models.CharField(
        _("văn bản"), max_length=40, choices=[(key, title) for key, title in DOCUMENTS.items()]
    )
    file = models.FileField(_("tệp mẫu (.docx)"), upload_to=RandomName("document_templates"))
    file_name = models.CharField(_("tên tệp tải lên"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["name", "uploaded_at"])]

    def __str__(self) -> str:
        return f"{self.name} {self.uploaded_at:%d/%m/%Y %H:%M}"


class Signer(models.Model):
    """Người ký văn bản: who signs for COMMITTEE from VALID_FROM to VALID_TO (exclusive, open
    while null), with their POSITION ("Phó Bí thư") under the AUTHORITY line ("T/M Ban
    Thường vụ", HD 36-HD/VPTW), and the committee's SYMBOL in document numbers ("ĐUK")."""

    committee = models.ForeignKey(
        "organizations.OrgUnit",
        on_delete=models.PROTECT,
        related_name="signers",
        verbose_name=_("cấp ủy"),
    )
    name = models.CharField(_("họ và tên người ký"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=120)
    authority = models.CharField(_("thẩm quyền ký"), max_length=120)
    symbol = models.CharField(_("ký hiệu cơ quan ban hành"), max_length=20)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến trước ngày"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gt=models.F("valid_from")),
                name="signer_period_valid",
            ),
            models.UniqueConstraint(fields=["committee", "valid_from"], name="unique_signer_start"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%d/%m/%Y}–)"


class DocumentKind(models.TextChoices):
    """Kinds of outgoing documents, each with its symbol in the number: "12-QĐ/ĐUK"
    (Quy định 66-QĐ/TW, HD 36-HD/VPTW; the symbols as `docs/rules.md` lists them)."""

    DECISION = "QĐ", _("Quyết định")
    CERTIFICATE = "GK", _("Giấy khen")
    LETTER = "GT", _("Giấy giới thiệu")
    REPORT = "BC", _("Báo cáo")
    INVITATION = "GM", _("Giấy mời")


class OutgoingDocument(models.Model):
    """Sổ văn bản đi: one numbered document of COMMITTEE. Numbers run from 1 per committee,
    kind and cấp ủy term (SEQUENCE; the term began on TERM_START, `documents/terms.py`);
    NUMBER is the text printed: "12-QĐ/ĐUK". YEAR is the issue's year (the register's
    pages). The SUBJECT is the record the document is about (e.g. an evaluation round),
    named by its model's label."""

    committee = models.ForeignKey(
        "organizations.OrgUnit",
        on_delete=models.PROTECT,
        related_name="outgoing_documents",
        verbose_name=_("cấp ủy"),
    )
    kind = models.CharField(_("loại văn bản"), max_length=8, choices=DocumentKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    term_start = models.DateField(_("nhiệm kỳ từ ngày"))
    sequence = models.PositiveIntegerField(_("số thứ tự"))
    number = models.CharField(_("số, ký hiệu"), max_length=40)
    issued_on = models.DateField(_("ngày ban hành"))
    summary = models.CharField(_("trích yếu"), max_length=255)
    signer_name = models.CharField(_("người ký"), max_length=120)
    subject_type = models.CharField(max_length=100)
    subject_id = models.PositiveBigIntegerField()
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "kind", "term_start", "sequence"],
                name="one_number_per_term_register",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.issued_on:%d/%m/%Y}"
