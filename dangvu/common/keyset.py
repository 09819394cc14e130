"""Keyset pages of a list ordered by (sort key, id), with a capped count.

OFFSET paging reads and drops every row before the page, and an exact count scans every
match, on every page: at a million members both grow with the list. A keyset page starts
from the row named in the link (`after` or `before`, a primary key) and reads one page of
the index; the count stops at its limit (COUNT_LIMIT unless the caller says otherwise) and
the page then says "hơn 10.000".
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db.models import Model, Q, QuerySet

from dangvu.common.ids import as_id

COUNT_LIMIT = 10_000
PER_PAGE = 50
# The page number is only shown ("Trang 3"): links carry it, nothing is read by it.
MAX_PAGE_NUMBER = 1_000_000

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class KeysetPage(Generic[M]):
    object_list: list[M]
    number: int
    per_page: int
    # The number of matches, or the count's limit when there are more (`count_capped`).
    count: int
    count_capped: bool
    next_after: int | None
    previous_before: int | None

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0

    @property
    def has_other_pages(self) -> bool:
        return self.next_after is not None or self.previous_before is not None


def _page_number(text: str | None) -> int:
    number = as_id(text)
    return number if number is not None and number <= MAX_PAGE_NUMBER else 1


def _first(window: QuerySet[M], per_page: int) -> tuple[list[M], bool]:
    """The first PER_PAGE rows of WINDOW, and whether more follow: their ids first, then
    the rows. A filter on a column the order's index includes (the members' folded name,
    on PostgreSQL) is then tested in the index, and only the page's rows are read."""
    ids = list(window.values_list("pk", flat=True)[: per_page + 1])
    found = list(window.filter(pk__in=ids)) if ids else []
    return found[:per_page], len(found) > per_page


def _page(
    rows: QuerySet[M],
    found: list[M],
    number: int,
    *,
    per_page: int,
    count_limit: int,
    previous: bool,
    following: bool,
) -> KeysetPage[M]:
    count = rows.order_by().values("pk")[: count_limit + 1].count()
    return KeysetPage(
        object_list=found,
        number=number,
        per_page=per_page,
        count=min(count, count_limit),
        count_capped=count > count_limit,
        next_after=found[-1].pk if following else None,
        previous_before=found[0].pk if previous else None,
    )


def keyset_page(
    rows: QuerySet[M],
    params: Mapping[str, str],
    *,
    key: str,
    per_page: int = PER_PAGE,
    count_limit: int = COUNT_LIMIT,
) -> KeysetPage[M]:
    """The page of ROWS (ordered by KEY, then id) that PARAMS ask for: `after=ID` the rows
    after that row, `before=ID` the rows before it, neither the first page; `n` the page
    number shown. A cursor that is not a row of ROWS (gone, out of scope, hostile), or past
    either end, gives the first page, so a stale link still answers. Four queries: the
    cursor's key, the page's ids and rows, the capped count."""
    after, before = as_id(params.get("after")), as_id(params.get("before"))
    number = _page_number(params.get("n"))
    cursor_id = before or after
    cursor = rows.filter(pk=cursor_id).values_list(key, flat=True).first() if cursor_id else None
    if cursor is not None and before:
        earlier = rows.filter(**{f"{key}__lte": cursor}).exclude(Q(**{key: cursor}, pk__gte=before))
        found, more = _first(earlier.order_by(f"-{key}", "-pk"), per_page)
        if found:
            found.reverse()
            return _page(
                rows,
                found,
                max(number, 2) if more else 1,
                per_page=per_page,
                count_limit=count_limit,
                previous=more,
                following=True,
            )
    elif cursor is not None:
        later = rows.filter(**{f"{key}__gte": cursor}).exclude(Q(**{key: cursor}, pk__lte=after))
        found, more = _first(later, per_page)
        if found:
            return _page(
                rows,
                found,
                max(number, 2),
                per_page=per_page,
                count_limit=count_limit,
                previous=True,
                following=more,
            )
    found, more = _first(rows, per_page)
    return _page(
        rows, found, 1, per_page=per_page, count_limit=count_limit, previous=False, following=more
    )
