"""The error pages are the house's, in Vietnamese, with no technical detail."""

from django.test import RequestFactory
from django.views.defaults import server_error


def test_a_server_error_shows_a_vietnamese_page_without_technical_detail() -> None:
    response = server_error(RequestFactory().get("/app/members/"))

    page = response.content.decode()
    assert response.status_code == 500
    assert "Có lỗi xảy ra" in page and "báo cho quản trị hệ thống" in page
    assert "css/dangvu.css" in page
    assert "Traceback" not in page and "Server Error" not in page
