"""The portal's root: its home page and the default Wagtail site serving it."""

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from dangvu.portal.models import HomePage


@transaction.atomic
def home_page() -> HomePage:
    """The home page, made (with the default site, and the root collection its images go
    to) where it is missing: migrations make them on a new database; a flushed one (the
    browser tests') has none."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = HomePage.objects.first()
    if home is None:
        language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        Locale.objects.get_or_create(language_code=language)
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = HomePage(title="Trang chủ", slug="home")
        root.add_child(instance=home)
        home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home
