"""Checks made on every request before the session, the user and the views see it."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

NUL = "\x00"


class NulFreeRequestMiddleware:
    """PostgreSQL text cannot hold NUL (U+0000): a lookup with one fails deep in the driver.
    A path or query string with one is answered with the 400 page and the reason; a cookie
    with one is dropped, as if absent (a session cookie with one would fail every page).
    Form values are the forms' business: their text policy names the field.

    It runs before the session and the user exist, so its page is rendered without the
    context processors."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.COOKIES = {
            name: value
            for name, value in request.COOKIES.items()
            if NUL not in name and NUL not in value
        }
        query = (text for key, values in request.GET.lists() for text in (key, *values))
        if NUL in request.path_info or any(NUL in text for text in query):
            message = _(
                "Đường dẫn hoặc tham số của yêu cầu chứa ký tự NUL (U+0000), không dùng được; "
                "hãy kiểm tra lại đường dẫn."
            )
            page = render_to_string("400.html", {"message": message, "request": request})
            return HttpResponseBadRequest(page)
        return self.get_response(request)
