"""Today and now, from one place.

The tests freeze this clock for every test (the root conftest's `frozen_clock`), and
`make test-another-year` runs the suite on a machine whose calendar says another year, so
nothing may read the machine's date any other way (ruff's banned-api rule enforces it).
"""

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    """Today in the product's time zone (Asia/Ho_Chi_Minh), not the server's."""
    return timezone.localdate()


def now() -> dt.datetime:
    return timezone.now()
