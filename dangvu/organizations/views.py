from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.members.selectors import MemberFilter, member_page
from dangvu.organizations.selectors import org_get_for_user
from dangvu.stats.selectors import flatten, org_tree
from dangvu.web.views import as_of_from, is_htmx


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    as_of = as_of_from(request)
    nodes = flatten(org_tree(user=request.user, as_of=as_of))
    template = "organizations/_tree.html" if is_htmx(request) else "organizations/tree.html"
    return render(request, template, {"as_of": as_of, "nodes": nodes})


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    as_of = as_of_from(request)
    view = org_get_for_user(user=request.user, code=code, as_of=as_of)
    on = as_of if view.active else view.version.valid_from
    context = {
        "as_of": as_of,
        "view": view,
        "nodes": flatten(org_tree(user=request.user, as_of=on, root=view.org))[1:],
        "members": member_page(
            user=request.user,
            filters=MemberFilter(as_of=on, org=view.org),
            number=request.GET.get("page"),
        ),
    }
    return render(request, "organizations/detail.html", context)
