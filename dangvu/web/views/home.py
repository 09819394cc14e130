from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from dangvu.common import clock
from dangvu.common.http import as_of_from, authenticated
from dangvu.members.correction_list import own_member_id
from dangvu.members.deadlines import due_list
from dangvu.organizations.access import may
from dangvu.organizations.roles import Action, Resource
from dangvu.stats.selectors import dashboard
from dangvu.web.dashboard_charts import dashboard_charts


@authenticated
def home(request: HttpRequest) -> HttpResponse:
    """The committee's figures for those who may see them; a member's own page (Hồ sơ của
    tôi) for a member; otherwise a page that says there is nothing assigned yet."""
    if may(request.user, Resource.ORG, Action.VIEW):
        as_of = as_of_from(request)
        context = {"as_of": as_of, **dashboard(user=request.user, as_of=as_of)}
        context["charts"] = dashboard_charts(
            figures=context["figures"], years=context["years"], makeup=context["makeup"]
        )
        if may(request.user, Resource.MEMBER, Action.VIEW):
            # Due tasks are today's work, whatever date the figures are for.
            context["today"] = clock.today()
            context["items"] = due_list(user=request.user, today=context["today"])
        return render(request, "web/home.html", context)
    if own_member_id(request.user) is not None:
        return redirect("web:me")
    return render(request, "web/no_access.html")
