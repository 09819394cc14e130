"""The organization tree and an organization's page: they assemble the tree's counts
(stats) and a page of members (members).

The tree opens at the user's top organizations with the level under them, and loads the
level under any other organization when it is opened (htmx, `orgs:children`), so a
national tree never reads more than the levels on screen."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dangvu.common.http import as_of_from, is_htmx
from dangvu.organizations.access import may
from dangvu.organizations.decorators import requires
from dangvu.organizations.forms import STRUCTURE_FORMS
from dangvu.organizations.pickers import org_choices
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.selectors import org_get_for_user
from dangvu.stats.selectors import LevelNode, org_level
from dangvu.web.selectors import org_page

# Matches of the search box shown at most.
SEARCH_LIMIT = 50


@requires(Resource.ORG, Action.VIEW)
def tree(request: HttpRequest) -> HttpResponse:
    """The tree on the date, opened one level under the user's top organizations; with
    `q`, the organizations whose name or code matches it instead."""
    as_of = as_of_from(request)
    query = request.GET.get("q", "").strip()[:100]
    context = {"as_of": as_of, "query": query, "can_import": may(request.user, Resource.ORG,
                                                                  Action.CHANGE)}  # fmt: skip
    if query:
        context["found"] = org_choices(user=request.user, purpose="tree", query=query, on=as_of,
                                       limit=SEARCH_LIMIT)  # fmt: skip
    else:
        rows: list[tuple[LevelNode, bool]] = []
        for top in org_level(user=request.user, as_of=as_of):
            rows.append((top, top.children > 0))
            if top.children:
                below = org_level(user=request.user, as_of=as_of, parent=top.version.org)
                rows += [(node, False) for node in below]
        context["rows"] = rows
    template = "organizations/_tree.html" if is_htmx(request) else "organizations/tree.html"
    return render(request, template, context)


@requires(Resource.ORG, Action.VIEW)
def children(request: HttpRequest, code: str) -> HttpResponse:
    """The rows of the organizations under CODE on the date (htmx, when a row is opened)."""
    as_of = as_of_from(request)
    view = org_get_for_user(user=request.user, code=code, as_of=as_of)
    nodes = org_level(user=request.user, as_of=as_of, parent=view.org) if view.active else []
    rows = [(node, False) for node in nodes]
    return render(request, "organizations/_tree_rows.html", {"as_of": as_of, "rows": rows})


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
