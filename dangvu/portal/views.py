"""The portal's public views: its pages (Wagtail's serve, cached for anonymous readers),
the search and the RSS feed."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from wagtail import views as wagtail_views

from dangvu.common.http import public
from dangvu.portal import cache
from dangvu.portal.feeds import LatestArticles
from dangvu.portal.search import search_articles

RESULTS = 30


@public
def serve(request: HttpRequest, path: str) -> HttpResponse:
    hit = cache.cached_response(request)
    if hit is not None:
        return hit
    response = wagtail_views.serve(request, path)
    if isinstance(response, TemplateResponse):
        response.render()
    cache.keep(request, response)
    return response


@public
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    results = search_articles(query)[:RESULTS] if query else []
    return TemplateResponse(request, "portal/search.html", {"query": query, "results": results})


rss = public(LatestArticles())
