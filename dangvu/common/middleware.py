"""Checks made on every request before the session, the user and the views see it."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from dangvu.common.numbers import grouped
from dangvu.common.uploads import MB, largest_upload_mb

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


class UploadSizeMiddleware:
    """A request body larger than every upload limit (plus 1 MB for the other fields) is
    answered 413 with the limit, before Django spools a byte of it to disk. Django reads no
    body without a Content-Length, so the header is the whole check."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads such a body as empty
        limit = largest_upload_mb(request.path_info)
        if length > (limit + 1) * MB:
            message = _(
                "Yêu cầu gửi lên %(size)s MB, quá giới hạn %(limit)s MB của một tệp tải lên; "
                "hãy chia nhỏ tệp."
            ) % {"size": grouped(-(-length // MB)), "limit": grouped(limit)}
            page = render_to_string("400.html", {"message": message, "request": request})
            return HttpResponse(page, status=413)
        return self.get_response(request)
