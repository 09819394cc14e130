"""The portal's public views: its pages (Wagtail's serve, cached for anonymous readers),
the search, the RSS feed, the images' renditions and the documents (videos)."""

import mimetypes

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.documents import get_document_model

from dangvu.common.files import private_file_response
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


@public
@require_safe
def document(request: HttpRequest, document_id: int, document_filename: str) -> HttpResponseBase:
    """A document (a video) as Wagtail's own view checks it, then sent like every stored
    file (`private_file_response`): read from the storage, not from a path on disk, and
    handed to the web server in front where one is configured, with the byte ranges a
    video player asks for. Wagtail's view would read a path the tests' storage lacks."""
    found = get_object_or_404(get_document_model(), id=document_id)
    if found.filename != document_filename:
        raise Http404
    for hook in hooks.get_hooks("before_serve_document"):  # collections' view restrictions
        result = hook(found, request)
        if isinstance(result, HttpResponseBase):
            return result
    return private_file_response(
        found.file,
        filename=found.filename,
        content_type=found.content_type,
        inline=found.content_type.startswith("video/") or found.content_disposition == "inline",
    )
