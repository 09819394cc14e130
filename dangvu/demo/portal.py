"""The portal's demo content, written for the demo (copied from no real site): the four
categories, articles (the 14/01/2022 year-end conference reported on 28/02/2022 among
them), two photo albums of drawn pictures, one short video, the linked websites."""

import datetime as dt
import io
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

# (category, date, title, summary, paragraphs, featured)
ARTICLES = [
    (
        "tin-hoat-dong",
        dt.date(2022, 2, 28),
        "Hội nghị tổng kết công tác xây dựng Đảng năm 2021",
        "Ngày 14/01/2022, Đảng ủy Khối tổ chức Hội nghị tổng kết công tác xây dựng Đảng "
        "năm 2021, triển khai nhiệm vụ năm 2022.",
        [
            "Ngày 14/01/2022, Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh tổ chức Hội nghị "
            "tổng kết công tác xây dựng Đảng năm 2021, triển khai phương hướng, nhiệm vụ năm "
            "2022. Dự hội nghị có các đồng chí trong Ban Thường vụ, Ban Chấp hành Đảng bộ Khối "
            "và bí thư các tổ chức cơ sở đảng trực thuộc.",
            "Năm 2021, Đảng bộ Khối có 17 tổ chức cơ sở đảng được xếp loại hoàn thành xuất "
            "sắc nhiệm vụ. Công tác kết nạp đảng viên, kiểm tra, giám sát và thu nộp đảng phí "
            "được thực hiện đúng quy định.",
            "Hội nghị đã khen thưởng các tổ chức cơ sở đảng và đảng viên có thành tích xuất "
            "sắc, và thống nhất các chỉ tiêu, nhiệm vụ trọng tâm năm 2022.",
        ],
        True,
    ),
    (
        "xay-dung-dang",
        dt.date(2022, 5, 19),
        "Trao Huy hiệu Đảng đợt 19/5 cho đảng viên các chi bộ trực thuộc",
        "Nhân kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh, Đảng ủy Khối trao Huy hiệu Đảng cho "
        "các đảng viên đủ tuổi đảng.",
        [
            "Nhân dịp kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh 19/5, Đảng ủy Khối tổ chức trao "
            "Huy hiệu 30, 40 và 50 năm tuổi Đảng cho các đảng viên đủ điều kiện.",
            "Các đảng viên được trao huy hiệu đã phát biểu, bày tỏ niềm vinh dự và hứa tiếp "
            "tục giữ gìn phẩm chất của người đảng viên.",
        ],
        False,
    ),
    (
        "kiem-tra-giam-sat",
        dt.date(2023, 7, 12),
        "Ủy ban Kiểm tra Đảng ủy Khối giám sát chuyên đề tại ba tổ chức cơ sở đảng",
        "Đoàn giám sát làm việc về việc lãnh đạo thực hiện nhiệm vụ chính trị và công tác "
        "thu, nộp, quản lý đảng phí.",
        [
            "Theo chương trình kiểm tra, giám sát năm 2023, Ủy ban Kiểm tra Đảng ủy Khối đã "
            "giám sát chuyên đề tại ba tổ chức cơ sở đảng.",
            "Qua giám sát, các tổ chức cơ sở đảng đã thực hiện cơ bản đúng quy định; đoàn "
            "giám sát đề nghị khắc phục một số hạn chế trong lập sổ sách đảng phí.",
        ],
        False,
    ),
    (
        "van-ban",
        dt.date(2024, 11, 20),
        "Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2024",
        "Đảng ủy Khối hướng dẫn các tổ chức cơ sở đảng tổ chức kiểm điểm, đánh giá, xếp loại "
        "cuối năm 2024.",
        [
            "Thực hiện hướng dẫn của cấp trên, Đảng ủy Khối hướng dẫn các tổ chức cơ sở đảng "
            "tổ chức kiểm điểm tập thể, cá nhân và đánh giá, xếp loại chất lượng năm 2024.",
            "Việc kiểm điểm hoàn thành trước ngày 31/12/2024; kết quả gửi về Ban Tổ chức "
            "Đảng ủy Khối.",
        ],
        False,
    ),
    (
        "tin-hoat-dong",
        dt.date(2025, 2, 26),
        "Bàn giao các tổ chức đảng trực thuộc về các đảng bộ mới",
        "Thực hiện sắp xếp tổ chức bộ máy, Đảng bộ Khối bàn giao các tổ chức cơ sở đảng về "
        "các đảng bộ mới thành lập.",
        [
            "Thực hiện chủ trương sắp xếp, tinh gọn tổ chức bộ máy, các tổ chức cơ sở đảng "
            "trực thuộc Đảng bộ Khối được chuyển về các đảng bộ mới thành lập.",
            "Hồ sơ tổ chức, hồ sơ đảng viên và tài chính đảng được bàn giao đầy đủ.",
        ],
        True,
    ),
    (
        "xay-dung-dang",
        dt.date(2026, 9, 2),
        "Kết nạp đảng viên mới nhân dịp Quốc khánh 2/9",
        "Các chi bộ tổ chức lễ kết nạp đảng viên mới, trong đó có nhiều đoàn viên thanh niên "
        "ưu tú.",
        [
            "Nhân dịp kỷ niệm Quốc khánh 2/9, nhiều chi bộ đã tổ chức lễ kết nạp đảng viên "
            "mới theo đúng quy trình.",
            "Các đảng viên mới được kết nạp là quần chúng ưu tú, đã qua lớp bồi dưỡng nhận "
            "thức về Đảng.",
        ],
        False,
    ),
]

ALBUMS = [
    ("hoi-nghi-tong-ket-2021", dt.date(2022, 1, 14), "Hội nghị tổng kết năm 2021", 4),
    ("trao-huy-hieu-dang-2022", dt.date(2022, 5, 19), "Trao Huy hiệu Đảng đợt 19/5/2022", 3),
]

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
    for number, (slug, date, title, summary, paragraphs, featured) in enumerate(ARTICLES):
        body: list[tuple[str, object]] = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
        body.insert(1, ("image", {"image": _picture(title, number),
                                  "caption": f"{title} (ảnh minh họa)"}))  # fmt: skip
        article = ArticlePage(title=title, summary=summary, date=date, featured=featured,
                              body=body, cover=_picture(title, number + 1))  # fmt: skip
        _publish(categories[slug], article, date)
    photos = MediaIndexPage(title="Hình ảnh hoạt động", slug="hinh-anh", show_in_menus=True)
    _publish(home, photos, dt.date(2021, 1, 4))
    for slug, date, title, count in ALBUMS:
        album = AlbumPage(title=title, slug=slug, date=date,
                          description=f"{title} (ảnh minh họa của bản demo).")  # fmt: skip
        album.photos = [
            AlbumPhoto(image=_picture(title, n), caption=f"{title}: ảnh {n + 1}")
            for n in range(count)
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
