"""Which list a deadline shows in: due today is not overdue yet, the day after it is."""

import datetime as dt

import pytest

from dangvu.members.deadlines import DueItem, due_bucket

D = dt.date
TODAY = D(2026, 3, 10)


@pytest.mark.parametrize(
    ("due", "bucket", "label"),
    [
        (D(2026, 3, 9), "OVERDUE", "Quá hạn"),
        (TODAY, "WEEK", "Trong 7 ngày"),
        (D(2026, 3, 17), "WEEK", "Trong 7 ngày"),
        (D(2026, 3, 18), "MONTH", "Trong 30 ngày"),
        (D(2026, 4, 9), "MONTH", "Trong 30 ngày"),
        (D(2026, 4, 10), None, None),
    ],
)
def test_a_deadline_is_overdue_from_the_day_after_it(
    due: D, bucket: str | None, label: str
) -> None:
    assert due_bucket(due, TODAY) == bucket
    if bucket is not None:
        assert DueItem("CEREMONY", due, "Hoàng Thị Mới", "/", bucket).bucket_label == label
