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
