from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.common import clock
from dangvu.common.http import authenticated
from dangvu.members.correction_forms import CorrectionForm
from dangvu.web.selfservice import own_record


@authenticated
def me(request: HttpRequest) -> HttpResponse:
    """Hồ sơ của tôi: the user's own record and what every module holds about it, read
    only, with the form that asks for a correction; a page that says so to an account
    that names no record."""
    today = clock.today()
    record = own_record(user=request.user, today=today)
    context = {"record": record, "as_of": today, "form": CorrectionForm()}
    return render(request, "web/me.html", context)
