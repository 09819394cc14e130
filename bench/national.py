"""A registry of national size for the benchmarks, written straight into the tables.

The demo goes through the services (audited, numbered, checked) and builds 8,600 members in
minutes; a million that way would take hours. This writes the rows the list pages and the
figures read: a central committee over 63 provincial ones, TCCSĐ of about 112 members (5.6
million members in some 50,000 TCCSĐ, the national ratio) with their cells, members with
Vietnamese names, ICU sort keys and dated memberships, and two histories that every as-of
query has to see through:
- on 1/7/2025 the 63 provinces become 34: the TCCSĐ of the 29 merged ones, and their cells,
  get a new version under their new province (new path), the old provinces are dissolved;
- a tenth of the members moved cells once, and 3% have left the registry.

PostgreSQL takes the rows through COPY, SQLite through executemany. Ids are given, so the
sequences are moved past them at the end. Use a fresh database: nothing is audited.
"""

import datetime as dt
import random
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Model

from dangvu.common import clock
from dangvu.common.text import fold, person_sort_key
from dangvu.demo.names import random_name
from dangvu.members.models import Member
from dangvu.organizations.models import Membership, OrgKind, OrgUnit, OrgVersion, Sector
from dangvu.stats.cell_counts import forget_counts
from dangvu.stats.triggers import MARKS_OFF

PROVINCES = 63
PROVINCES_AFTER_MERGER = 34
MERGER = dt.date(2025, 7, 1)
FOUNDED = dt.date(1990, 1, 1)
MEMBERS_PER_GRASSROOTS = 112
CELL_SIZE = 28
SECTORS = [choice.value for choice in Sector]


@dataclass(frozen=True)
class NationalSummary:
    organizations: int
    grassroots: int
    members: int
    memberships: int


@dataclass
class _Org:
    id: int
    code: str
    name: str
    kind: str
    sector: str
    parent: "_Org | None"
    dissolved: dt.date | None = None
    # A province dissolved in the merger: the one its organizations move to.
    successor: "_Org | None" = None

    def parent_on(self, after_merger: bool) -> "_Org | None":
        parent = self.parent
        if after_merger and parent is not None and parent.successor is not None:
            return parent.successor
        return parent

    def path(self, after_merger: bool = False) -> str:
        parent = self.parent_on(after_merger)
        prefix = parent.path(after_merger) if parent is not None else "/"
        return f"{prefix}{self.id}/"


def _tree(members: int, rng: random.Random) -> tuple[list[_Org], list[tuple[_Org, int]]]:
    """The organizations, and the cells that hold members with their sizes."""
    ids = iter(range(1, 10**9))
    root = _Org(
        next(ids),
        "TW",
        "Đảng bộ Trung ương (dữ liệu đo)",
        OrgKind.UPPER_COMMITTEE,
        Sector.PARTY_MASS,
        None,
    )
    provinces = [
        _Org(
            next(ids),
            f"T{n:02d}",
            f"Đảng bộ tỉnh số {n:02d}",
            OrgKind.UPPER_COMMITTEE,
            Sector.PARTY_MASS,
            root,
        )
        for n in range(1, PROVINCES + 1)
    ]
    for index, province in enumerate(provinces[PROVINCES_AFTER_MERGER:]):
        province.dissolved = MERGER
        province.successor = provinces[index % PROVINCES_AFTER_MERGER]
    orgs: list[_Org] = [root, *provinces]
    cells: list[tuple[_Org, int]] = []
    placed = 0
    while placed < members:
        number = len(cells)
        province = provinces[number % PROVINCES]
        size = min(members - placed, max(3, round(rng.gauss(MEMBERS_PER_GRASSROOTS, 40))))
        sector = rng.choice(SECTORS)
        code = f"{province.code}-{len(orgs):07d}"
        if size <= CELL_SIZE + 5:
            grassroots = _Org(
                next(ids),
                code,
                f"Chi bộ cơ sở {len(orgs)}",
                OrgKind.GRASSROOTS_CELL,
                sector,
                province,
            )
            orgs.append(grassroots)
            cells.append((grassroots, size))
        else:
            grassroots = _Org(
                next(ids),
                code,
                f"Đảng bộ cơ sở {len(orgs)}",
                OrgKind.GRASSROOTS_COMMITTEE,
                sector,
                province,
            )
            orgs.append(grassroots)
            for part, start in enumerate(range(0, size, CELL_SIZE), 1):
                cell = _Org(
                    next(ids), f"{code}-{part}", f"Chi bộ {part}", OrgKind.CELL, sector, grassroots
                )
                orgs.append(cell)
                cells.append((cell, min(CELL_SIZE, size - start)))
        placed += size
    return orgs, cells


def _org_rows(orgs: list[_Org], now: dt.datetime) -> tuple[list[dict[str, Any]], ...]:
    units, versions = [], []
    for org in orgs:
        units.append(
            {
                "id": org.id,
                "code": org.code,
                "sector": org.sector,
                "established_date": FOUNDED,
                "dissolved_date": org.dissolved,
                "created_at": now,
                "updated_at": now,
            }
        )
        version = {
            "org_id": org.id,
            "valid_from": FOUNDED,
            "valid_to": org.dissolved,
            "name": org.name,
            "kind": org.kind,
            "path": org.path(),
            "parent_id": org.parent.id if org.parent else None,
            "depth": org.path().count("/") - 2,
            "search_text": fold(org.name),
        }
        if org.dissolved is None and org.path(True) != org.path():
            version["valid_to"] = MERGER
            parent = org.parent_on(True)
            versions.append(
                {
                    **version,
                    "valid_from": MERGER,
                    "valid_to": None,
                    "path": org.path(True),
                    "parent_id": parent.id if parent else None,
                }
            )
        versions.append(version)
    for number, version in enumerate(versions, 1):
        version["id"] = number
    return units, versions


def _people(
    cells: list[tuple[_Org, int]], today: dt.date, rng: random.Random, now: dt.datetime
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    keys: dict[str, bytes] = {}
    serial = 0
    for cell, size in cells:
        for _ in range(size):
            serial += 1
            gender = "F" if rng.random() < 0.37 else "M"
            name = random_name(rng, gender).full
            if name not in keys:
                keys[name] = person_sort_key(name)
            birth = dt.date(rng.randint(1945, 2004), rng.randint(1, 12), rng.randint(1, 28))
            admitted = min(today, birth.replace(year=birth.year + rng.randint(18, 40)))
            official = admitted.replace(year=admitted.year + 1, day=min(admitted.day, 28))
            member = {
                "id": serial,
                "full_name": name,
                "gender": gender,
                "birth_date": birth,
                "national_id": f"0{serial:011d}",
                "admission_date": admitted,
                "official_date": official if official <= today else None,
                "search_text": fold(name),
                "sort_key": keys[name],
                "created_at": now,
                "updated_at": now,
            }
            joined = max(admitted, FOUNDED)
            periods = [
                {
                    "member_id": serial,
                    "org_id": cell.id,
                    "valid_from": joined,
                    "valid_to": None,
                    "start": Membership.Start.REGISTERED,
                }
            ]
            chance = rng.random()
            days = (today - joined).days
            if chance < 0.10 and days > 60:
                moved = joined + dt.timedelta(days=rng.randint(30, days - 1))
                source = rng.choice(cells)[0]
                periods = [
                    {**periods[0], "org_id": source.id, "valid_to": moved},
                    {**periods[0], "valid_from": moved, "start": Membership.Start.TRANSFER},
                ]
            elif chance < 0.13 and days > 60:
                left = joined + dt.timedelta(days=rng.randint(30, days - 1))
                member.update(exit_date=left, exit_reason="DIED", state="EXITED")
                periods[0]["valid_to"] = left
            yield member, periods


def _writer(model: type[Model], rows: Iterable[dict[str, Any]]) -> int:
    """Write ROWS into MODEL's table: the columns each row names, every other column its
    field's default. Returns the number of rows."""
    fields = [field for field in model._meta.concrete_fields]
    table = model._meta.db_table
    columns = [field.column for field in fields]
    defaults = {
        field.attname: field.get_db_prep_save(field.get_default(), connection)
        for field in fields
        if not field.primary_key
    }
    defaults["id"] = None
    count = 0

    def values(row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(row.get(field.attname, defaults[field.attname]) for field in fields)

    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(values(row))
                    count += 1
        else:
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"
            chunk: list[tuple[Any, ...]] = []
            for row in rows:
                chunk.append(values(row))
                if len(chunk) == 10_000:
                    cursor.executemany(sql, chunk)
                    count, chunk = count + len(chunk), []
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


@contextmanager
def _marks_off() -> Iterator[None]:
    """PostgreSQL: no mark of changed figures for each of millions of rows (`stats.triggers`)
    while the rows are written; `forget_counts` drops what was counted before. SQLite's
    triggers have no switch, and `forget_counts` drops their marks."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET {MARKS_OFF} = 'on'")
        try:
            yield
        finally:
            cursor.execute(f"RESET {MARKS_OFF}")


def _move_sequences(models: Iterable[type[Model]]) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )


def national_build(members: int, *, today: dt.date, seed: int = 2025) -> NationalSummary:
    """Write a registry of MEMBERS members as of TODAY into the (empty) party tables."""
    rng = random.Random(seed)
    now = clock.now()
    orgs, cells = _tree(members, rng)
    units, versions = _org_rows(orgs, now)
    _writer(OrgUnit, units)
    _writer(OrgVersion, versions)
    periods: list[dict[str, Any]] = []

    def member_rows() -> Iterator[dict[str, Any]]:
        for member, rows in _people(cells, today, rng, now):
            periods.extend(rows)
            yield member

    with _marks_off():
        written = _writer(Member, member_rows())
        _writer(Membership, ({**row, "id": number} for number, row in enumerate(periods, 1)))
    forget_counts()
    _move_sequences((OrgUnit, OrgVersion, Member, Membership))
    # As autovacuum would soon after a bulk load: the planner's statistics and, on
    # PostgreSQL, the visibility map an index-only walk needs (the list's search).
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    grassroots = sum(
        org.kind in (OrgKind.GRASSROOTS_CELL, OrgKind.GRASSROOTS_COMMITTEE) for org in orgs
    )
    return NationalSummary(len(orgs), grassroots, written, len(periods))
