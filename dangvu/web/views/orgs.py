"""The organization tree and an organization's page: they assemble the tree's counts
(stats) and a page of members (members)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.common.http import as_of_from, is_htmx
from dangvu.organizations.access import may
from dangvu.organizations.decorators import requires
from dangvu.organizations.forms import STRUCTURE_FORMS
from dangvu.organizations.roles import Action, Resource
from dangvu.stats.selectors import flatten, org_tree
from dangvu.web.selectors import org_page


@requires(Resource.ORG, Action.VIEW)
def tree(request: HttpRequest) -> HttpResponse:
    as_of = as_of_from(request)
    nodes = flatten(org_tree(user=request.user, as_of=as_of))
    template = "organizations/_tree.html" if is_htmx(request) else "organizations/tree.html"
    can_import = may(request.user, Resource.ORG, Action.CHANGE)
    return render(request, template, {"as_of": as_of, "nodes": nodes, "can_import": can_import})


@requires(Resource.ORG, Action.VIEW)
def detail(request: HttpRequest, code: str) -> HttpResponse:
    as_of = as_of_from(request)
    page = org_page(user=request.user, code=code, as_of=as_of, params=request.GET)
    forms_ = {name: form_class(user=request.user) for name, form_class in STRUCTURE_FORMS.items()}
    return render(
        request,
        "organizations/detail.html",
        {"as_of": as_of, "page": page, "structure_forms": forms_},
    )
