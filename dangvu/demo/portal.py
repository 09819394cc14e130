"""The portal's demo content, written for the demo (copied from no real site): the four
categories, articles (the 14/01/2022 year-end conference reported on 28/02/2022 among
them), two photo albums of drawn pictures, one short video, the linked websites."""

import datetime as dt
import io
import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from dangvu.common.text import fold
from dangvu.portal.models import (
    AlbumPage,
    AlbumPhoto,
    ArticlePage,
    CategoryPage,
    LinkedWebsite,
    MediaIndexPage,
    VideoPage,
)
from dangvu.portal.site import home_page

VIDEO = Path(__file__).parent / "data" / "hoi-nghi-tong-ket-2021.webm"

CATEGORIES = [
    ("tin-hoat-dong", "Tin hoạt động"),
    ("xay-dung-dang", "Xây dựng Đảng"),
    ("kiem-tra-giam-sat", "Kiểm tra – Giám sát"),
    ("van-ban", "Văn bản"),
]

# The articles and albums, as editors would write them: data, not code (their dates and
# occasions are news, not rules).
CONTENT = json.loads((Path(__file__).parent / "data" / "portal.json").read_text("utf-8"))

LINKS = [
    ("Báo điện tử Đảng Cộng sản Việt Nam", "https://dangcongsan.vn"),
    ("Tạp chí Cộng sản", "https://www.tapchicongsan.org.vn"),
    ("Cổng thông tin điện tử tỉnh Thanh Hóa", "https://thanhhoa.gov.vn"),
    ("Báo Thanh Hóa", "https://baothanhhoa.vn"),
]

COLOURS = ["#b71c1c", "#8e1515", "#6c4a00", "#1b5e20", "#0d47a1"]


def _picture(title: str, number: int) -> Image:
    """A drawn picture (the demo has no photographs): a coloured field and its caption."""
    picture = PillowImage.new("RGB", (960, 640), COLOURS[number % len(COLOURS)])
    draw = ImageDraw.Draw(picture)
    draw.rectangle((60, 60, 900, 580), outline="#ffd600", width=8)
    draw.text((100, 280), f"{title} ({number + 1})", fill="#ffffff")
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=80)
    file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"demo-{number}.jpg")
    return Image.objects.create(title=f"{title} ({number + 1})", file=file)


def _publish(parent: Page, page: Page, published: dt.date) -> Page:
    page.slug = page.slug or slugify(fold(page.title))
    parent.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()
    when = dt.datetime.combine(published, dt.time(8, 0), tzinfo=dt.UTC)
    Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    return page


def demo_portal() -> None:
    home = home_page()
    categories = {}
    for slug, title in CATEGORIES:
        categories[slug] = _publish(home, CategoryPage(title=title, slug=slug, show_in_menus=True),
                                    dt.date(2021, 1, 4))  # fmt: skip
    for number, item in enumerate(CONTENT["articles"]):
        title, date = item["title"], dt.date.fromisoformat(item["date"])
        body: list[tuple[str, object]] = [
            ("paragraph", f"<p>{text}</p>") for text in item["paragraphs"]
        ]
        body.insert(1, ("image", {"image": _picture(title, number),
                                  "caption": f"{title} (ảnh minh họa)"}))  # fmt: skip
        article = ArticlePage(title=title, summary=item["summary"], date=date,
                              featured=item["featured"], body=body,
                              cover=_picture(title, number + 1))  # fmt: skip
        _publish(categories[item["category"]], article, date)
    photos = MediaIndexPage(title="Hình ảnh hoạt động", slug="hinh-anh", show_in_menus=True)
    _publish(home, photos, dt.date(2021, 1, 4))
    for item in CONTENT["albums"]:
        title, date = item["title"], dt.date.fromisoformat(item["date"])
        album = AlbumPage(title=title, slug=item["slug"], date=date,
                          description=f"{title} (ảnh minh họa của bản demo).")  # fmt: skip
        album.photos = [
            AlbumPhoto(image=_picture(title, n), caption=f"{title}: ảnh {n + 1}")
            for n in range(item["photos"])
        ]
        _publish(photos, album, date)
    videos = MediaIndexPage(title="Video hoạt động", slug="video", show_in_menus=True)
    _publish(home, videos, dt.date(2021, 1, 4))
    video = Document.objects.create(
        title="Hội nghị tổng kết năm 2021",
        file=ContentFile(VIDEO.read_bytes(), name="hoi-nghi-tong-ket-2021.webm"),
    )
    _publish(videos, VideoPage(title="Hội nghị tổng kết năm 2021", slug="hoi-nghi-tong-ket-2021",
                               date=dt.date(2022, 1, 14), video=video,
                               poster=_picture("Hội nghị tổng kết năm 2021", 9)),
             dt.date(2022, 1, 20))  # fmt: skip
    LinkedWebsite.objects.bulk_create(
        LinkedWebsite(name=name, url=url, sort_order=n) for n, (name, url) in enumerate(LINKS)
    )


def demo_portal_reset() -> None:
    """Remove the portal's content, keeping its home page."""
    for child in home_page().get_children():
        child.delete()
    LinkedWebsite.objects.all().delete()
    Image.objects.all().delete()
    Document.objects.all().delete()
