"""The upload forms of the imports: one spreadsheet each, refused above the size limit."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.imports.limits import MB, grouped
from dangvu.organizations.forms import OrgField, ScopedFormMixin


class SpreadsheetField(forms.FileField):
    """An uploaded list, refused above IMPORT_MAX_UPLOAD_MB before anything is stored (the
    reader refuses it too, for the CLI)."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        file = super().clean(data, initial)
        limit = settings.IMPORT_MAX_UPLOAD_MB * MB
        if isinstance(file, UploadedFile) and (file.size or 0) > limit:
            raise forms.ValidationError(
                _("Tệp nặng %(size)s MB, quá giới hạn %(limit)s MB; hãy chia nhỏ tệp.")
                % {"size": grouped(-(-(file.size or 0) // MB)), "limit": grouped(limit // MB)},
                code="too_big",
            )
        return file


class UploadForm(ScopedFormMixin, forms.Form):
    file = SpreadsheetField(label=gettext_lazy("Tệp (XLSX, XLS, ODS, CSV, DOCX)"))
    org = OrgField(
        purpose="members", label=gettext_lazy("Tổ chức nhận (không bắt buộc)"), required=False
    )


class OrgUploadForm(forms.Form):
    file = SpreadsheetField(label=gettext_lazy("Tệp (XLSX, XLS, ODS, CSV)"))


class ReconcileForm(forms.Form):
    file = SpreadsheetField(label=gettext_lazy("Tệp xuất từ CSDL đảng viên (XLSX, CSV)"))


class DuesUploadForm(forms.Form):
    file = SpreadsheetField(label=gettext_lazy("Bảng thu đảng phí (XLSX, XLS, ODS, CSV)"))


class RatingsUploadForm(forms.Form):
    file = SpreadsheetField(label=gettext_lazy("Tệp xếp loại (XLSX, XLS, ODS, CSV)"))
