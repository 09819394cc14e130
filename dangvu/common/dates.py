"""Reading and writing dates the Vietnamese way (dd/mm/yyyy; "Thứ 2, Ngày 28/02/2022")."""

import datetime as dt

WEEKDAYS = ("Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "Chủ nhật")


def parse_date(raw: str | None) -> dt.date | None:
    """dd/mm/yyyy as users type it, or yyyy-mm-dd from links and date inputs; None if neither."""
    if not raw:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(raw.strip(), pattern).date()
        except ValueError:
            continue
    return None


def long_date(value: dt.date) -> str:
    """The heading form used on Vietnamese portals: "Thứ 2, Ngày 28/02/2022"."""
    return f"{WEEKDAYS[value.weekday()]}, Ngày {value:%d/%m/%Y}"
