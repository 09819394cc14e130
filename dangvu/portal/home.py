"""What the home page shows besides its own text: the news, the media, the links."""

from typing import Any

from dangvu.portal.models import AlbumPage, ArticlePage, LinkedWebsite, VideoPage

FEATURED = 4
LATEST = 8
ALBUMS = 4
VIDEOS = 2


def home_blocks() -> dict[str, Any]:
    articles = ArticlePage.objects.live().public().order_by("-date", "-pk")
    featured = list(articles.filter(featured=True).select_related("cover")[:FEATURED])
    shown = [page.pk for page in featured]
    return {
        "featured": featured,
        "latest": articles.exclude(pk__in=shown).select_related("cover")[:LATEST],
        "albums": AlbumPage.objects.live().public().order_by("-date", "-pk")[:ALBUMS],
        "videos": VideoPage.objects.live()
        .public()
        .select_related("video", "poster")
        .order_by("-date", "-pk")[:VIDEOS],
        "links": LinkedWebsite.objects.all(),
    }
