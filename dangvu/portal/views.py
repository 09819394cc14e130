"""The portal's public views: its pages (Wagtail's serve, cached for anonymous readers),
the search and the RSS feed."""

import mimetypes

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
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

# A rendition's name changes with its image and its size, so browsers may keep it a day.
IMAGE_MAX_AGE = 24 * 3600


@public
@require_safe
def image(request: HttpRequest, path: str) -> FileResponse:
    """A rendition of a portal image (settings.WAGTAILIMAGES_RENDITION_STORAGE): the
    private uploads live in another storage and have no address."""
    storage = storages["portal_renditions"]
    try:
        if not storage.exists(path):
            raise Http404
    except SuspiciousFileOperation as error:
        raise Http404 from error
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(storage.open(path), content_type=content_type)
    response["Cache-Control"] = f"public, max-age={IMAGE_MAX_AGE}"
    return response
