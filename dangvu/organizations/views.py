from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.organizations.selectors import org_page
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
    page = org_page(user=request.user, code=code, as_of=as_of, page_number=request.GET.get("page"))
    return render(request, "organizations/detail.html", {"as_of": as_of, "page": page})
