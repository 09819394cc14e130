"""RSS of the latest articles (Django's syndication framework)."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from dangvu.portal.models import ArticlePage

FEED_ITEMS = 30


class LatestArticles(Feed):
    title = _("Tin bài mới")
    link = "/"
    description = _("Tin bài mới đăng trên cổng thông tin")

    def items(self) -> QuerySet[ArticlePage]:
        return ArticlePage.objects.live().public().order_by("-date", "-pk")[:FEED_ITEMS]

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.summary

    def item_link(self, item: ArticlePage) -> str:
        return item.get_url() or "/"

    def item_pubdate(self, item: ArticlePage) -> dt.datetime:
        return dt.datetime.combine(item.date, dt.time(0, 0))
