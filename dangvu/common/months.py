"""Calendar months, as the rules count them: ages in months (tuổi tính theo tháng),
periods of months from a date, and how a number of months reads in a sentence."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.utils.translation import ngettext

from dangvu.common.dates import outside_rules


def add_months(start: dt.date, months: int) -> dt.date:
    """START moved by MONTHS calendar months; a day the month lacks (31/4, 29/2) becomes
    its last day, so 12 months from 29/02/2024 is 28/02/2025."""
    try:
        result: dt.date = start + relativedelta(months=months)
    except ValueError:  # past year 9999 or before year 1
        raise outside_rules(start, dt.date.min, dt.date.max) from None
    return result


def age_in_months(birth_date: dt.date, on: dt.date) -> int:
    """Completed months of age on ON, for ON on or after BIRTH_DATE."""
    difference = relativedelta(on, birth_date)
    return int(difference.years * 12 + difference.months)


def months_text(months: int) -> str:
    """A number of months as a sentence says it: whole years in years ("1 năm"),
    otherwise in months ("3 tháng", "18 tháng")."""
    if months and months % 12 == 0:
        years = months // 12
        return ngettext("%(years)s năm", "%(years)s năm", years) % {"years": years}
    return ngettext("%(months)s tháng", "%(months)s tháng", months) % {"months": months}
