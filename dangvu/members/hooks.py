"""What modules above members tell it about a member: the discipline decisions the badge
rules wait on, and the lines they add to a member's record page. Members sits below them,
so they register here at start-up (the discipline module does both) and arrows point one
way. Until one registers, no member has a discipline and the record has no extra lines."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping

from dangvu.members.models import Member
from dangvu.members.rulesets.badges import Discipline
from dangvu.organizations.access import User

# For some members (by id), the decisions in force on a day that the badge rules wait on.
DisciplinesReader = Callable[[Collection[int], dt.date], Mapping[int, Iterable[Discipline]]]
_DISCIPLINES: list[DisciplinesReader] = []


def disciplines_reader_register(reader: DisciplinesReader) -> None:
    _DISCIPLINES.append(reader)


def disciplines_of(member_ids: Collection[int], on: dt.date) -> dict[int, tuple[Discipline, ...]]:
    """The discipline decisions of MEMBER_IDS in force on ON, by member."""
    found: dict[int, tuple[Discipline, ...]] = defaultdict(tuple)
    for reader in _DISCIPLINES:
        for member_id, disciplines in reader(member_ids, on).items():
            found[member_id] += tuple(disciplines)
    return found


# A line of a member's record: its date, what it says, and the page that tells more.
RecordLine = tuple[dt.date, str, str]
RecordReader = Callable[[User, Member], Iterable[RecordLine]]
_RECORDS: list[RecordReader] = []


def record_reader_register(reader: RecordReader) -> None:
    _RECORDS.append(reader)


def record_lines(user: User, member: Member) -> list[RecordLine]:
    """What the modules above add to MEMBER's record, as USER may see it."""
    return [line for reader in _RECORDS for line in reader(user, member)]
