"""The public portal as a reader gets it: date lines, the home page's blocks, search
without accents, RSS, the sitemap, and pages that stay right after publishing."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document

from dangvu.portal.models import LinkedWebsite
from dangvu.portal.tests.conftest import MakeArticle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    caches["portal"].clear()


def test_an_article_shows_its_vietnamese_date_line_above_the_title(
    client: Client, make_article: MakeArticle
) -> None:
    article = make_article("Hội nghị tổng kết năm 2021", date=dt.date(2022, 2, 28))

    page = client.get(article.url).content.decode()

    assert page.index("Thứ 2, Ngày 28/02/2022") < page.index("<h1>Hội nghị tổng kết năm 2021")


def test_the_home_page_has_the_news_media_and_links_blocks(
    client: Client, make_article: MakeArticle
) -> None:
    make_article("Đại hội chi bộ Sở Tài chính")
    LinkedWebsite.objects.create(name="Báo điện tử Đảng Cộng sản Việt Nam",
                                 url="https://dangcongsan.vn")  # fmt: skip

    page = client.get("/").content.decode()

    for block in ("Tin mới", "Video hoạt động", "Hình ảnh hoạt động", "Website liên kết"):
        assert block in page
    assert "Đại hội chi bộ Sở Tài chính" in page
    assert 'href="https://dangcongsan.vn"' in page
    assert "Thứ 5, Ngày 26/11/2026" in page  # today, in the frozen clock of the tests


@pytest.mark.parametrize("query", ["dai hoi", "ĐẠI HỘI", "Đại hội", "dai  HOI chi bo"])
def test_search_ignores_accents_and_case(
    client: Client, make_article: MakeArticle, query: str
) -> None:
    make_article("Đại hội chi bộ Sở Tài chính")
    make_article("Trao Huy hiệu Đảng")

    page = client.get("/tim-kiem/", {"q": query}).content.decode()

    assert "Đại hội chi bộ Sở Tài chính" in page
    assert "Trao Huy hiệu Đảng" not in page


def test_search_finds_words_of_the_body_but_never_a_draft(
    client: Client, make_article: MakeArticle
) -> None:
    make_article("Tin đã đăng", body="Kết nạp đảng viên mới")
    make_article("Tin chưa đăng", body="Kết nạp quần chúng ưu tú", publish=False)

    page = client.get("/tim-kiem/", {"q": "ket nap"}).content.decode()

    assert "Tin đã đăng" in page
    assert "Tin chưa đăng" not in page


def test_a_drafts_text_stays_out_of_the_search_until_it_is_published(
    client: Client, make_article: MakeArticle
) -> None:
    article = make_article("Tin đã đăng", body="Nội dung cũ")
    article.body = [("paragraph", "<p>Nội dung bản nháp bí mật</p>")]
    article.save_revision()

    assert "Tin đã đăng" not in client.get("/tim-kiem/", {"q": "bi mat"}).content.decode()
    article.get_latest_revision().publish()
    assert "Tin đã đăng" in client.get("/tim-kiem/", {"q": "bi mat"}).content.decode()


def test_the_rss_feed_lists_the_latest_articles(client: Client, make_article: MakeArticle) -> None:
    make_article("Hội nghị tổng kết năm 2021")
    make_article("Tin chưa đăng", publish=False)

    feed = client.get("/rss/")

    assert feed["Content-Type"].startswith("application/rss+xml")
    assert "<title>Hội nghị tổng kết năm 2021</title>" in feed.content.decode()
    assert "Tin chưa đăng" not in feed.content.decode()


def test_the_sitemap_lists_the_live_pages(client: Client, make_article: MakeArticle) -> None:
    article = make_article("Hội nghị tổng kết năm 2021")

    assert article.url in client.get("/sitemap.xml").content.decode()


def test_a_cached_page_changes_when_an_article_is_published(
    client: Client, make_article: MakeArticle
) -> None:
    make_article("Tin thứ nhất")
    assert "Tin thứ nhất" in client.get("/").content.decode()

    make_article("Tin thứ hai")

    assert "Tin thứ hai" in client.get("/").content.decode()


@pytest.mark.parametrize(
    "address",
    ["/tin-hoat-dong/?trang=abc", "/tin-hoat-dong/?trang=99999999999999999999",
     "/tim-kiem/?q=" + "x" * 5000, "/tim-kiem/?q=%25%5F%27", "/khong-co-trang-nay/"],
)  # fmt: skip
def test_hostile_addresses_get_a_page_not_an_error(
    client: Client, make_article: MakeArticle, address: str
) -> None:
    make_article("Tin thứ nhất")

    assert client.get(address).status_code in (200, 404)


@pytest.mark.parametrize(
    ("day", "refused"),
    [(dt.date(9999, 12, 31), True), (dt.date(1900, 1, 1), True), (dt.date(2022, 2, 28), False),
     (dt.date(2027, 1, 15), False)],
)  # fmt: skip
def test_an_articles_date_follows_the_date_policy(
    make_article: MakeArticle, day: dt.date, refused: bool
) -> None:
    article = make_article("Tin thứ nhất")
    article.date = day

    if refused:
        with pytest.raises(ValidationError, match="Ngày đăng"):
            article.full_clean()
    else:
        article.full_clean()


def test_a_video_is_served_by_the_portal_itself(client: Client) -> None:
    video = Document.objects.create(
        title="Hội nghị", file=ContentFile(b"\x1aE\xdf\xa3" + bytes(60), name="hoi-nghi.webm")
    )

    response = client.get(video.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "video/webm"
    assert response.getvalue()[:4] == b"\x1aE\xdf\xa3"
