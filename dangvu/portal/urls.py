"""The public portal at "/": search, RSS, the sitemap, the public images' renditions and
the documents (videos); then every other path is a Wagtail page. Wagtail
reverses "wagtail_serve" and "wagtaildocs_serve" itself, so these names carry no
namespace."""

from django.urls import path, re_path
from wagtail.contrib.sitemaps.views import sitemap

from dangvu.common.http import public
from dangvu.portal import views

urlpatterns = [
    path("tim-kiem/", views.search, name="portal_search"),
    path("rss/", views.rss, name="portal_rss"),
    path("sitemap.xml", public(sitemap), name="portal_sitemap"),
    path(
        "tai-lieu/<id:document_id>/<str:document_filename>",
        views.document,
        name="wagtaildocs_serve",
    ),
    re_path(r"^anh/(?P<path>.+)$", views.image, name="portal_image"),
    re_path(r"^((?:[\w\-]+/)*)$", views.serve, name="wagtail_serve"),
]
