"""The content security policies: the public site keeps the strict one; Wagtail's admin
gets its own (settings.PORTAL_ADMIN_CSP), which still allows no other origin; the admin's
pages name no outside address (no Gravatar, no CDN). The browser test of the editorial
workflow checks that the admin works under it (no violation in the console)."""

import re

import pytest
from django.test import Client

from conftest import MakeUser, Tree
from dangvu.organizations.roles import Role
from dangvu.portal.editors import groups_ensure
from dangvu.portal.models import ArticlePage
from dangvu.portal.tests.conftest import MakeArticle

pytestmark = pytest.mark.django_db

STRICT = {"script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'"}


def _directives(header: str) -> set[str]:
    return {part.strip() for part in header.split(";")}


@pytest.fixture
def article(
    client: Client, tree: Tree, make_user: MakeUser, make_article: MakeArticle
) -> ArticlePage:
    """An article, and CLIENT logged in as an editor of the committee."""
    groups_ensure()
    made = make_article("Hội nghị tổng kết năm 2021")
    make_user("bientap", Role.PORTAL_EDITOR, tree.committee)
    client.login(username="bientap", password="mat-khau-dai-123")
    return made


def test_public_pages_keep_the_strict_policy(client: Client, make_article: MakeArticle) -> None:
    article = make_article("Hội nghị tổng kết năm 2021")
    for path in ("/", article.url, "/tim-kiem/?q=hoi+nghi", "/rss/"):
        header = client.get(path)["Content-Security-Policy"]
        assert _directives(header) >= STRICT, path
        assert "unsafe" not in header, path


def test_the_admin_policy_allows_inline_code_but_no_other_origin(
    client: Client, article: ArticlePage
) -> None:
    for path in ("/cms/", f"/cms/pages/{article.pk}/edit/", "/cms/images/"):
        response = client.get(path)
        directives = _directives(response["Content-Security-Policy"])
        assert {"script-src 'self' 'unsafe-inline'", "style-src 'self' 'unsafe-inline'",
                "default-src 'self'", "object-src 'none'", "frame-ancestors 'none'",
                "connect-src 'self'", "img-src 'self' data:"} <= directives  # fmt: skip
        # What the page loads (scripts, images, styles) comes from this server: no Gravatar,
        # no CDN. Links to Wagtail's documentation are only followed if clicked.
        html = response.content.decode()
        loaded = re.findall(r"""(?:src|srcset)=["']((?:https?:)?//[^"']+)""", html)
        loaded += re.findall(r"""<link[^>]*href=["']((?:https?:)?//[^"']+)""", html)
        assert loaded == [] and "gravatar" not in html.lower(), path


def test_the_admin_links_to_no_guide_on_wagtail_org(client: Client, article: ArticlePage) -> None:
    for path in ("/cms/", f"/cms/pages/{article.pk}/edit/"):
        html = client.get(path).content.decode()
        # The sidebar's menus are JSON in the page: its addresses are escaped there.
        assert "guide.wagtail.org" not in html.replace("\\/", "/"), path
