"""The portal's template helpers: the Vietnamese date line and the menu of categories."""

import datetime as dt

from django import template
from django.conf import settings
from django.db.models import QuerySet
from wagtail.models import Page

from dangvu.common.clock import today
from dangvu.common.dates import long_date
from dangvu.portal.models import HomePage

register = template.Library()


@register.filter
def date_line(value: dt.date | None) -> str:
    """ "Thứ 2, Ngày 28/02/2022"; today's when VALUE is empty."""
    return long_date(value or today())


@register.simple_tag
def portal_menu() -> QuerySet[Page]:
    home = HomePage.objects.live().first()
    if home is None:
        return Page.objects.none()
    return home.get_children().live().public().in_menu()


@register.simple_tag
def site_name() -> str:
    return str(settings.WAGTAIL_SITE_NAME)
