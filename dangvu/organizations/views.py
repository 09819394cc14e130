from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.accounts.roles import Action, Resource
from dangvu.organizations.selectors import org_page
from dangvu.stats.selectors import flatten, org_tree
from dangvu.web.decorators import requires
from dangvu.web.views import as_of_from, is_htmx


@requires(Resource.ORG, Action.VIEW)
def tree(request: HttpRequest) -> HttpResponse:
    as_of = as_of_from(request)
    nodes = flatten(org_tree(user=request.user, as_of=as_of))
    template = "organizations/_tree.html" if is_htmx(request) else "organizations/tree.html"
    return render(request, template, {"as_of": as_of, "nodes": nodes})


@requires(Resource.ORG, Action.VIEW)
def detail(request: HttpRequest, code: str) -> HttpResponse:
    as_of = as_of_from(request)
    page = org_page(user=request.user, code=code, as_of=as_of, page_number=request.GET.get("page"))
    return render(request, "organizations/detail.html", {"as_of": as_of, "page": page})
