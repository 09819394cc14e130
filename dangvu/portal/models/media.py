"""Photo albums and videos (hình ảnh, video hoạt động), under a media index page."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from dangvu.common.clock import today
from dangvu.portal.models.dated import DatedPage

ITEMS_PER_PAGE = 12
# What the browsers' own player plays.
VIDEO_EXTENSIONS = (".mp4", ".webm")


class MediaIndexPage(Page):
    """ "Hình ảnh hoạt động" or "Video hoạt động": the albums or videos under it."""

    content_panels = Page.content_panels
    subpage_types = ["portal.AlbumPage", "portal.VideoPage"]
    parent_page_types = ["portal.HomePage"]

    class Meta:
        verbose_name = _("Thư viện ảnh, video")
        verbose_name_plural = _("Thư viện ảnh, video")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        items = self.get_children().live().public().specific().order_by("-first_published_at")
        page = Paginator(items, ITEMS_PER_PAGE).get_page(request.GET.get("trang"))
        return {**super().get_context(request, *args, **kwargs), "items": page}


class AlbumPage(DatedPage, Page):
    date = models.DateField(_("Ngày"), default=today)
    description = models.TextField(_("Mô tả"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("description"),
        InlinePanel("photos", label=_("Ảnh"), min_num=1),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["portal.MediaIndexPage"]

    class Meta:
        verbose_name = _("Album ảnh")
        verbose_name_plural = _("Album ảnh")

    def cover(self) -> "AlbumPhoto | None":
        return self.photos.select_related("image").first()


class AlbumPhoto(Orderable):
    album = ParentalKey(AlbumPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("Ảnh"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("Chú thích"), max_length=300, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class VideoPage(DatedPage, Page):
    """A video uploaded as a file (a Wagtail document), played by the browser's own player:
    nothing is fetched from a video site."""

    date = models.DateField(_("Ngày"), default=today)
    description = models.TextField(_("Mô tả"), blank=True)
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Tệp video (MP4, WebM)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("description"),
        FieldPanel("video"),
        FieldPanel("poster"),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["portal.MediaIndexPage"]

    class Meta:
        verbose_name = _("Video")
        verbose_name_plural = _("Video")

    def clean(self) -> None:
        super().clean()
        name = (self.video.file.name if self.video_id else "").lower()
        if name and not name.endswith(VIDEO_EXTENSIONS):
            raise ValidationError(
                {"video": _("Tệp video phải là MP4 hoặc WebM để trình duyệt phát được.")}
            )
