import base64
import datetime as dt
from typing import Any

from django import template
from django.forms.utils import flatatt
from django.http import QueryDict
from django.utils.safestring import SafeString

from dangvu.common.audit_display import effective_on
from dangvu.common.dates import Fact, long_date
from dangvu.common.forms import DateField, MonthField, date_input_attrs
from dangvu.common.models import AuditEntry

register = template.Library()


@register.filter
def vi_long_date(value: dt.date | None) -> str:
    return long_date(value) if value else ""


@register.simple_tag
def date_attrs(what: Any) -> SafeString:
    """The attributes of a hand-written date input: WHAT names a `Fact` ("AS_OF") or is a
    form field; a date field's input reads dd/mm/yyyy with the calendar, a month field's
    mm/yyyy."""
    if isinstance(what, MonthField):
        return flatatt({"placeholder": "mm/yyyy"})
    if isinstance(what, DateField):
        return flatatt(date_input_attrs(what.fact))
    if isinstance(what, str):
        return flatatt(date_input_attrs(Fact[what]))
    return SafeString("")


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: object) -> str:
    """The current query string with CHANGES applied (None removes a key), for pagination
    and filter links."""
    query: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = str(value)
    return query.urlencode()


@register.filter
def dictkey(mapping: dict[object, object], key: object) -> object:
    return mapping.get(key)


@register.filter
def b32(value: bytes) -> str:
    """A TOTP secret as authenticator apps expect it to be typed."""
    return base64.b32encode(bytes(value)).decode()


@register.filter
def audit_value(value: object) -> object:
    """A value as the audit trail stored it, for display: a related object by its label."""
    if isinstance(value, dict):
        return value.get("label", "")
    return "—" if value in ("", None) else value


@register.filter
def audit_effective(entry: AuditEntry) -> dt.date | None:
    """The day an audit entry's change took effect, if its facts say (`effective_on`)."""
    return effective_on(entry)
