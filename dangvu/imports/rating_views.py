"""The page that imports a round's ratings from a file ("Nhập từ tệp"): the same check and
write as `dangvu evaluation import`, a dry run first, then the write. The file is read in
the request and not kept: the write asks for it again, and checks it again whole."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangvu.evaluation.facts import step_of
from dangvu.evaluation.models import Stage
from dangvu.evaluation.rulesets import rules_for_year
from dangvu.evaluation.selectors import round_get_for_user
from dangvu.evaluation.services import EvaluationError
from dangvu.imports.evaluation.summary import imported_summary
from dangvu.imports.evaluation.write import ratings_import
from dangvu.imports.files import upload_copy
from dangvu.imports.forms import RatingsUploadForm
from dangvu.imports.problems import ImportRefused
from dangvu.imports.unreadable import UnreadableFile
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource


@requires(Resource.EVALUATION, Action.CHANGE)
def ratings_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A POST checks the file ("check") or writes it ("write"); each shows what it found."""
    round_ = round_get_for_user(request.user, pk)
    form = RatingsUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {
        "round": round_,
        "form": form,
        "step": Stage(step_of(round_.stage)).label,
        "rules": rules_for_year(round_.year),
    }
    if form.is_valid():
        dry_run = request.POST.get("action") != "write"
        try:
            with upload_copy(form.cleaned_data["file"]) as path:
                imported = ratings_import(
                    actor=request.user, path=path, round_=round_, dry_run=dry_run
                )
        except (UnreadableFile, EvaluationError) as error:
            context["errors"] = getattr(error, "messages", [str(error)])
        except ImportRefused as refused:
            problems = refused.result.problems
            context["checked"] = {
                "problems": problems,
                "problems_total": problems.total,
                "problems_more": problems.more,
            }
        else:
            summary = imported_summary(imported, round_, dry_run=dry_run)
            if not dry_run:
                messages.success(request, summary)
                return redirect("evaluation:round", pk=round_.pk)
            context["summary"] = summary
    return render(request, "imports/ratings_upload.html", context)
