"""The per-cell figures of a day (`CellCount`), counted once and then kept up to date.

A reader asks for days with `counted_days`. Cells the triggers marked since (`DirtyCell`)
are first recounted for every counted day, then a day not yet counted is counted whole:
one GROUP BY of its memberships, as the figures were made before they were kept. Readers
then read a row per cell. Both steps run under one lock, so a reader never reads a day
while another is half-way through recounting it.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Max, Q

from dangvu.common.bulk import insert_rows
from dangvu.members.facts import on_roll
from dangvu.members.models import Gender
from dangvu.members.rules import AGE_BANDS, birth_date_range
from dangvu.organizations.models import Membership
from dangvu.stats.models import CellCount, CountedDay, DirtyCell

R = TypeVar("R")

# Past this many changed cells (an import, a restructuring), the counted days are dropped
# and each is counted whole when next asked for: one GROUP BY of the day costs less than
# recounting thousands of cells named one by one.
RECOUNT_LIMIT = 1000

# The membership that held on the admission day: the cell that admitted the member.
AT_ADMISSION = Q(valid_from__lte=F("member__admission_date")) & (
    Q(valid_to__isnull=True) | Q(valid_to__gt=F("member__admission_date"))
)


def _in_band(index: int, on: dt.date) -> Q:
    """Members whose age on ON falls in AGE_BANDS[INDEX]."""
    earliest, latest = birth_date_range(AGE_BANDS[index][0], on)
    born = Q(member__birth_date__lte=latest)
    if earliest is not None:
        born &= Q(member__birth_date__gt=earliest)
    return born


def _figures(on: dt.date, org_ids: set[int] | None) -> list[dict[str, Any]]:
    """The rows of `CellCount` for ON, of every cell or of ORG_IDS: two GROUP BYs."""
    roll = Membership.objects.as_of(on).filter(on_roll(on, prefix="member__"))
    admissions = Membership.objects.filter(
        AT_ADMISSION,
        member__admission_date__gte=dt.date(on.year, 1, 1),
        member__admission_date__lte=on,
    )
    if org_ids is not None:
        roll, admissions = roll.filter(org_id__in=org_ids), admissions.filter(org_id__in=org_ids)
    # Band 0 also takes whoever falls in no band (younger than 18, an unknown birth date),
    # as the charts always counted them.
    bands = {f"band_{i}": Count("id", filter=_in_band(i, on)) for i in range(1, len(AGE_BANDS))}
    rows: dict[int, dict[str, Any]] = {}
    for row in (
        roll.values("org_id")
        .annotate(
            n=Count("id"),
            official=Count("id", filter=Q(member__official_date__lte=on)),
            men=Count("id", filter=Q(member__gender=Gender.MALE)),
            women=Count("id", filter=Q(member__gender=Gender.FEMALE)),
            **bands,
        )
        .order_by()
    ):
        older = [row[name] for name in bands]
        rows[row["org_id"]] = {
            "org_id": row["org_id"],
            "official": row["official"],
            "probationary": row["n"] - row["official"],
            "men": row["men"],
            "women": row["women"],
            "age_bands": [row["n"] - sum(older), *older],
            "admitted": 0,
        }
    empty = {"official": 0, "probationary": 0, "men": 0, "women": 0,
             "age_bands": [0] * len(AGE_BANDS)}  # fmt: skip
    for org_id, admitted in (
        admissions.values("org_id").annotate(n=Count("id")).values_list("org_id", "n").order_by()
    ):
        rows.setdefault(org_id, {"org_id": org_id, **empty})["admitted"] = admitted
    return list(rows.values())


def _lock() -> None:
    """Serialize the readers that recount. SQLite's IMMEDIATE transactions hold the write
    lock already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('dangvu.stats.cell_counts'))")


def _store(days: Iterable[CountedDay], org_ids: set[int] | None) -> None:
    """Count DAYS (of ORG_IDS' cells, or of every cell) and store their rows: two queries
    a day and one insert."""
    insert_rows(
        CellCount, [{**row, "day_id": day.pk} for day in days for row in _figures(day.day, org_ids)]
    )


def _recount_changed() -> None:
    """Recount, for every counted day, the cells the triggers marked; forget the marks."""
    marks = dict(DirtyCell.objects.values_list("org_id").annotate(last=Max("id")).order_by())
    if not marks:
        return
    changed = set(marks)
    # A mark written by a transaction not yet committed is not seen here, and stays for
    # the next reader, who will see its change.
    DirtyCell.objects.filter(id__lte=max(marks.values())).delete()
    if len(changed) > RECOUNT_LIMIT:
        CountedDay.objects.all().delete()
        return
    days = list(CountedDay.objects.all())
    if days:
        CellCount.objects.filter(org_id__in=changed).delete()
        _store(days, changed)


def _forget_oldest(keep: Iterable[int]) -> None:
    """Drop the oldest counted days past `settings.STATS_COUNTED_DAYS`, never KEEP's."""
    kept = set(keep)
    others = max(settings.STATS_COUNTED_DAYS - len(kept), 0)
    oldest = CountedDay.objects.exclude(id__in=kept).order_by("-id")[others:]
    CountedDay.objects.filter(id__in=list(oldest.values_list("id", flat=True))).delete()


def forget_counts() -> None:
    """Drop every counted day and mark: for a load written past the triggers."""
    CountedDay.objects.all().delete()
    DirtyCell.objects.all().delete()


def counted_days(days: Iterable[dt.date]) -> dict[dt.date, int]:
    """The ids of DAYS' `CountedDay`, each day counted and up to date. Costs two queries
    when nothing changed since the last reader. Read their rows through `read_counted`: a
    day may be dropped by another reader past `STATS_COUNTED_DAYS`."""
    wanted = set(days)
    found = dict(CountedDay.objects.filter(day__in=wanted).values_list("day", "id"))
    if len(found) == len(wanted) and not DirtyCell.objects.exists():
        return found
    with transaction.atomic():
        _lock()
        _recount_changed()
        found = dict(CountedDay.objects.filter(day__in=wanted).values_list("day", "id"))
        new = CountedDay.objects.bulk_create(CountedDay(day=on) for on in wanted - found.keys())
        _store(new, None)
        found.update((day.day, day.pk) for day in new)
        if new:
            _forget_oldest(keep=found.values())
    return found


def read_counted(days: Iterable[dt.date], read: Callable[[dict[dt.date, int]], R]) -> R:
    """What READ makes of DAYS' kept figures, given the days' ids (`counted_days`). If a
    day was dropped while READ ran (another reader counted many days meanwhile), READ ran
    on missing rows: it runs again, under the lock that dropping takes."""
    wanted = set(days)
    ids = counted_days(wanted)
    result = read(ids)
    if CountedDay.objects.filter(id__in=ids.values()).count() == len(ids):
        return result
    with transaction.atomic():
        _lock()
        return read(counted_days(wanted))
