"""The annual report of a committee as a file: its figures from the statistics pack, its
header from the committee's register and signer, in the format asked for."""

import datetime as dt
import tempfile
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.common.spreadsheets import write_workbook
from dangvu.documents.issuers import issuer_context
from dangvu.documents.models import DocumentKind, OutgoingDocument
from dangvu.documents.pdf import docx_to_pdf
from dangvu.documents.register import document_register
from dangvu.documents.services import template_file
from dangvu.documents.signers import signer_on
from dangvu.organizations.access import OutOfScope, User, org_in_scope, require
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.selectors import org_version_on
from dangvu.reports.annual import annual_report
from dangvu.reports.docx_report import report_docx
from dangvu.reports.model import Report
from dangvu.reports.selectors import written_sections
from dangvu.reports.xlsx_report import report_sheets
from dangvu.stats.pack import year_pack

FORMATS = ("docx", "pdf", "xlsx")
REPORT_TEMPLATE = "annual_report"  # its frame, which staff may replace (`documents`)


def _registered(committee: OrgUnit, summary: str) -> OutgoingDocument | None:
    return (
        OutgoingDocument.objects.filter(
            committee=committee,
            kind=DocumentKind.REPORT,
            subject_type=OrgUnit._meta.label_lower,
            subject_id=committee.pk,
            summary=summary,
        )
        .order_by("-issued_on", "-pk")
        .first()
    )


@transaction.atomic
def report_register(*, actor: User, committee: OrgUnit, summary: str,
                    issued_on: dt.date) -> OutgoingDocument:  # fmt: skip
    """The register's entry of the report SUMMARY of COMMITTEE: the one already entered,
    or the next number of the committee's reports, signed on ISSUED_ON."""
    require(actor, Resource.DOCUMENTS, Action.CHANGE, on=issued_on, org=committee)
    found = _registered(committee, summary)
    if found is not None:
        return found
    return document_register(actor=actor, committee=committee, kind=DocumentKind.REPORT,
                             issued_on=issued_on, summary=summary, subject=committee)  # fmt: skip


def _issuer(committee: OrgUnit, report: Report, issued_on: dt.date) -> dict[str, object]:
    """The header of the report: its number and date from the register once entered; a
    draft leaves the number's sequence blank and is dated ISSUED_ON."""
    name = org_version_on(committee, issued_on) or org_version_on(committee, report.counted_on)
    registered = _registered(committee, f"{report.title} {report.summary}")
    if registered is not None:
        number, issued_on = registered.number, registered.issued_on
    else:
        number = f"      -{DocumentKind.REPORT}/{signer_on(committee, issued_on).symbol}"
    issuer = issuer_context(committee, name.name if name else committee.code, issued_on, number)
    issuer["recipients"] = [_("Ban Thường vụ Tỉnh ủy (để báo cáo)"), _("Các TCCSĐ trực thuộc"),
                            _("Lưu Văn phòng")]  # fmt: skip
    return issuer


def annual_report_for(*, user: User, committee: OrgUnit, year: int, as_of: dt.date) -> Report:
    """COMMITTEE's report of YEAR over what USER sees, results as of AS_OF. Raises
    OutOfScope for a committee USER does not see."""
    counted_on = min(dt.date(year, 12, 31), as_of)
    version = org_version_on(committee, counted_on)
    if version is None or not org_in_scope(user, Resource.ORG, Action.VIEW, committee.pk,
                                            counted_on):  # fmt: skip
        raise OutOfScope(committee.code)
    pack = year_pack(user=user, year=year, as_of=as_of, root=committee)
    return annual_report(pack, version.name, written_sections(committee, year))


def annual_report_file(*, user: User, committee: OrgUnit, year: int, as_of: dt.date,
                       issued_on: dt.date, fmt: str) -> bytes:  # fmt: skip
    """The report as FMT (docx, pdf or xlsx)."""
    report = annual_report_for(user=user, committee=committee, year=year, as_of=as_of)
    if fmt == "xlsx":
        return workbook_bytes(report)
    with template_file(REPORT_TEMPLATE) as path:
        docx = report_docx(report, _issuer(committee, report, issued_on), template_path=path)
    return docx_to_pdf(docx) if fmt == "pdf" else docx


def workbook_bytes(report: Report) -> bytes:
    with tempfile.TemporaryDirectory(prefix="dangvu-report-") as tmp:
        path = Path(tmp) / "report.xlsx"
        write_workbook(path, report_sheets(report))
        return path.read_bytes()
