from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.documents.render import DOCUMENTS
from dangvu.documents.services import current_template, document_template_upload, template_file
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class UploadForm(forms.Form):
    name = forms.ChoiceField(choices=list(DOCUMENTS.items()))
    file = forms.FileField(label=gettext_lazy("Tệp mẫu (.docx)"))


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
def template_download(request: HttpRequest, name: str) -> HttpResponse:
    """The template in use, to edit in Word and upload again."""
    if name not in DOCUMENTS:
        raise Http404
    with template_file(name) as path:
        response = HttpResponse(path.read_bytes(), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="mau-{name}.docx"'
    return response
