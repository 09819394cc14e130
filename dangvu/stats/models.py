"""The roll's figures per cell and day, kept so that the tree, the dashboard and
`dangvu stats` read a row per organization instead of every membership of the day.

A day's rows are counted in full the first time the day is asked for (`CountedDay`); every
change since reaches them through `DirtyCell`, which database triggers fill on any write to
a membership or to the member fields the figures read (`stats/triggers.py`): services,
imports, reverts and bulk loads alike. The next reader recounts those cells for every
counted day before it reads (`stats/cell_counts.py`).
"""

from django.db import models

from dangvu.organizations.models import OrgUnit


class CountedDay(models.Model):
    """A day whose figures `CellCount` holds for every cell. The oldest counted are dropped
    past `settings.STATS_COUNTED_DAYS`."""

    day = models.DateField(unique=True)

    def __str__(self) -> str:
        return self.day.isoformat()


class CellCount(models.Model):
    """One cell's members on the roll on a counted day, and its admissions of that day's
    year up to the day. A cell without any is not stored."""

    day = models.ForeignKey(CountedDay, on_delete=models.CASCADE, related_name="cells")
    # No foreign key in the database: a cell's rows go with its day, and the tree's
    # organizations are never deleted while members name them (Membership.org: PROTECT).
    org = models.ForeignKey(
        OrgUnit, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    official = models.IntegerField()
    probationary = models.IntegerField()
    men = models.IntegerField()
    women = models.IntegerField()
    # Members per band of `members.rules.AGE_BANDS`, in its order.
    age_bands = models.JSONField()
    # Members the cell admitted from 1 January of the day's year to the day.
    admitted = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "org"], name="one_count_per_cell_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.org_id}@{self.day_id}"


class DirtyCell(models.Model):
    """A cell whose figures may have changed since its counted days were counted: a row per
    write, made by the triggers, removed by the reader that recounts the cell."""

    org_id = models.BigIntegerField()

    def __str__(self) -> str:
        return str(self.org_id)
