"""Every document kind, printed from the demo's records as a user downloads it, opened by
LibreOffice (converted to PDF) and read back with pdftotext: the issuing committee of the
day, the number, the dated place line, the names once each, no "……", and the fonts
embedded (Times New Roman's metrics, Vietnamese glyphs). `DocumentChecks` runs inside
`test_demo.DemoStoryTests`, on the demo that class builds once."""

import datetime as dt
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model

from dangvu.common import clock
from dangvu.demo.builder import (
    AUTHORISED_ON,
    AUTHORISED_SIGNER,
    SECRETARY_UNIT,
    SECRETARY_UNIT_NAME,
)
from dangvu.documents.pdf import docx_to_pdf
from dangvu.documents.render import DOCUMENTS, vn_long_date
from dangvu.documents.signers import signer_on
from dangvu.evaluation.commendation_documents import CERTIFICATES, DECISION, commendation_print
from dangvu.evaluation.models import Commendation
from dangvu.members.models import AdmissionCase, ExitReason, Member, Transfer
from dangvu.organizations.access import Operator
from dangvu.organizations.models import CELL_KINDS, OrgUnit, OrgVersion
from dangvu.organizations.names import committee_name
from dangvu.plans.models import Meeting
from dangvu.reports.selectors import report_orgs

if TYPE_CHECKING:
    from django.test import TestCase as _Base
else:
    _Base = object

# What a document may never print in place of a fact (the receipt slip of a transfer letter
# keeps its dotted lines: the receiving committee fills them in by hand).
PLACEHOLDERS = ("……", "None")
# Liberation Serif has Times New Roman's metrics and the Vietnamese glyphs: LibreOffice
# puts it in place of Times New Roman (fonts-liberation2, scripts/install-system-packages).
TIMES_METRIC = re.compile(r"^[A-Z]{6}\+(LiberationSerif|TimesNewRoman)")


@dataclass
class Printed:
    """A document as downloaded, what it must say, the names it holds once each (ONCE, in
    the whole text; a name two members share, twice), and the member Điều 3 names once
    (DOUBLED: the doubling it must not show)."""

    url: str
    issued_on: dt.date
    issuer: str
    number: str = ""
    says: list[str] = field(default_factory=list)
    once: list[str] = field(default_factory=list)
    doubled: list[str] = field(default_factory=list)
    # Who downloads it: the Bloc's conference of 2022 is read today by the administrator
    # only (the Bloc's committees ended in 2025).
    user: str = "tochuc"


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def _fonts(pdf: bytes) -> list[tuple[str, str]]:
    """(name, embedded) of each font of PDF, from pdffonts (poppler-utils)."""
    out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
    rows = out.stdout.decode().splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


def _issuer_of(org: OrgUnit, on: dt.date) -> str:
    """The committee at the top of ORG's tree on ON, as a header prints it (upper case),
    and the symbol its numbers carry on that day, after a slash: "ĐẢNG ỦY …/ĐU"."""
    version = OrgVersion.objects.as_of(on).get(org=org)
    root = OrgVersion.objects.as_of(on).get(org_id=int(version.path.strip("/").split("/")[0]))
    return f"{committee_name(root.name).upper()}/{signer_on(root.org, on).symbol}"


def _decider_of(org: OrgUnit, resolved_on: dt.date, decided_on: dt.date) -> str:
    """`_issuer_of` the decision of an admission or recognition whose cell ORG resolved on
    RESOLVED_ON: from AUTHORISED_ON, for that đảng bộ cơ sở's cells, its own đảng ủy."""
    version = OrgVersion.objects.as_of(resolved_on).get(org=org)
    authorised = OrgUnit.objects.get(code=SECRETARY_UNIT)
    if resolved_on >= AUTHORISED_ON and f"/{authorised.pk}/" in version.path:
        return f"ĐẢNG ỦY {SECRETARY_UNIT_NAME.upper()}/{AUTHORISED_SIGNER.symbol}"
    return _issuer_of(org, decided_on)


def _cell_on(member: Member, on: dt.date) -> OrgUnit:
    membership = member.memberships.filter(valid_from__lt=on).order_by("valid_from").last()
    assert membership is not None
    return membership.org


class DocumentChecks(_Base):
    def _documents(self) -> dict[str, Printed]:
        complete = Member.objects.exclude(hometown_province=None).exclude(birthplace_province=None)
        case = (
            AdmissionCase.objects.filter(state=AdmissionCase.State.ADMITTED)
            .exclude(hometown_province=None, member__hometown_province=None)
            .order_by("-decision_date", "pk")
            .first()
        )
        assert case is not None and case.decision_date is not None
        assert case.cell_resolution_date is not None
        official = (
            Member.objects.exclude(hometown_province=None)
            .exclude(official_decision_date=None)
            .exclude(admission_decision_date=None)
            .order_by("-official_decision_date", "pk")
            .first()
        )
        assert official is not None and official.official_decision_date is not None
        assert official.official_date is not None
        letter = (
            Transfer.objects.exclude(letter_date=None)
            .filter(member__in=complete)
            .exclude(dues_paid_until=None)
            .order_by("-letter_date", "pk")
            .first()
        )
        assert letter is not None and letter.letter_date is not None and letter.from_org
        removed = complete.filter(exit_reason=ExitReason.REMOVED).exclude(exit_decision_number="")
        removed_one = removed.order_by("-exit_date", "pk").first()
        assert removed_one is not None and removed_one.exit_date is not None
        today = clock.today()
        sheet = complete.filter(exit_date=None).order_by("pk").first()
        assert sheet is not None
        cell = (
            OrgVersion.objects.as_of(today)
            .filter(kind__in=CELL_KINDS, org__memberships__valid_to=None)
            .order_by("org__code")
            .first()
        )
        assert cell is not None
        on_roll = list(
            Member.objects.filter(
                memberships__org=cell.org, memberships__valid_to=None
            ).values_list("full_name", flat=True)
        )
        return {
            "admission_decision": Printed(
                f"/app/members/documents/admission_decision/{case.pk}.docx",
                case.decision_date,
                _decider_of(case.cell, case.cell_resolution_date, case.decision_date),
                case.decision_number,
                [
                    "về việc kết nạp đảng viên",
                    "Thời gian dự bị 12 tháng, kể từ ngày chi bộ tổ chức lễ kết nạp",
                ],
                doubled=[case.full_name],
            ),
            "recognition_decision": Printed(
                f"/app/members/documents/recognition_decision/{official.pk}.docx",
                official.official_decision_date,
                _decider_of(
                    _cell_on(official, official.official_date + dt.timedelta(days=1)),
                    official.recognition_proposed_on or official.official_decision_date,
                    official.official_decision_date,
                ),
                official.official_decision_number,
                [f"là đảng viên chính thức kể từ ngày {official.official_date:%d/%m/%Y}"],
                doubled=[official.full_name],
            ),
            "transfer_letter": Printed(
                f"/app/members/documents/transfer_letter/{letter.member_id}.docx",
                letter.letter_date,
                _issuer_of(letter.from_org, letter.letter_date),
                letter.letter_number,
                ["GIẤY GIỚI THIỆU SINH HOẠT ĐẢNG", "PHIẾU BÁO ĐÃ NHẬN"],
            ),
            "removal_decision": Printed(
                f"/app/members/documents/removal_decision/{removed_one.pk}.docx",
                removed_one.exit_date,
                _issuer_of(_cell_on(removed_one, removed_one.exit_date), removed_one.exit_date),
                removed_one.exit_decision_number,
                ["về việc xóa tên đảng viên", "trong danh sách đảng viên."],
                doubled=[removed_one.full_name],
            ),
            "member_sheet": Printed(
                f"/app/members/documents/member_sheet/{sheet.pk}.docx?format=pdf",
                today,
                _issuer_of(_cell_on(sheet, today + dt.timedelta(days=1)), today),
                says=["PHIẾU ĐẢNG VIÊN", "Mẫu 2-HSĐV", f"Sinh ngày: {sheet.birth_date:%d/%m/%Y}"],
                once=[sheet.full_name.upper()],
            ),
            "member_list": Printed(
                f"/app/members/documents/member_list/{cell.org_id}.docx",
                today,
                _issuer_of(cell.org, today),
                says=["DANH SÁCH ĐẢNG VIÊN", f"{len(on_roll)} đảng viên"],
                once=on_roll,
            ),
            **self._meeting_documents(),
            "annual_report": self._annual_report(today),
        }

    def _annual_report(self, today: dt.date) -> Printed:
        """Last year's summary report of the first committee the Organization board may
        report on, as its page downloads it: issued today, not numbered."""
        year = today.year - 1
        reader = get_user_model().objects.get(username="tochuc")
        committee = report_orgs(user=reader, on=dt.date(year, 12, 31))[0].org
        return Printed(
            f"/app/reports/tai-ve/?year={year}&org={committee.code}&format=docx",
            today,
            _issuer_of(committee, today),
            says=["BÁO CÁO", f"năm {year}"],
        )

    def _meeting_documents(self) -> dict[str, Printed]:
        """The year-end conference's invitation (numbered GM by the Bloc), attendance list
        and minutes (dated on its day, not numbered)."""
        conference = Meeting.objects.get(kind=Meeting.Kind.YEAR_END)
        assert conference.invitation_on is not None
        url = f"/app/plans/meetings/{conference.pk}"
        held, invited = conference.held_on, conference.invitation_on
        delegate = conference.guests.exclude(org=None).order_by("position").first()
        assert delegate is not None
        return {
            "meeting_invitation": Printed(
                f"{url}/invitation.docx", invited, _issuer_of(conference.org, invited),
                conference.invitation_number, ["GIẤY MỜI", "trân trọng kính mời:",
                                               f"Đồng chí {delegate.name}, {delegate.title}"],
                user="admin",
            ),
            "meeting_attendance": Printed(
                f"{url}/attendance.pdf", held, _issuer_of(conference.org, held),
                says=["DANH SÁCH THAM DỰ", "người được mời, triệu tập"], once=[delegate.name],
                user="admin",
            ),
            "meeting_minutes": Printed(
                f"{url}/minutes.docx", held, _issuer_of(conference.org, held),
                says=["BIÊN BẢN", "Khách mời, đại biểu:", "07 nhiệm vụ trọng tâm"],
                user="admin",
            ),
        }  # fmt: skip

    def _commendations(self) -> dict[str, tuple[bytes, Printed]]:
        commendation = Commendation.objects.order_by("-decision_date", "pk").first()
        assert commendation is not None
        committee = commendation.rating.round.committee
        on = commendation.decision_date
        issuer = committee_name(OrgVersion.objects.as_of(on).get(org=committee).name).upper()
        issuer = f"{issuer}/{signer_on(committee, on).symbol}"
        found = {}
        for kind, document in ((DECISION, "commendation_decision"),
                               (CERTIFICATES, "certificates")):  # fmt: skip
            data, _name = commendation_print(actor=Operator(), commendation=commendation,
                                             document=kind, fmt="pdf")  # fmt: skip
            if kind == DECISION:
                number, says = commendation.decision_number, ["Tặng Giấy khen"]
            else:  # each certificate its own number, all citing the decision
                number = commendation.certificate_number
                says = [f"Quyết định số {commendation.decision_number}", "GIẤY KHEN"]
            found[document] = (data, Printed("", on, issuer, number, says))
        return found

    def test_every_document_kind_prints_from_the_demo_as_the_rules_say(self) -> None:
        printed = self._documents()
        downloads = {}
        for name, expected in printed.items():
            self.client.force_login(get_user_model().objects.get(username=expected.user))
            response = self.client.get(expected.url)
            self.assertEqual(response.status_code, 200, (name, expected.url))
            downloads[name] = response.content
        with ThreadPoolExecutor(max_workers=2) as pool:
            pdfs = dict(zip(downloads, pool.map(
                lambda data: data if data.startswith(b"%PDF") else docx_to_pdf(data),
                downloads.values()), strict=True))  # fmt: skip
        for name, (pdf, expected) in self._commendations().items():
            pdfs[name], printed[name] = pdf, expected

        self.assertEqual(set(printed), set(DOCUMENTS))
        for name, pdf in pdfs.items():
            expected, text = printed[name], _text(pdf)
            with self.subTest(document=name):
                issuer, symbol = expected.issuer.rsplit("/", 1)
                self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", text)
                self.assertIn(issuer, text)
                self.assertIn(
                    f"{settings.DOCUMENT_PLACE}, {vn_long_date(expected.issued_on)}", text
                )
                if expected.number:  # the issuer's own number, with its symbol of the day
                    self.assertIn(f"Số {expected.number}", text)
                    self.assertTrue(expected.number.endswith(f"/{symbol}"), expected.number)
                for fragment in expected.says:
                    self.assertIn(fragment, text)
                for once in set(expected.once):
                    found = re.findall(rf"(?<!\w){re.escape(once)}(?!\w)", text)
                    self.assertEqual(len(found), expected.once.count(once), once)
                for person in expected.doubled:
                    # Điều 3 names the member once, and no unit is named twice in a row.
                    article = text[text.index("Điều 3.") :]
                    self.assertEqual(article.split("chịu trách nhiệm")[0].count(person), 1)
                self.assertIsNone(re.search(r"(Chi bộ [^,.]+), \1[,.]", text), text)
                for placeholder in PLACEHOLDERS:
                    self.assertNotIn(placeholder, text)
                fonts = _fonts(pdf)
                self.assertTrue(fonts)
                for font, embedded in fonts:
                    self.assertRegex(font, TIMES_METRIC)
                    self.assertEqual(embedded, "yes", font)
