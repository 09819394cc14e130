import datetime as dt
from collections.abc import Callable

import pytest
from django.core.management import call_command
from wagtail.models import Page

from dangvu.portal.models import ArticlePage, CategoryPage
from dangvu.portal.site import home_page

MakeArticle = Callable[..., ArticlePage]


@pytest.fixture
def flushed_db(transactional_db: None) -> None:
    """An empty database with its ids from 1, for the browser tests: Wagtail's page explorer
    takes page 1 for the tree's root, as a migrated database has it. Flushed here, not only
    after the previous test, because a migrated database holds Wagtail's root and home page
    (the ids a reset sequence would hand out again)."""
    call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def category(db: None) -> CategoryPage:
    home = home_page()
    page = CategoryPage(title="Tin hoạt động", slug="tin-hoat-dong", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def make_article(category: CategoryPage) -> MakeArticle:
    def make(title: str, *, date: dt.date = dt.date(2022, 2, 28), body: str = "",
             publish: bool = True, parent: Page | None = None) -> ArticlePage:  # fmt: skip
        article = ArticlePage(
            title=title,
            slug=f"bai-{ArticlePage.objects.count() + 1}",
            date=date,
            summary=f"Tóm tắt: {title}",
            body=[("paragraph", f"<p>{body or title}</p>")],
        )
        (parent or category).add_child(instance=article)
        revision = article.save_revision()
        if publish:
            revision.publish()
        else:
            ArticlePage.objects.filter(pk=article.pk).update(live=False)
        article.refresh_from_db()
        return article

    return make
