"""A round's results as an XLSX workbook (`common.spreadsheets`): a sheet of counts (by
level, by sector, against the year before) and a sheet per kind listing every rating the
user may see. Logged like every export of personal data."""

from collections.abc import Iterator
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.spreadsheets import Sheet, write_workbook
from dangvu.evaluation.models import Level, Round
from dangvu.evaluation.results import (
    LevelChange,
    Listed,
    ResultsPack,
    every_rating,
    results_pack,
)
from dangvu.evaluation.selectors import LevelCounts
from dangvu.organizations.access import User

LEVELS = [level.value for level in Level]


def _level_rows(name: str, changes: list[LevelChange]) -> Iterator[list[object]]:
    for change in changes:
        yield [
            name,
            change.label,
            change.count,
            round(change.percent, 1),
            change.previous_count,
            None if change.previous_percent is None else round(change.previous_percent, 1),
            None if change.points is None else round(change.points, 1),
        ]


def _sector_row(label: str, kind: str, counts: LevelCounts) -> list[object]:
    cells = [value for n, percent in counts.cells for value in (n, round(percent, 1))]
    return [label, kind, counts.rated, *cells]


def _counts_sheets(pack: ResultsPack) -> list[Sheet]:
    year = pack.results.round.year
    levels = Sheet(
        _("Kết quả"),
        [(_("Đối tượng"), 22), (_("Xếp loại"), 30), (_("Số lượng"), 10), (_("Tỷ lệ (%)"), 10),
         (_("Năm %(year)s") % {"year": year - 1}, 10),
         (_("Tỷ lệ năm %(year)s (%%)") % {"year": year - 1}, 14),
         (_("Tăng, giảm (điểm %)"), 14)],
        [*_level_rows(_("Tổ chức cơ sở đảng"), pack.organizations),
         *_level_rows(_("Đảng viên"), pack.members)],
        [str(pack.results.round) + " – " + pack.results.round.committee.code],
    )  # fmt: skip
    rows = []
    for sector in pack.sectors:
        rows.append(_sector_row(sector.label, _("Tổ chức cơ sở đảng"), sector.organizations))
        rows.append(_sector_row(sector.label, _("Đảng viên"), sector.members))
    sectors = Sheet(
        _("Theo loại hình"),
        [(_("Loại hình"), 36), (_("Đối tượng"), 20), (_("Số được xếp loại"), 12),
         *((header, 10) for level in LEVELS for header in (level, f"{level} (%)"))],
        rows,
    )  # fmt: skip
    return [levels, sectors]


def _rating_row(number: int, listed: Listed) -> list[object]:
    rating = listed.rating
    return [
        number,
        listed.unit,
        rating.label,
        rating.self_level,
        rating.proposed_level,
        rating.level,
        rating.score,
        rating.override_reason,
        _("Có") if listed.commended else "",
    ]


def _ratings_sheet(name: str, subject: str, listed: list[Listed]) -> Sheet:
    columns = [
        (_("STT"), 6), (_("Tổ chức cơ sở đảng"), 36), (subject, 30), (_("Tự xếp loại"), 10),
        (_("Đề xuất"), 10), (_("Quyết định"), 10), (_("Điểm"), 8),
        (_("Lý do giữ xếp loại trái quy định"), 40), (_("Khen thưởng"), 12),
    ]  # fmt: skip
    rows = (_rating_row(number, item) for number, item in enumerate(listed, start=1))
    return Sheet(name, columns, rows)


@transaction.atomic
def evaluation_results_export(*, user: User, round_: Round, path: Path) -> int:
    """Write ROUND_'s results as USER may see them to the XLSX file PATH; log the export.
    Returns the number of ratings listed."""
    organizations, members = every_rating(user=user, round_=round_)
    sheets = [
        *_counts_sheets(results_pack(user=user, round_=round_)),
        _ratings_sheet(_("Tổ chức đảng"), _("Tổ chức đảng"), organizations),
        _ratings_sheet(_("Đảng viên"), _("Đảng viên"), members),
    ]
    count = sum(write_workbook(path, sheets)[2:])
    audit_record(
        actor=user,
        action=Event.EVALUATION_EXPORTED,
        obj=round_,
        org=round_.committee,
        data={"year": round_.year, "format": "xlsx", "rows": count},
    )
    return count
