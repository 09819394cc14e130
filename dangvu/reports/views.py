"""The annual report page: the report's figures and tables for a year and an organization
within the reader's reach, and its downloads (DOCX, PDF, XLSX)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.common import clock
from dangvu.common.http import InvalidParameter
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource
from dangvu.reports.forms import AnnualForm, DownloadForm
from dangvu.reports.services import annual_report_file, annual_report_for

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@requires(Resource.ORG, Action.VIEW)
def annual(request: HttpRequest) -> HttpResponse:
    form = AnnualForm(request.GET, user=request.user)
    report = None
    if form.is_valid():
        d = form.cleaned_data
        report = annual_report_for(user=request.user, committee=d["committee"], year=d["year"],
                                   as_of=clock.today())  # fmt: skip
    return render(request, "reports/annual.html", {"form": form, "report": report})


@requires(Resource.ORG, Action.VIEW)
def annual_file(request: HttpRequest) -> HttpResponse:
    form = DownloadForm(request.GET, user=request.user)
    if not form.is_valid():
        raise InvalidParameter(" ".join(str(e) for errors in form.errors.values() for e in errors))
    d = form.cleaned_data
    today = clock.today()
    data = annual_report_file(user=request.user, committee=d["committee"], year=d["year"],
                              as_of=today, issued_on=today, fmt=d["format"])  # fmt: skip
    response = HttpResponse(data, content_type=CONTENT_TYPES[d["format"]])
    name = f"bao-cao-tong-ket-{d['year']}-{d['committee'].code}.{d['format']}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
