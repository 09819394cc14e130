from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.common.files import private_file_response
from dangvu.common.uploads import CappedFileField
from dangvu.documents.render import DOCUMENTS, template_path_for
from dangvu.documents.services import current_template, document_template_upload
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class UploadForm(forms.Form):
    name = forms.ChoiceField(choices=list(DOCUMENTS.items()))
    file = CappedFileField(label=gettext_lazy("Tệp mẫu (.docx)"), limit="ATTACHMENT_MAX_UPLOAD_MB")


@requires(Resource.SETTINGS, Action.CHANGE)
def templates(request: HttpRequest) -> HttpResponse:
    """The document templates in use; an administrator replaces one with their Word file."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document_template_upload(actor=request.user, name=form.cleaned_data["name"],
                                     upload=form.cleaned_data["file"])  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã dùng mẫu mới."))
        return redirect("documents:templates")
    rows = [(name, title, current_template(name)) for name, title in DOCUMENTS.items()]
    return render(request, "documents/templates.html", {"rows": rows, "form": form})


@requires(Resource.SETTINGS, Action.CHANGE)
def template_download(request: HttpRequest, name: str) -> HttpResponseBase:
    """The template in use, to edit in Word and upload again."""
    if name not in DOCUMENTS:
        raise Http404
    uploaded, filename = current_template(name), f"mau-{name}.docx"
    if uploaded is not None:
        return private_file_response(uploaded.file, filename=filename, content_type=DOCX)
    default = template_path_for(name).open("rb")
    return FileResponse(default, as_attachment=True, filename=filename, content_type=DOCX)
