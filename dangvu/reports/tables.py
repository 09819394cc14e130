"""The standard statistical tables on the number and quality of members, as of a day, one
row per TCCSĐ and a total: reconstructed from the forms' descriptions (Biểu 1-, 2-, 3-,
4-TCTW of HD 12-HD/BTCTW 2012, continued by HD 11-HD/BTCTW 2021, whose forms were not read:
docs/rules.md, "Statistics")."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dangvu.common.spreadsheets import Sheet
from dangvu.members import reference
from dangvu.members.facts import Status
from dangvu.members.rules import AGE_BANDS
from dangvu.stats.scope import Scope
from dangvu.stats.units import UnitCounts, grassroots_counts

Count = Callable[[UnitCounts], int]


@dataclass(frozen=True)
class Column:
    header: str
    count: Count
    width: int = 9


def _total(unit: UnitCounts) -> int:
    status = unit.counts["status"]
    return status[Status.OFFICIAL] + status[Status.PROBATIONARY]


def _of(attribute: str, *codes: str) -> Count:
    return lambda unit: sum(unit.counts[attribute][code] for code in codes)


def _except(attribute: str, *codes: str) -> Count:
    def count(unit: UnitCounts) -> int:
        found: Counter[str] = unit.counts[attribute]
        return sum(n for code, n in found.items() if code not in codes)

    return count


def _form_1() -> list[Column]:
    """Biểu 1-TCTW: organizations and members at the period's end."""
    return [
        Column(_("Chi bộ trực thuộc"), lambda unit: unit.cells),
        Column(_("Tổng số đảng viên"), _total),
        Column(_("Chính thức"), _of("status", Status.OFFICIAL)),
        Column(_("Dự bị"), _of("status", Status.PROBATIONARY)),
        Column(_("Nữ"), _of("gender", "F")),
    ]


def _admitted(attribute: str, *codes: str) -> Count:
    return lambda unit: sum(unit.admitted[attribute][code] for code in codes)


def _admitted_except(attribute: str, *codes: str) -> Count:
    def count(unit: UnitCounts) -> int:
        found: Counter[str] = unit.admitted[attribute]
        return sum(n for code, n in found.items() if code not in codes)

    return count


def _form_2() -> list[Column]:
    """Biểu 2-TCTW: the members admitted in the period (from 1/1 of the year to the day),
    by the attributes of the forms; the age band on the day."""
    return [
        Column(_("Tổng số kết nạp"), _admitted("total", "")),
        Column(_("Nữ"), _admitted("gender", "F")),
        Column(_("Dân tộc thiểu số"), _admitted_except("ethnicity", "01", "")),
        Column(_("Có đạo"), _admitted_except("religion", "00", "")),
        Column(_("Tuổi 18-30"), _admitted("age_band", "18-30")),
        Column(_("Trung cấp"), _admitted("professional_qualification", "INTERMEDIATE")),
        Column(_("Cao đẳng"), _admitted("professional_qualification", "COLLEGE")),
        Column(_("Đại học"), _admitted("professional_qualification", "BACHELOR")),
        Column(_("Trên đại học"), _admitted("professional_qualification", "MASTER", "DOCTOR")),
    ]


def _form_3() -> list[Column]:
    """Biểu 3-TCTW: the quality of members: age, professional qualification, and political
    theory in the form's three groups (the highest diploma counts)."""
    return [
        Column(_("Tổng số"), _total),
        *[Column(code, _of("age_band", code)) for code, _lo, _hi in AGE_BANDS],
        *[Column(label, _of("professional_qualification", code))
          for code, label in reference.PROFESSIONAL_QUALIFICATIONS if code != "NONE"],
        Column(_("LLCT sơ cấp"), _of("political_theory", "ELEMENTARY")),
        Column(_("LLCT trung cấp"), _of("political_theory", "INTERMEDIATE")),
        Column(_("LLCT cao cấp, cử nhân"), _of("political_theory", "ADVANCED", "BACHELOR")),
    ]  # fmt: skip


def _form_4() -> list[Column]:
    """Biểu 4-TCTW: members by ethnicity and religion."""
    return [
        Column(_("Tổng số"), _total),
        Column(_("Dân tộc thiểu số"), _except("ethnicity", "01", "")),
        Column(_("Có đạo"), _except("religion", "00", "")),
        *[Column(label, _of("religion", code)) for code, label in reference.RELIGIONS
          if code != "00"],
    ]  # fmt: skip


def _sheet(name: str, title: str, columns: list[Column], units: list[UnitCounts],
           heading: list[str]) -> Sheet:  # fmt: skip
    rows: list[list[object]] = []
    for number, unit in enumerate(units, start=1):
        rows.append([number, unit.version.name, *[column.count(unit) for column in columns]])
    totals = [sum(column.count(unit) for unit in units) for column in columns]
    rows.append(["", _("Tổng cộng"), *totals])
    headers = [(_("STT"), 5), (_("Tổ chức cơ sở đảng"), 40),
               *[(column.header, column.width) for column in columns]]  # fmt: skip
    return Sheet(name, headers, rows, [*heading, title])


def standard_tables(scope: Scope, name: str) -> list[Sheet]:
    """The forms for the subtree NAME on SCOPE's END."""
    units = grassroots_counts(scope)
    heading = [
        name,
        _("Số liệu tính đến ngày %(day)s") % {"day": f"{scope.end:%d/%m/%Y}"},
        _("Mẫu dựng lại theo mô tả biểu mẫu TCTW (HD 11-HD/BTCTW), xem docs/rules.md"),
    ]
    return [
        _sheet("Biểu 1-TCTW", _("Tổ chức đảng và đảng viên"), _form_1(), units, heading),
        _sheet(
            "Biểu 2-TCTW",
            _("Đảng viên mới kết nạp từ %(start)s") % {"start": f"{scope.start:%d/%m/%Y}"},
            _form_2(),
            units,
            heading,
        ),
        _sheet("Biểu 3-TCTW", _("Chất lượng đảng viên"), _form_3(), units, heading),
        _sheet("Biểu 4-TCTW", _("Đảng viên theo dân tộc, tôn giáo"), _form_4(), units, heading),
    ]
