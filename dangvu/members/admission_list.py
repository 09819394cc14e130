"""The list of admission cases (hồ sơ kết nạp đảng viên): filtered by step, by the dates of
one of its steps and by organization, with each applicant's cell and its TCCSĐ; one
selector for the page and its XLSX or CSV download."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.common.audit import audit_record
from dangvu.common.events import Event
from dangvu.common.spreadsheets import write_table
from dangvu.members.models import AdmissionCase
from dangvu.members.selectors import admission_cases_visible_to
from dangvu.organizations.access import User
from dangvu.organizations.models import OrgUnit, OrgVersion
from dangvu.organizations.selectors import Place, places_on

# The dates a list can be narrowed by: the step each one records.
DATE_FIELDS = {
    "application_date": gettext_lazy("Ngày làm đơn"),
    "cell_resolution_date": gettext_lazy("Ngày chi bộ đề nghị"),
    "decision_date": gettext_lazy("Ngày quyết định kết nạp"),
    "ceremony_date": gettext_lazy("Ngày lễ kết nạp"),
}


@dataclass(frozen=True)
class AdmissionFilter:
    """The list's filters; empty ones filter nothing."""

    state: str = ""
    org: OrgUnit | None = None
    date_field: str = "application_date"
    start: dt.date | None = None
    end: dt.date | None = None


def admission_list(
    *, user: User, filters: AdmissionFilter, today: dt.date
) -> QuerySet[AdmissionCase]:
    """The cases USER may see TODAY that match FILTERS, newest first: in STATE, in a cell
    under ORG as the tree stands today, with the chosen step's date between START and END."""
    cases = admission_cases_visible_to(user, today).prefetch_related(None)
    if filters.state:
        cases = cases.filter(state=filters.state)
    if filters.org is not None:
        top = OrgVersion.objects.as_of(today).filter(org=filters.org).first()
        under = (
            OrgVersion.objects.as_of(today).in_subtree(top.path).values("org_id")
            if top is not None
            else [filters.org.pk]  # an organization gone since: its own cases
        )
        cases = cases.filter(cell_id__in=under)
    if filters.date_field in DATE_FIELDS:
        if filters.start is not None:
            cases = cases.filter(**{f"{filters.date_field}__gte": filters.start})
        if filters.end is not None:
            cases = cases.filter(**{f"{filters.date_field}__lte": filters.end})
    return cases


def admission_places(cases: list[AdmissionCase], today: dt.date) -> dict[int, Place]:
    """By case, its cell and the cell's TCCSĐ, named as they stand TODAY (as they last
    stood, for a cell gone since): two queries for a page."""
    places = places_on({case.cell_id for case in cases}, today)
    return {case.pk: places[case.cell_id] for case in cases if case.cell_id in places}


COLUMNS = [
    (gettext_lazy("STT"), 5), (gettext_lazy("Họ và tên"), 26), (gettext_lazy("Ngày sinh"), 12),
    (gettext_lazy("Giới tính"), 9), (gettext_lazy("Chi bộ"), 30),
    (gettext_lazy("Tổ chức cơ sở đảng"), 30), (gettext_lazy("Bước"), 26),
    *((label, 14) for label in DATE_FIELDS.values()),
]  # fmt: skip
CHUNK = 2000


def _rows(cases: QuerySet[AdmissionCase], today: dt.date) -> Iterator[list[object]]:
    """The list's rows, numbered, read a chunk at a time with their places."""
    number = 0
    for start in range(0, cases.count(), CHUNK):
        chunk = list(cases[start : start + CHUNK])
        places = admission_places(chunk, today)
        for case in chunk:
            number += 1
            place = places.get(case.pk)
            yield [
                number, case.full_name, case.birth_date, case.get_gender_display(),
                place.cell_name if place else "", place.grassroots_name if place else "",
                case.get_state_display(),
                *(getattr(case, name) for name in DATE_FIELDS),
            ]  # fmt: skip


@transaction.atomic
def admission_list_export(
    *, user: User, filters: AdmissionFilter, today: dt.date, path: Path
) -> int:
    """The filtered list as XLSX or CSV (by PATH's suffix), under a title naming the day;
    logged like every export of personal data. Returns the number of rows."""
    cases = admission_list(user=user, filters=filters, today=today)
    title = _("DANH SÁCH HỒ SƠ KẾT NẠP ĐẢNG VIÊN, NGÀY %(date)s") % {"date": f"{today:%d/%m/%Y}"}
    count = write_table(
        path,
        sheet=_("Hồ sơ kết nạp"),
        columns=[(str(header), width) for header, width in COLUMNS],
        rows=_rows(cases, today),
        title=[title],
    )
    audit_record(
        actor=user,
        action=Event.MEMBERS_EXPORTED,
        obj=None,
        about=f"Danh sách hồ sơ kết nạp đảng viên ({count} dòng)",
        org=filters.org,
        data={"format": path.suffix.lstrip("."), "rows": count, "step": filters.state,
              "org": filters.org.code if filters.org else None,
              "dated_by": filters.date_field, "from": filters.start,
              "to": filters.end},
    )  # fmt: skip
    return count
