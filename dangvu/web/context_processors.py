from django.http import HttpRequest
from django.utils import timezone


def today(request: HttpRequest) -> dict[str, object]:
    """Today's date in the committee's time zone, for the page header."""
    return {"today": timezone.localdate()}
