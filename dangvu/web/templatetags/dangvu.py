import datetime as dt

from django import template
from django.http import QueryDict

from dangvu.web.dates import long_date

register = template.Library()


@register.filter
def vi_long_date(value: dt.date | None) -> str:
    return long_date(value) if value else ""


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with CHANGES applied, for pagination and filter links."""
    query: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = str(value)
    return query.urlencode()


@register.filter
def dictkey(mapping: dict[object, object], key: object) -> object:
    return mapping.get(key)
