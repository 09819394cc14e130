"""`<month:month>` in a URL: YYYY-MM as the month's first day; a month that does not exist
(2026-13) answers 404 like any unknown path."""

import datetime as dt


class MonthConverter:
    regex = "[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> dt.date:
        try:
            return dt.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise ValueError(value) from None  # the pattern does not match: 404

    def to_url(self, value: dt.date | str) -> str:
        return value if isinstance(value, str) else f"{value:%Y-%m}"
