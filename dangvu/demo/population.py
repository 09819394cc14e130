"""The demo's people: plausible members of provincial agencies and enterprises, and what
happens to each of them from 2020 on. Pure Python over plain data; `builder` saves it."""

import datetime as dt
import random
from dataclasses import dataclass, field

from dangvu.common.months import add_months
from dangvu.demo.names import random_name
from dangvu.members.facts import official_date
from dangvu.members.models import ExitReason
from dangvu.members.rules import CCCD_PROVINCE_CODES
from dangvu.members.rulesets import retirement_date
from dangvu.organizations.models import Membership

HISTORY_START = dt.date(2020, 1, 1)

# Shares for provincial agencies and enterprises, after the figures of provincial bloc
# committees (Vĩnh Long 2022, baovinhlong.com.vn: 42 ethnic-minority members in 5,293; 50
# religious).
_ETHNIC = [("01", 955), ("03", 12), ("06", 14), ("02", 5), ("04", 4), ("07", 3), ("08", 3),
           ("09", 2), ("05", 2)]  # fmt: skip
_RELIGION = [("00", 970), ("PG", 16), ("CG", 12), ("TL", 2)]
_PROFESSIONAL = [("BACHELOR", 62), ("MASTER", 16), ("DOCTOR", 2), ("COLLEGE", 6),
                 ("INTERMEDIATE", 9), ("NONE", 5)]  # fmt: skip
_THEORY = [("ELEMENTARY", 40), ("INTERMEDIATE", 34), ("ADVANCED", 12), ("BACHELOR", 1),
           ("NONE", 13)]  # fmt: skip
_LANGUAGE = [("LEVEL_3", 30), ("CERT_B", 28), ("LEVEL_2", 10), ("BACHELOR", 5), ("NONE", 27)]
_IT = [("BASIC", 48), ("CERT_B", 20), ("CERT_A", 10), ("BACHELOR", 4), ("NONE", 18)]
_POSITIONS = [("Chuyên viên", 50), ("Nhân viên", 20), ("Phó Trưởng phòng", 12),
              ("Trưởng phòng", 8), ("Phó Giám đốc", 3), ("Giám đốc", 1), ("Kỹ sư", 6)]  # fmt: skip


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in weighted], [w for _, w in weighted])[0]


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(max(1, (end - start).days)))


@dataclass
class Stay:
    cell: int  # index into the builder's cell list
    start: dt.date
    how: str


@dataclass
class Person:
    values: dict[str, object]
    stays: list[Stay] = field(default_factory=list)
    exit: tuple[dt.date, str] | None = None
    number: int = 0


@dataclass(frozen=True)
class Cell:
    index: int
    grassroots: int  # index of its TCCSĐ
    sector: str
    workplace: str


@dataclass(frozen=True)
class Places:
    """Administrative units to draw from: (province id, ward id) pairs of the home province
    and of elsewhere (scheme before 1/7/2025, as older records were written), and the home
    province's current wards as residence labels."""

    home: list[tuple[int, int]]
    elsewhere: list[tuple[int, int]]
    residences: list[str]


class PopulationBuilder:
    """Draws people and their histories. Each person has an RNG of its own, so adding or
    dropping one does not change the others."""

    def __init__(
        self, seed: int, cells: list[Cell], weights: list[int], places: Places, today: dt.date
    ) -> None:
        self.seed, self.cells, self.weights, self.today = seed, cells, weights, today
        self.places = places
        self.national_ids: set[str] = set()
        self.cells_by_grassroots: dict[int, list[Cell]] = {}
        for cell in cells:
            self.cells_by_grassroots.setdefault(cell.grassroots, []).append(cell)

    def person(self, number: int, cell: Cell, kind: str) -> Person:
        """KIND: "initial" (on the registry on 1/1/2020), "admitted" or "transfer_in"."""
        rng = random.Random(self.seed * 1_000_003 + number)
        gender = "F" if rng.random() < 0.46 else "M"
        if kind == "initial":
            # Nobody on the 2020 roll had retired yet: women retired at 55 then.
            eldest = dt.date(1960, 6, 1) if gender == "M" else dt.date(1965, 1, 1)
            birth = _date_between(rng, eldest, dt.date(1996, 12, 31))
            admitted = _date_between(rng, add_months(birth, 12 * 21), dt.date(2019, 12, 31))
            admitted = max(admitted, add_months(birth, 12 * 18 + 1))
            joined = max(admitted, dt.date(2016, 1, 1) - dt.timedelta(days=rng.randrange(2000)))
            start = Membership.Start.REGISTERED
        else:
            year_start = dt.date(2020, 1, 1) + dt.timedelta(
                days=rng.randrange((self.today - dt.date(2020, 1, 1)).days)
            )
            joined = year_start
            if kind == "admitted":
                birth = add_months(joined, -12 * rng.randint(20, 38) - rng.randrange(12))
                admitted = joined
                start = Membership.Start.ADMITTED
            else:
                birth = add_months(joined, -12 * rng.randint(26, 52) - rng.randrange(12))
                admitted = add_months(birth, 12 * rng.randint(21, 25))
                admitted = min(admitted, add_months(joined, -14))
                start = Membership.Start.TRANSFER_IN
        official = official_date(admitted)
        name = random_name(rng, gender)
        values: dict[str, object] = {
            "full_name": name.full,
            "gender": gender,
            "birth_date": birth,
            "admission_date": admitted,
            "official_date": official if official <= self.today else None,
            "national_id": self._national_id(rng, gender, birth),
            "ethnicity": _pick(rng, _ETHNIC),
            "religion": _pick(rng, _RELIGION),
            "general_education": "12/12" if rng.random() < 0.97 else "9/12",
            "professional_qualification": _pick(rng, _PROFESSIONAL),
            "political_theory": _pick(rng, _THEORY),
            "foreign_language": _pick(rng, _LANGUAGE),
            "it_level": _pick(rng, _IT),
            "occupation": "Công chức"
            if cell.sector in ("ADMINISTRATIVE", "PARTY_MASS")
            else "Viên chức"
            if cell.sector == "PUBLIC_SERVICE"
            else "Người lao động",
            "position": _pick(rng, _POSITIONS),
            "workplace": cell.workplace,
            "phone": f"09{rng.randrange(10**8):08d}",
        }
        values.update(self._places(rng))
        person = Person(values=values, stays=[Stay(cell.index, joined, start)], number=number)
        self._live(rng, person, birth, gender)
        if person.exit and official <= self.today and person.exit[0] <= official:
            values["official_date"] = None
        if values["official_date"]:
            # The card number format is not published (docs/rules.md, "Gaps"): 8 digits, unique.
            values["party_card_number"] = f"38{number:06d}"
        return person

    def _places(self, rng: random.Random) -> dict[str, object]:
        def draw() -> tuple[int, int]:
            pool = self.places.home if rng.random() < 0.78 else self.places.elsewhere
            return rng.choice(pool)

        hometown = draw()
        birthplace = hometown if rng.random() < 0.8 else draw()
        return {
            "hometown_province_id": hometown[0],
            "hometown_ward_id": hometown[1],
            "birthplace_province_id": birthplace[0],
            "birthplace_ward_id": birthplace[1],
            "residence": rng.choice(self.places.residences),
        }

    def _national_id(self, rng: random.Random, gender: str, birth: dt.date) -> str:
        # Thông tư 59/2021/TT-BCA Điều 7: province, gender/century, year, 6 random digits.
        province = "038" if rng.random() < 0.8 else rng.choice(sorted(CCCD_PROVINCE_CODES))
        century_digit = (0 if birth.year < 2000 else 2) + (1 if gender == "F" else 0)
        while True:
            candidate = f"{province}{century_digit}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
            if candidate not in self.national_ids:
                self.national_ids.add(candidate)
                return candidate

    def _live(self, rng: random.Random, person: Person, birth: dt.date, gender: str) -> None:
        """Moves, retirement, other transfers out, deaths and removals, year by year."""
        # Retirement (the Labour Code's roadmap), then transfer to the residence's party
        # organization within 3 months.
        retire = retirement_date(birth, gender)
        day = max(person.stays[0].start, HISTORY_START)
        while day < self.today:
            day_next = min(day + dt.timedelta(days=365), self.today)
            roll = rng.random()
            when = _date_between(rng, day, day_next)
            if when <= person.stays[-1].start:
                roll = 1.0
            if roll < 0.0015:
                person.exit = (when, ExitReason.DIED)
                return
            elif roll < 0.0020:
                person.exit = (when, ExitReason.REMOVED)
                return
            elif roll < 0.0095:
                person.exit = (when, ExitReason.TRANSFERRED_OUT)
                return
            elif roll < 0.025:
                current = self.cells[person.stays[-1].cell]
                siblings = self.cells_by_grassroots[current.grassroots]
                if len(siblings) > 1 and rng.random() < 0.7:
                    target = rng.choice(siblings)
                else:
                    target = rng.choices(self.cells, weights=self.weights)[0]
                if target.index != current.index:
                    person.stays.append(Stay(target.index, when, Membership.Start.TRANSFER))
            if day <= retire < day_next:
                leave = retire + dt.timedelta(days=rng.randrange(90))
                # A move drawn for later in the same year gives way to the retirement.
                if len(person.stays) > 1 and person.stays[-1].start >= leave:
                    person.stays.pop()
                if HISTORY_START <= leave < self.today:
                    person.exit = (leave, ExitReason.TRANSFERRED_OUT)
                    return
            day = day_next
