"""The public search: live articles whose title, summary or body hold every word asked
for, accents ignored ("dai hoi" finds "Đại hội"), newest first."""

from django.db.models import Q, QuerySet

from dangvu.common.text import fold
from dangvu.portal.models import ArticlePage

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10


def search_articles(query: str) -> QuerySet[ArticlePage]:
    words = fold(query[:MAX_QUERY_LENGTH]).split()[:MAX_WORDS]
    if not words:
        return ArticlePage.objects.none()
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    return ArticlePage.objects.live().public().filter(condition).order_by("-date", "-pk")
