"""The dashboard's charts, from the figures of `stats.selectors.dashboard`."""

from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dangvu.common.charts import Chart, bar_svg, column_svg
from dangvu.members.models import Gender
from dangvu.organizations.models import Sector
from dangvu.stats.trends import RESTRUCTURING, Makeup, YearFigures


def _by_year(key: str, title: str, years: list[YearFigures], field: str) -> Chart:
    labels = [str(row.year) for row in years]
    values = [getattr(row, field) for row in years]
    marker = next((i for i, row in enumerate(years) if row.year == RESTRUCTURING.year), None)
    marker_label = _("Sắp xếp tổ chức %(day)s") % {
        "day": date_format(RESTRUCTURING, "d/m/Y"),
    }
    svg = column_svg(
        key=key, title=title, labels=labels, values=values, marker=marker, marker_label=marker_label
    )
    rows = [
        (
            _("%(year)s (ngày %(day)s)") % {"year": row.year, "day": date_format(row.on, "d/m/Y")},
            [value],
        )
        for row, value in zip(years, values, strict=True)
    ]
    return Chart(key, title, (_("Năm"), title), rows, svg)


def _by_kind(key: str, title: str, counts: dict[str, int], column: str) -> Chart:
    labels, values = list(counts), list(counts.values())
    svg = bar_svg(key=key, title=title, labels=labels, values=values)
    return Chart(key, title, (column, _("Số lượng")), [(k, [v]) for k, v in counts.items()], svg)


def dashboard_charts(
    *, figures: dict[str, Any], years: list[YearFigures], makeup: Makeup
) -> list[Chart]:
    """The charts of the home page, in reading order."""
    members = figures["members"]
    charts = []
    if years:
        charts += [
            _by_year("members-by-year", _("Đảng viên theo năm"), years, "members"),
            _by_year("orgs-by-year", _("Tổ chức cơ sở đảng theo năm"), years, "grassroots_orgs"),
            _by_year("admissions-by-year", _("Kết nạp đảng viên theo năm"), years, "admissions"),
        ]
    charts += [
        _by_kind(
            "status",
            _("Chính thức và dự bị"),
            {_("Chính thức"): members["official"], _("Dự bị"): members["probationary"]},
            _("Loại đảng viên"),
        ),
        _by_kind(
            "gender",
            _("Giới tính"),
            {str(Gender(code).label): figures["by_gender"][code] for code in Gender.values},
            _("Giới tính"),
        ),
        _by_kind("age", _("Độ tuổi"), makeup.age_bands, _("Độ tuổi")),
        _by_sector(makeup),
    ]
    return charts


def _by_sector(makeup: Makeup) -> Chart:
    """Members by the sector of their organization; the table adds the TCCSĐ."""
    title = _("Đảng viên theo loại hình")
    names = dict(Sector.choices)
    present = [
        code
        for code in Sector.values
        if makeup.members_by_sector[code] or makeup.orgs_by_sector[code]
    ]
    labels = [str(names[code]) for code in present]
    members = [makeup.members_by_sector[code] for code in present]
    svg = bar_svg(key="sector", title=title, labels=labels, values=members)
    rows = [
        (label, [makeup.members_by_sector[code], makeup.orgs_by_sector[code]])
        for label, code in zip(labels, present, strict=True)
    ]
    return Chart("sector", title, (_("Loại hình"), _("Đảng viên"), _("TCCSĐ")), rows, svg)
