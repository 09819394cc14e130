"""The public pages as anonymous readers get them, cached whole (settings.CACHES["portal"],
a directory every server process shares). Publishing, unpublishing, moving or deleting a
page, or changing a linked website, empties it: every page lists the latest news, so no
smaller invalidation would be right."""

from typing import Any

from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from wagtail.signals import page_published, page_unpublished, post_page_move

from dangvu.portal.models import LinkedWebsite

ALIAS = "portal"


def _key(request: HttpRequest) -> str:
    return f"page:{get_language()}:{request.get_full_path()}"


def cached_response(request: HttpRequest) -> HttpResponse | None:
    if request.method != "GET" or request.user.is_authenticated:
        return None
    stored = caches[ALIAS].get(_key(request))
    if stored is None:
        return None
    content, content_type = stored
    return HttpResponse(content, content_type=content_type)


def keep(request: HttpRequest, response: HttpResponse) -> None:
    if (
        request.method == "GET"
        and not request.user.is_authenticated
        and response.status_code == 200
        and not response.cookies
        and not response.streaming
    ):
        caches[ALIAS].set(_key(request), (response.content, response["Content-Type"]))


def clear(**_: Any) -> None:
    caches[ALIAS].clear()


def connect_signals() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(clear, dispatch_uid=f"portal-cache-{id(signal)}")
    for signal in (post_save, post_delete):
        signal.connect(clear, sender=LinkedWebsite, dispatch_uid=f"portal-links-{id(signal)}")
    from wagtail.models import Page

    post_delete.connect(clear, sender=Page, dispatch_uid="portal-page-delete")
