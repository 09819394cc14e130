"""The upload forms of the imports: one spreadsheet each, refused above the size limit."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from dangvu.common.forms import BootstrapFormMixin
from dangvu.common.uploads import CappedFileField
from dangvu.organizations.forms import OrgField, ScopedFormMixin


class SpreadsheetField(CappedFileField):
    """An uploaded list, refused above IMPORT_MAX_UPLOAD_MB before anything is stored (the
    reader refuses it too, for the CLI)."""

    def __init__(self, **kwargs: Any) -> None:
        hint = gettext_lazy("Hãy chia nhỏ tệp.")
        super().__init__(limit="IMPORT_MAX_UPLOAD_MB", hint=hint, **kwargs)


class UploadForm(ScopedFormMixin, BootstrapFormMixin, forms.Form):
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
