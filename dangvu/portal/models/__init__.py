"""The portal's pages (Wagtail) and the linked websites."""

from dangvu.portal.models.links import LinkedWebsite
from dangvu.portal.models.media import AlbumPage, AlbumPhoto, MediaIndexPage, VideoPage
from dangvu.portal.models.pages import ArticlePage, CategoryPage, HomePage

__all__ = [
    "AlbumPage",
    "AlbumPhoto",
    "ArticlePage",
    "CategoryPage",
    "HomePage",
    "LinkedWebsite",
    "MediaIndexPage",
    "VideoPage",
]
