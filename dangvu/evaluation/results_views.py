"""Pages of a round's results: the lists of those rated HTXSNV and the XLSX export. Thin:
the selectors of `evaluation.results` read, `evaluation.export` writes the file."""

import tempfile
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.common.spreadsheets import EXPORT_TYPES
from dangvu.evaluation.export import evaluation_results_export
from dangvu.evaluation.results import excellent_lists
from dangvu.evaluation.selectors import round_get_for_user
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource


@requires(Resource.EVALUATION, Action.VIEW)
def excellent(request: HttpRequest, pk: int) -> HttpResponse:
    """The TCCSĐ and the members rated HTXSNV in the round, as the user may see them."""
    round_ = round_get_for_user(request.user, pk)
    organizations, members = excellent_lists(user=request.user, round_=round_)
    context = {"round": round_, "organizations": organizations, "members": members}
    return render(request, "evaluation/excellent.html", context)


@requires(Resource.EVALUATION, Action.VIEW)
def results_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's results as XLSX, over what the user may see; the export is logged."""
    round_ = round_get_for_user(request.user, pk)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ket-qua.xlsx"
        evaluation_results_export(user=request.user, round_=round_, path=path)
        response = HttpResponse(path.read_bytes(), content_type=EXPORT_TYPES["xlsx"])
    name = f"ket-qua-danh-gia-{round_.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
