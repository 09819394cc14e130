"""The page that imports a cell's collection sheet for a month ("Nhập bảng thu từ tệp"):
the same check and write as `dangvu dues import`, a dry run first, then the write. The file
is read in the request and not kept: the write asks for it again, and checks it again
whole."""

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dangvu.common.numbers import grouped
from dangvu.dues.rulesets import month_rules
from dangvu.dues.selectors import collection_cell
from dangvu.imports.dues.write import dues_import
from dangvu.imports.files import upload_copy
from dangvu.imports.forms import DuesUploadForm
from dangvu.imports.problems import ImportRefused
from dangvu.imports.unreadable import UnreadableFile
from dangvu.organizations.decorators import requires
from dangvu.organizations.roles import Action, Resource


@requires(Resource.MEMBER, Action.CHANGE)
def dues_upload(request: HttpRequest, code: str, month: dt.date) -> HttpResponse:
    """A POST checks the file ("check") or writes it ("write"); each shows what it found."""
    cell = collection_cell(request.user, code, month)
    form = DuesUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"cell": cell, "month": month, "form": form,
                                  "rules": month_rules(month)}  # fmt: skip
    if form.is_valid():
        dry_run = request.POST.get("action") != "write"
        try:
            with upload_copy(form.cleaned_data["file"]) as path:
                imported = dues_import(
                    actor=request.user, path=path, month=month, org=cell, dry_run=dry_run
                )
        except UnreadableFile as error:
            context["errors"] = [str(error)]
        except ImportRefused as refused:
            problems = refused.result.problems
            context["checked"] = {
                "problems": problems,
                "problems_total": problems.total,
                "problems_more": problems.more,
            }
        else:
            values = {"count": imported.payments, "month": f"{month:%m/%Y}",
                      "total": grouped(imported.total)}  # fmt: skip
            if not dry_run:
                messages.success(
                    request,
                    _("Đã ghi %(count)s khoản nộp tháng %(month)s, tổng %(total)s đồng.") % values,
                )
                return redirect("dues:collect", code=cell.code, month=month)
            context["summary"] = (
                _("Tệp hợp lệ: %(count)s khoản nộp tháng %(month)s, tổng %(total)s đồng.") % values
            )
    return render(request, "imports/dues_upload.html", context)
