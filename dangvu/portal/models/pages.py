"""The portal's text pages: the home page, the categories (chuyên mục) and the articles."""

from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from dangvu.common.clock import today
from dangvu.common.dates import Fact
from dangvu.common.text import fold, nfc
from dangvu.portal.blocks import BodyBlock
from dangvu.portal.forms import SectionForm
from dangvu.portal.models.dated import DatedPage

ARTICLES_PER_PAGE = 12
# The permission to choose a section's organization (CategoryPage.org).
ASSIGN_SECTION = "assign_section_org"
RELATED_ARTICLES = 5


class HomePage(Page):
    """The portal's front page: the featured and latest news, the albums and videos, the
    linked websites (portal/home.py gathers them)."""

    intro = RichTextField(_("Lời giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["portal.CategoryPage", "portal.MediaIndexPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("Trang chủ")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from dangvu.portal.home import home_blocks

        return {**super().get_context(request, *args, **kwargs), **home_blocks()}


class CategoryPage(Page):
    """A chuyên mục: Tin hoạt động, Xây dựng Đảng, Kiểm tra – Giám sát, Văn bản…

    A section may belong to an organization of the tree: the editors assigned over that
    organization's subtree write in it, and nowhere else (portal/editors.py)."""

    intro = models.TextField(_("Giới thiệu"), blank=True)
    # SET_NULL: an organization removed (an import undone) leaves a committee's section,
    # which narrows the rights rather than blocking the removal.
    org = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("Tổ chức phụ trách chuyên mục"),
        help_text=_(
            "Để trống nếu là chuyên mục của Đảng bộ. Biên tập viên được phân công ở tổ chức"
            " này hoặc tổ chức cấp trên của nó viết bài trong chuyên mục."
        ),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        # Only those who write everywhere give a section away: an editor limited to this
        # section must not widen their own rights through it.
        FieldPanel("org", permission=f"portal.{ASSIGN_SECTION}"),
    ]
    subpage_types = ["portal.ArticlePage"]
    parent_page_types = ["portal.HomePage"]
    base_form_class = SectionForm

    class Meta:
        verbose_name = _("Chuyên mục")
        verbose_name_plural = _("Chuyên mục")
        permissions = [(ASSIGN_SECTION, "Giao chuyên mục cho tổ chức")]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        articles = ArticlePage.objects.live().public().child_of(self).order_by("-date", "-pk")
        page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("trang"))
        return {**super().get_context(request, *args, **kwargs), "articles": page}


class ArticlePage(DatedPage, Page):
    """A news article: its date line ("Thứ 2, Ngày 28/02/2022"), title, summary, body."""

    date = models.DateField(_("Ngày đăng"), default=today)
    date_fact = Fact.SCHEDULED
    summary = models.TextField(_("Tóm tắt"), max_length=1000)
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("Nội dung"))
    featured = models.BooleanField(_("Tin nổi bật"), default=False)
    # The accent-free text of title, summary and body (common.text.fold), so that "dai hoi"
    # finds "Đại hội" in the public search; written when the page is published.
    search_text = models.TextField(editable=False, default="")

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("cover"),
        FieldPanel("body"),
        FieldPanel("featured"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("search_text"),
        index.FilterField("date"),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["portal.CategoryPage"]

    class Meta:
        verbose_name = _("Bài viết")
        verbose_name_plural = _("Bài viết")
        indexes = [models.Index(fields=["date"], name="portal_article_date")]

    def body_text(self) -> str:
        parts = []
        for block in self.body:
            if block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
            elif block.block_type == "image":
                parts.append(block.value.get("caption") or "")
            else:
                parts.append(str(block.value))
        return nfc(" ".join(parts))

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only a full save carries the content being published: a draft's partial saves
        # (save_revision's update_fields) must not put its text into the live search.
        if kwargs.get("update_fields") is None:
            self.search_text = fold(f"{self.title} {self.summary} {self.body_text()}")
        super().save(*args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        related = (
            ArticlePage.objects.live()
            .public()
            .sibling_of(self, inclusive=False)
            .order_by("-date", "-pk")[:RELATED_ARTICLES]
        )
        return {**super().get_context(request, *args, **kwargs), "related": related}
