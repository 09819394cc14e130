"""How the audit walk calls each writing service in the route tests' world: what it sets
up first (not recorded), the call (recorded), and the events the call must record."""

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import TODAY, member_values
from dangvu.accounts import services as accounts
from dangvu.accounts import trail, two_factor
from dangvu.common import backup, sort_keys
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.discipline import services as discipline
from dangvu.discipline.models import Appeal, Check, Complaint, Decision
from dangvu.documents import register as document_register
from dangvu.documents import services as documents
from dangvu.documents import signers
from dangvu.documents.models import DocumentKind, Signer
from dangvu.documents.render import template_path_for
from dangvu.documents.samples import sample_context
from dangvu.dues import corrections as dues_corrections
from dangvu.dues import export as dues_export
from dangvu.dues import services as dues
from dangvu.dues.models import DuesPayment
from dangvu.dues.rules import Category, ReliefGround, ReliefKind
from dangvu.evaluation import commendation_documents
from dangvu.evaluation import export as evaluation_export
from dangvu.evaluation import services as evaluation
from dangvu.evaluation.models import Commendation, Level, Rating, Round, Stage
from dangvu.imports import evaluation as rating_imports
from dangvu.imports import members as member_imports
from dangvu.imports import organizations as org_imports
from dangvu.imports import reconcile, reconcile_work
from dangvu.imports import services as import_services
from dangvu.imports.models import ImportBatch
from dangvu.imports.states import Step, batch_move
from dangvu.members import admission_list, badge_list, due_export
from dangvu.members import export as member_export
from dangvu.members import services as members
from dangvu.members.deadlines import due_list
from dangvu.members.models import (
    AdmissionCase,
    CorrectionRequest,
    ExitReason,
    GapReason,
    Member,
    PartyGap,
    Transfer,
)
from dangvu.members.selectors import MemberFilter
from dangvu.organizations import authorities
from dangvu.organizations import export as org_export
from dangvu.organizations import services as organizations
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import Membership, OrgKind, OrgUnit, RoleAssignment, Sector
from dangvu.organizations.roles import Role
from dangvu.plans import documents as plans_documents
from dangvu.plans import papers as plans_papers
from dangvu.plans import services as plans
from dangvu.plans.models import Meeting, Plan, Target, Task
from dangvu.plans.selectors import attendance_rows
from dangvu.reports import narratives
from dangvu.reports.models import Narrative, Section
from dangvu.web.tests.conftest import World

D = dt.date


@dataclass(frozen=True)
class Recipe:
    """A call of SERVICE with the arguments ARGS builds in the world (building them is set-up,
    not recorded); it must record EVENTS (none for a dry run, which may write only a
    batch's working state)."""

    service: Callable[..., object]
    args: Callable[[World], dict[str, Any]]
    events: tuple[Event, ...] = ()


# The modules whose functions are writing services, each function walked or declared below.
MODULES = [members, organizations, authorities, accounts, two_factor, trail, documents,
           import_services, member_imports, org_imports, reconcile, reconcile_work,
           member_export, org_export, badge_list, admission_list, due_export, evaluation,
           rating_imports, signers,
           document_register, commendation_documents, evaluation_export, discipline, dues,
           dues_corrections, dues_export, plans, plans_documents, plans_papers,
           narratives]  # fmt: skip
# Functions of those modules that write nothing: helpers and reads.
READS = {
    "year_months": "the months a year's dues ledger covers",
    "rating_writer": "which organization writes a rating at a step",
    "read_ratings": "reads and checks a ratings file",
    "report_json": "a reconciliation's report as JSON",
    "admission_needs_grassroots": "whether the case's cell is inside a đảng bộ cơ sở",
    "admission_route": "where a case goes after its cell's resolution",
    "admission_pending_step": "the next step of a proposed case",
    "recognition_route": "where a recognition goes after its cell's resolution",
    "recognition_pending_step": "the next step of a proposed recognition",
    "admission_authorised": "whether a đảng ủy cơ sở may admit on a date",
    "admission_authorities": "a đảng bộ cơ sở's authorisations to admit",
    "signer_recorded": "whether a committee's signer is recorded on a date",
    "badge_list": "the members due a badge at an occasion",
    "badge_list_json": "that list as JSON",
    "admission_list": "the admission cases the user sees, filtered",
    "admission_places": "the admission cases' cells and TCCSĐ",
    "current_cell": "reads the member's open cell period",
    "member_build": "builds an unsaved member",
    "member_changed": "applies values in memory for a bulk edit's caller",
    "member_derived": "computes the search and sort columns",
    "member_problems": "the registry rules' complaints, for dry runs",
    "registration_entry": "the text of a bulk registration's audit row",
    "current_template": "reads the template in use",
    "template_file": "reads the template in use as a file",
    "reconcile": "compares a file with the registry",
    "organization_rows": "the rows of the organization export",
    "confirmed_device": "reads the user's authenticator",
    "trail_connect": "connects the login signals at start-up",
    "signer_on": "reads the signer of a committee on a date",
    "signers_visible_to": "the signers the user may see",
    "signer_get_for_user": "one signer the user may change",
    "document_number": "formats a register's number",
    "register_visible_to": "the register's entries the user may see",
    "subject_page": "the page of a register entry's subject",
    "decision_context": "a commendation decision's printed values",
    "certificates_context": "the certificates' printed values",
    "subject_org_on": "where a discipline record about an organization or member is filed",
    "meeting_members": "the members of a meeting's cell on its date",
    "meeting_context": "a meeting's printed values",
}


def _plan() -> Plan:
    """CSA's plan, recorded by the route tests' world with a manual target and a task."""
    return Plan.objects.get(committee__code="CSA")


def _meeting() -> Meeting:
    """CSA-1's meeting of October, recorded by the route tests' world."""
    return Meeting.objects.get(org__code="CSA-1")


def _cell_plan() -> Plan:
    """A plan of CSA-1, which its meeting's conclusions give tasks to (set-up)."""
    return Plan.objects.create(committee=_org("CSA-1"), year=2026, title="Kế hoạch CSA-1")


def _round() -> Round:
    """The Tree's round of this year, opened by the route tests' world."""
    return Round.objects.get(committee__code="DBK")


def _closed_round() -> Round:
    """That round closed, with the inside member decided HTXSNV (set-up, not recorded)."""
    Rating.objects.filter(round=_round(), member__isnull=False).update(level=Level.EXCELLENT)
    Round.objects.filter(pk=_round().pk).update(stage=Stage.CLOSED, closed_on=TODAY)
    return _round()


def _narrative() -> Narrative:
    """A section of DBK's report of 2025 with two versions (set-up, not recorded)."""
    for number, text in enumerate(("Bản đầu.", "Bản sửa."), start=0):
        narratives.narrative_save(actor=OPERATOR, committee=_org("DBK"), year=2025,
                                  section=Section.MEMBERS, text=text, version=number)  # fmt: skip
    return Narrative.objects.get(committee__code="DBK", year=2025, section=Section.MEMBERS)


def _signer() -> Signer:
    """The Tree committee's signer of 2020, recorded by the route tests' world."""
    return Signer.objects.get(committee__code="DBK")


def _commendation() -> Commendation:
    """The commendation of the Tree's round, recorded by the route tests' world."""
    return Commendation.objects.get(rating__round=_round())


def _decision(form: str = "REPRIMAND") -> Decision:
    """The Tree's decision about the inside member, recorded by the route tests' world; or a
    khai trừ of them by the committee (set-up, not recorded)."""
    if form == "REPRIMAND":
        return Decision.objects.get(org__code="CSA-1")
    return discipline.decision_record(
        actor=OPERATOR, body="UPPER_COMMISSION", body_org=_org("DBK"), form=form,
        number="7-QĐ/UBKT", decided_on=D(2026, 5, 4), violated_on=D(2026, 1, 5),
        reason="Vi phạm", subject_member=Decision.objects.get(org__code="CSA-1").subject_member,
        today=TODAY,
    )  # fmt: skip


def _check() -> Check:
    return Check.objects.get(org__code="CSA-1")


def _concluded() -> Check:
    return discipline.check_conclude(
        actor=OPERATOR, check=_check(), findings="", conclusion="Có vi phạm",
        concluded_on=D(2026, 4, 1), recommendations=[("Kiểm điểm", D(2026, 5, 1))],
        version=_check().version, today=TODAY,
    )  # fmt: skip


def _appeal(form: str = "REPRIMAND") -> Appeal:
    decision = _decision(form)
    return discipline.appeal_file(
        actor=OPERATOR,
        decision=decision,
        filed_on=decision.decided_on,
        reason="Xem lại",
        today=TODAY,
    )


def _rating(w: World) -> Rating:
    return Rating.objects.get(round=_round(), member_id=w.inside.pk)


def _inside(w: World) -> Member:
    return Member.objects.get(pk=w.inside.pk)


def _org(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


def _payment(w: World) -> DuesPayment:
    """The inside member's payment for 9/2026, collected by their cell."""
    payment, _created = DuesPayment.objects.get_or_create(
        member=_inside(w), month=D(2026, 9, 1),
        defaults={"amount": 90_000, "paid_on": D(2026, 10, 5), "cell": _org("CSA-1")},
    )  # fmt: skip
    return payment


def _removed_payment(w: World) -> AuditEntry:
    dues_corrections.dues_payment_remove(actor=OPERATOR, payment=_payment(w), reason="Ghi nhầm")
    return AuditEntry.objects.get(action=E.DUES_PAYMENT_REMOVED)


def _user(name: str) -> User:
    return User.objects.get(username=name)


def _file(name: str, text: str) -> Path:
    path = Path(tempfile.mkdtemp()) / name
    path.write_text(text, encoding="utf-8")
    return path


def _upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


MEMBERS_CSV = (
    "Họ và tên,Giới tính,Ngày sinh,Số CCCD,Ngày vào Đảng,Ngày chính thức,Mã chi bộ\n"
    "Phan Văn Nhập,Nam,15/03/1985,038085009901,19/05/2010,19/05/2011,CSA-2\n"
)
ORGS_CSV = (
    "Mã,Tên tổ chức,Loại,Mã tổ chức cấp trên,Lĩnh vực,Ngày thành lập\n"
    "CSA-9,Chi bộ Kho bạc,Chi bộ trực thuộc,CSA,Cơ quan hành chính,01/03/2020\n"
)


def _reconcile_file(w: World) -> Path:
    """The national database's export, with another name for the inside member."""
    return _file("csdl.csv", "Họ và tên,Ngày sinh,Số CCCD\n"
                             f"Trần Thị Bình An,15/03/1985,{w.inside.national_id}\n")  # fmt: skip


def _members_file() -> Path:
    return _file("ds.csv", MEMBERS_CSV)


def _orgs_file() -> Path:
    return _file("tc.csv", ORGS_CSV)


def _batch(kind: str, path: Path, *, checked: bool = True) -> ImportBatch:
    batch = import_services.batch_upload(actor=OPERATOR, file=_upload(path), kind=kind)
    if checked and kind == ImportBatch.Kind.ORG_IMPORT:
        org_imports.org_batch_check(batch.pk, user=OPERATOR, today=TODAY)
    elif checked and kind == ImportBatch.Kind.RECONCILE:
        reconcile_work.reconcile_check(batch.pk, user=OPERATOR, today=TODAY)
    elif checked:
        member_imports.batch_check(batch.pk, user=OPERATOR, today=TODAY)
    batch.refresh_from_db()
    return batch


def _ready_case(w: World) -> AdmissionCase:
    """A case in CSA-1 with every step a cell's resolution needs."""
    own = Member.objects.get(full_name="Lý Văn Tư")
    return members.admission_open(actor=OPERATOR, cell=_org("CSA-1"), today=TODAY, values={
        "full_name": "Hoàng Thị Mới", "gender": "F", "birth_date": D(2000, 4, 2),
        "awareness_class_date": D(2025, 1, 10), "application_date": D(2025, 3, 1),
        "biography_date": D(2025, 4, 1), "biography_verified_date": D(2025, 5, 1),
        "introducer_1": _inside(w), "introducer_2": own, "introducers_months_together": 14,
        "mass_org_comments_date": D(2025, 5, 20),
    })  # fmt: skip


def _proposed(w: World) -> AdmissionCase:
    case = _ready_case(w)
    return members.admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))


def _resolved(w: World) -> AdmissionCase:
    """Proposed, and resolved by CSA's đảng ủy (CSA-1 is a cell inside a đảng bộ cơ sở)."""
    case = _proposed(w)
    return members.admission_grassroots_resolve(actor=OPERATOR, case=case, on=D(2025, 6, 20))


def _sub_cell() -> OrgUnit:
    """A cell of CSA's đảng bộ bộ phận (made on first use)."""
    if (cell := OrgUnit.objects.filter(code="CSA-BP-1").first()) is not None:
        return cell
    sub = organizations.org_create(actor=OPERATOR, code="CSA-BP",
                                   name="Đảng bộ bộ phận Thanh tra", kind=OrgKind.SUB_COMMITTEE,
                                   sector=Sector.ADMINISTRATIVE, parent=_org("CSA"),
                                   established_date=D(2015, 1, 1))  # fmt: skip
    return organizations.org_create(actor=OPERATOR, code="CSA-BP-1", name="Chi bộ Thanh tra 1",
                                    kind=OrgKind.CELL, sector=Sector.ADMINISTRATIVE, parent=sub,
                                    established_date=D(2015, 1, 1))  # fmt: skip


def _in_sub_committee(w: World) -> AdmissionCase:
    """A case of a cell of CSA's đảng bộ bộ phận, proposed by the cell."""
    own = Member.objects.get(full_name="Lý Văn Tư")
    case = members.admission_open(actor=OPERATOR, cell=_sub_cell(), today=TODAY, values={
        "full_name": "Hoàng Thị Mới", "gender": "F", "birth_date": D(2000, 4, 2),
        "awareness_class_date": D(2025, 1, 10), "application_date": D(2025, 3, 1),
        "biography_date": D(2025, 4, 1), "biography_verified_date": D(2025, 5, 1),
        "introducer_1": _inside(w), "introducer_2": own, "introducers_months_together": 14,
        "mass_org_comments_date": D(2025, 5, 20),
    })  # fmt: skip
    return members.admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))


def _authorised_csa() -> OrgUnit:
    """CSA, its đảng ủy authorised to admit since 2/1/2025."""
    authorities.admission_authority_grant(actor=OPERATOR, org=_org("CSA"), on=D(2025, 1, 2),
                                          decision="15-QĐ/ĐUK", today=TODAY)  # fmt: skip
    return _org("CSA")


def _decided(w: World) -> AdmissionCase:
    case = _resolved(w)
    return members.admission_decide(actor=OPERATOR, case=case, on=D(2025, 7, 15))


def _veteran() -> Member:
    """A member of CSA-1 whose 30 years of party age end on 19/5/2025."""
    values = member_values(full_name="Lê Văn Cựu", birth_date=D(1960, 1, 1),
                           admission_date=D(1995, 5, 19),
                           official_date=D(1996, 5, 19))  # fmt: skip
    return members.member_register(actor=OPERATOR, values=values, cell=_org("CSA-1"),
                                   start=Membership.Start.REGISTERED, joined_on=D(2015, 1, 1),
                                   today=TODAY)  # fmt: skip


def _correction(w: World) -> CorrectionRequest:
    """The request about the inside member, made by the route tests' world."""
    return CorrectionRequest.objects.get(member_id=w.inside.pk)


def _party_gap(w: World) -> PartyGap:
    return members.party_gap_add(actor=OPERATOR, member=_inside(w), start_date=D(2016, 1, 1),
                                 end_date=D(2017, 1, 1), reason=GapReason.REMOVED,
                                 today=TODAY)  # fmt: skip


def _with_member(code: str) -> OrgUnit:
    """Organization CODE, with a member in it since 2020."""
    members.member_register(actor=OPERATOR, values=member_values(full_name="Hà Văn Ở"),
                            cell=_org(code), start=Membership.Start.REGISTERED,
                            joined_on=D(2020, 1, 1), today=TODAY)  # fmt: skip
    return _org(code)


def _probationary(w: World, cell: OrgUnit | None = None) -> Member:
    """A probationary member of CELL (CSA-1, inside a đảng bộ cơ sở, unless given)."""
    values = member_values(full_name="Võ Thị Dự", gender="F", birth_date=D(1999, 1, 1),
                           admission_date=D(2024, 1, 10), official_date=None)  # fmt: skip
    return members.member_register(actor=OPERATOR, values=values, cell=cell or _org("CSA-1"),
                                   start=Membership.Start.ADMITTED, joined_on=D(2024, 1, 10),
                                   today=TODAY)  # fmt: skip


def _recognition_proposed(w: World, cell: OrgUnit | None = None) -> Member:
    """That member, once the cell has proposed recognition (13-KNĐ) on 1/2/2025."""
    return members.member_recognition_propose(actor=OPERATOR, member=_probationary(w, cell),
                                              on=D(2025, 2, 1))  # fmt: skip


def _transfer(w: World, kind: str = Transfer.Kind.INTERNAL) -> Transfer:
    temporary = kind != Transfer.Kind.INTERNAL
    return members.transfer_start(
        actor=OPERATOR,
        member=_inside(w),
        kind=kind,
        decided_on=D(2025, 3, 3),
        to_cell=None if temporary else _org("CSA-2"),
        other_party="Học viện Chính trị" if temporary else "",
        expected_return=D(2025, 9, 3) if temporary else None,
    )


def _with_letter(w: World) -> Transfer:
    transfer = _transfer(w)
    return members.transfer_issue_letter(
        actor=OPERATOR, transfer=transfer, on=D(2025, 3, 10), today=TODAY
    )


def _token(device: Any) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _device(*, confirmed: bool, right: bool) -> dict[str, Any]:
    """A new account's authenticator (CONFIRMED, or being set up) and a RIGHT or wrong
    code for it."""
    user = User.objects.create_user("moi", password="mat-khau-dai-123")
    device = TOTPDevice.objects.create(user=user, name="dangvu", confirmed=confirmed)
    return {"user": user, "device": device, "token": _token(device) if right else "000000"}


def _locked(username: str) -> User:
    User.objects.filter(username=username).update(is_active=False)
    return _user(username)


def _link(user: User) -> str:
    return two_factor.two_factor_link_issue(actor=OPERATOR, user=user, now=timezone.now())


def _queued(batch: ImportBatch) -> ImportBatch:
    batch_move(batch, Step.QUEUE_COMMIT)
    return batch


def _committed_members() -> ImportBatch:
    return member_imports.commit_members(
        actor=OPERATOR, path=_members_file(), user=OPERATOR, today=TODAY
    )


def _committed_orgs() -> ImportBatch:
    return org_imports.commit_organizations(
        actor=OPERATOR, path=_orgs_file(), user=OPERATOR, today=TODAY
    )


def _template() -> SimpleUploadedFile:
    return SimpleUploadedFile("mau.docx", template_path_for("recognition_decision").read_bytes())


R = Recipe
E = Event
ACTOR = {"actor": OPERATOR}
USER = {"user": OPERATOR, "today": TODAY}
SERVICES: dict[str, Recipe] = {
    # The annual report's narrative sections
    "narrative_save": R(narratives.narrative_save, lambda w: ACTOR | {
        "committee": _org("DBK"), "year": 2025, "section": Section.NEXT_YEAR,
        "text": "Tập trung thực hiện 07 nhiệm vụ trọng tâm.", "version": 0,
    }, (E.NARRATIVE_SAVED,)),
    "narrative_restore": R(narratives.narrative_restore, lambda w: ACTOR | {
        "narrative": _narrative(), "number": 1, "version": 2,
    }, (E.NARRATIVE_RESTORED,)),
    "narrative_mark": R(narratives.narrative_mark, lambda w: ACTOR | {
        "narrative": _narrative(), "status": Narrative.Status.FINAL, "version": 2,
    }, (E.NARRATIVE_STATUS,)),
    "narrative_comment": R(narratives.narrative_comment, lambda w: ACTOR | {
        "committee": _org("DBK"), "year": 2025, "section": Section.DUES,
        "text": "Cần bổ sung số liệu thu đảng phí.",
    }, (E.NARRATIVE_COMMENTED,)),
    # Plans, tasks and meetings
    "plan_create": R(plans.plan_create, lambda w: ACTOR | {
        "committee": _org("DBK"), "year": 2026, "title": "Kế hoạch năm 2026",
    }, (E.PLAN_CREATED,)),
    "target_add": R(plans.target_add, lambda w: ACTOR | {
        "plan": _plan(), "name": "Kết nạp đảng viên", "kind": Target.Kind.MEASURED,
        "measure": "admissions", "goal": Decimal(5),
    }, (E.TARGET_ADDED,)),
    "target_record": R(plans.target_record, lambda w: ACTOR | {
        "target": _plan().targets.get(), "value": Decimal(90), "on": D(2026, 10, 1),
        "evidence_note": "Báo cáo", "today": TODAY,
    }, (E.TARGET_RECORDED,)),
    "task_add": R(plans.task_add, lambda w: ACTOR | {
        "plan": _plan(), "title": "Sơ kết", "owner_org": _org("CSA-1"),
        "deadline": D(2026, 12, 1), "today": TODAY,
    }, (E.TASK_ADDED,)),
    "task_progress": R(plans.task_progress, lambda w: ACTOR | {
        "task": _plan().tasks.get(), "on": D(2026, 10, 1), "percent": 30, "note": "Đã làm",
        "today": TODAY,
    }, (E.TASK_PROGRESS,)),
    "task_close": R(plans.task_close, lambda w: ACTOR | {
        "task": _plan().tasks.get(), "result": "DONE", "on": D(2026, 10, 1), "today": TODAY,
    }, (E.TASK_CLOSED,)),
    "meeting_record": R(plans.meeting_record, lambda w: ACTOR | {
        "org": _org("DBK"), "kind": Meeting.Kind.YEAR_END, "held_on": D(2026, 1, 14),
        "title": "Hội nghị tổng kết", "guests": [("Lê Văn Khách", "Phó Bí thư Tỉnh ủy")],
        "today": TODAY,
    }, (E.MEETING_RECORDED,)),
    "meeting_attendance": R(plans.meeting_attendance, lambda w: ACTOR | {
        "meeting": _meeting(), "statuses": {
            m.pk: ("EXCUSED", "Ốm") for m in plans.meeting_members(_meeting())},
        "today": TODAY,
    }, (E.MEETING_ATTENDANCE,)),
    "meeting_guests_mark": R(plans.meeting_guests_mark, lambda w: ACTOR | {
        "meeting": _meeting(), "statuses": {g.pk: ("PRESENT", "") for g in _meeting().guests.all()},
        "today": TODAY,
    }, (E.MEETING_ATTENDANCE,)),
    "meeting_invite": R(plans.meeting_invite, lambda w: ACTOR | {
        "meeting": _meeting(), "issued_on": D(2026, 10, 1), "today": TODAY,
    }, (E.DOCUMENT_REGISTERED,)),
    "meeting_print": R(plans_documents.meeting_print, lambda w: ACTOR | {
        "meeting": _meeting(), "attendance": attendance_rows(_meeting()), "document": "minutes",
        "fmt": "docx",
    }, (E.DOCUMENT_PRINTED,)),
    "meeting_conclude": R(plans.meeting_conclude, lambda w: ACTOR | {
        "meeting": _meeting(), "conclusions": "Thống nhất", "tasks": ["Việc một"],
        "plan": _cell_plan(), "deadline": D(2026, 12, 31), "owner_board": Task.Board.OFFICE,
        "today": TODAY,
    }, (E.MEETING_CONCLUDED, E.TASK_ADDED)),
    "meeting_paper_add": R(plans_papers.meeting_paper_add, lambda w: ACTOR | {
        "meeting": _meeting(), "title": "Dự thảo nghị quyết",
        "upload": SimpleUploadedFile("nq.docx", b"docx"),
    }, (E.MEETING_PAPER_ADDED,)),
    "meeting_paper_remove": R(plans_papers.meeting_paper_remove, lambda w: ACTOR | {
        "paper": _meeting().papers.get(),
    }, (E.MEETING_PAPER_REMOVED,)),
    # Inspection, supervision and discipline
    "program_create": R(discipline.program_create, lambda w: ACTOR | {
        "committee": _org("DBK"), "holder": "COMMITTEE", "year": 2026, "title": "Chương trình",
    }, (E.PROGRAM_CREATED,)),
    "check_record": R(discipline.check_record, lambda w: ACTOR | {
        "program": _check().program, "activity": "SUPERVISION", "kind": "REGULAR",
        "starts_on": D(2026, 5, 4), "ends_on": D(2026, 5, 29), "subject_org": _org("CSA"),
        "today": TODAY,
    }, (E.CHECK_RECORDED,)),
    "check_conclude": R(discipline.check_conclude, lambda w: ACTOR | {
        "check": _check(), "findings": "Đã kiểm tra", "conclusion": "Có vi phạm",
        "concluded_on": D(2026, 4, 1), "version": _check().version, "today": TODAY,
    }, (E.CHECK_CONCLUDED,)),
    "recommendation_done": R(discipline.recommendation_done, lambda w: ACTOR | {
        "recommendation": _concluded().recommendations.get(), "done_on": D(2026, 4, 20),
        "note": "Đã kiểm điểm", "today": TODAY,
    }, (E.RECOMMENDATION_DONE,)),
    "complaint_receive": R(discipline.complaint_receive, lambda w: ACTOR | {
        "committee": _org("DBK"), "kind": "COMPLAINT", "received_on": D(2026, 3, 2),
        "summary": "Khiếu nại", "subject_org": _org("CSA"), "today": TODAY,
    }, (E.COMPLAINT_RECEIVED,)),
    "complaint_resolve": R(discipline.complaint_resolve, lambda w: ACTOR | {
        "complaint": Complaint.objects.get(committee__code="DBK"), "outcome": "FOUNDED",
        "closed_on": D(2026, 3, 20), "opened_check": _check(), "today": TODAY,
    }, (E.COMPLAINT_RESOLVED,)),
    "decision_record": R(discipline.decision_record, lambda w: ACTOR | {
        "body": "UPPER_COMMISSION", "body_org": _org("DBK"), "form": "EXPULSION",
        "number": "8-QĐ/UBKT", "decided_on": D(2026, 5, 4), "violated_on": D(2026, 1, 5),
        "reason": "Vi phạm", "subject_member": _inside(w), "today": TODAY,
    }, (E.DISCIPLINED, E.EXITED)),
    "appeal_file": R(discipline.appeal_file, lambda w: ACTOR | {
        "decision": _decision(), "filed_on": D(2026, 4, 10), "reason": "Xem lại",
        "today": TODAY,
    }, (E.APPEAL_FILED,)),
    "appeal_resolve": R(discipline.appeal_resolve, lambda w: ACTOR | {
        "appeal": _appeal("EXPULSION"), "outcome": Appeal.Outcome.ANNULLED,
        "resolved_on": D(2026, 6, 1), "resolution": "2-QĐ/UBKT", "today": TODAY,
    }, (E.REINSTATED, E.APPEAL_RESOLVED)),
    "member_reinstate": R(members.member_reinstate, lambda w: ACTOR | {
        "member": _decision("EXPULSION").subject_member, "decision": "3-QĐ/UBKT",
    }, (E.REINSTATED,)),
    "org_disband": R(organizations.org_disband, lambda w: ACTOR | {
        "org": _org("CSA-2"), "effective_date": D(2025, 3, 3), "decision": "4-QĐ/ĐUK",
    }, (E.ORG_DISSOLVED,)),
    # The registry
    "member_register": R(members.member_register, lambda w: ACTOR | {
        "values": member_values(full_name="Đỗ Văn Ghi"), "cell": _org("CSA-2"),
        "start": Membership.Start.REGISTERED, "joined_on": D(2020, 1, 1), "today": TODAY,
    }, (E.REGISTERED,)),
    "member_update": R(members.member_update, lambda w: ACTOR | {
        "member": _inside(w), "version": _inside(w).version, "today": TODAY,
        "values": {"workplace": "Sở Tài chính", "ethnicity": "02"},
    }, (E.UPDATED,)),
    "member_revert_change": R(members.member_revert_change, lambda w: ACTOR | {
        "entry": AuditEntry.objects.get(action=E.UPDATED, object_id=w.inside.pk), "today": TODAY,
    }, (E.REVERTED,)),
    "members_register_bulk": R(members.members_register_bulk, lambda w: ACTOR | {
        "today": TODAY, "label": "Nhập thử", "rows": [members.RegistryRow(
            values=member_values(full_name="Phan Văn Một"),
            periods=[(_org("CSA-2").pk, D(2016, 1, 1), None, Membership.Start.REGISTERED)],
        )],
    }, (E.BULK_REGISTERED, E.REGISTERED)),
    # Admission
    "admission_open": R(members.admission_open, lambda w: ACTOR | {
        "cell": _org("CSA-1"), "today": TODAY,
        "values": {"full_name": "Hoàng Thị Mới", "gender": "F", "birth_date": D(2000, 4, 2)},
    }, (E.ADMISSION_OPENED,)),
    "admission_update": R(members.admission_update, lambda w: ACTOR | {
        "case": w.case_in, "version": w.case_in.version, "today": TODAY,
        "values": {"workplace": "Sở Xây dựng", "application_date": D(2025, 3, 1)},
    }, (E.ADMISSION_UPDATED,)),
    "admission_propose": R(members.admission_propose, lambda w: ACTOR | {
        "case": _ready_case(w), "on": D(2025, 6, 2),
    }, (E.ADMISSION_PROPOSED,)),
    "admission_sub_committee_review": R(members.admission_sub_committee_review,
                                        lambda w: ACTOR | {
        "case": _in_sub_committee(w), "on": D(2025, 6, 10),
    }, (E.ADMISSION_REVIEWED,)),
    "admission_grassroots_resolve": R(members.admission_grassroots_resolve, lambda w: ACTOR | {
        "case": _proposed(w), "on": D(2025, 6, 20),
    }, (E.ADMISSION_GRASSROOTS,)),
    "admission_decide": R(members.admission_decide, lambda w: ACTOR | {
        "case": _resolved(w), "on": D(2025, 7, 15), "extension_days": 5,
    }, (E.ADMISSION_DECIDED, E.DOCUMENT_REGISTERED)),
    "admission_ceremony": R(members.admission_ceremony, lambda w: ACTOR | {
        "case": _decided(w), "on": D(2025, 8, 1), "today": TODAY,
    }, (E.ADMITTED, E.REGISTERED)),
    "admission_close": R(members.admission_close, lambda w: ACTOR | {
        "case": w.case_in, "reason": "Rút đơn", "today": TODAY,
    }, (E.ADMISSION_CLOSED,)),
    # Lifecycle
    "member_recognition_propose": R(members.member_recognition_propose, lambda w: ACTOR | {
        "member": _probationary(w), "on": D(2025, 2, 1),
    }, (E.RECOGNITION_PROPOSED,)),
    "member_recognition_review": R(members.member_recognition_review, lambda w: ACTOR | {
        "member": _recognition_proposed(w, _sub_cell()), "on": D(2025, 2, 10),
    }, (E.RECOGNITION_REVIEWED,)),
    "member_recognition_grassroots": R(members.member_recognition_grassroots, lambda w: ACTOR | {
        "member": _recognition_proposed(w), "on": D(2025, 2, 15),
    }, (E.RECOGNITION_GRASSROOTS,)),
    "member_recognize": R(members.member_recognize, lambda w: ACTOR | {
        "member": members.member_recognition_grassroots(
            actor=OPERATOR, member=_recognition_proposed(w), on=D(2025, 2, 15)
        ),
        "decided_on": D(2025, 3, 1), "today": TODAY,
    }, (E.RECOGNIZED, E.DOCUMENT_REGISTERED)),
    "member_move": R(members.member_move, lambda w: ACTOR | {
        "member": _inside(w), "to_cell": _org("CSA-2"), "on": D(2025, 3, 3),
    }, (E.MOVED,)),
    "member_exempt": R(members.member_exempt, lambda w: ACTOR | {
        "member": _inside(w), "valid_from": D(2025, 4, 1), "valid_to": None, "reason": "Sức khỏe",
    }, (E.EXEMPTED,)),
    "member_exit": R(members.member_exit, lambda w: ACTOR | {
        "member": _inside(w), "reason": ExitReason.DIED, "on": D(2025, 5, 5), "today": TODAY,
    }, (E.EXITED,)),
    "member_expel": R(members.member_expel, lambda w: ACTOR | {
        "member": _inside(w), "on": D(2025, 5, 5), "today": TODAY, "decision": "9-QĐ/UBKT",
    }, (E.EXITED,)),
    "member_receive": R(members.member_receive, lambda w: ACTOR | {
        "values": member_values(full_name="Mai Văn Đến"), "cell": _org("CSA-2"),
        "on": D(2025, 3, 3), "other_party": "Đảng bộ tỉnh Nghệ An", "today": TODAY,
    }, (E.REGISTERED, E.RECEIVED)),
    "badge_award": R(members.badge_award, lambda w: ACTOR | {
        "member": _veteran(), "milestone": 30, "awarded_on": D(2025, 9, 2),
    }, (E.BADGE_AWARDED,)),
    "correction_request_submit": R(members.correction_request_submit, lambda w: {
        "actor": _user("dangvien"), "member": Member.objects.get(full_name="Lý Văn Tư"),
        "field": "phone", "proposed_value": "0912345678", "reason": "Số mới", "today": TODAY,
    }, (E.CORRECTION_REQUESTED,)),
    "correction_request_accept": R(members.correction_request_accept, lambda w: {
        "actor": _user("tochuc"), "request": _correction(w), "today": TODAY,
    }, (E.CORRECTION_ACCEPTED, E.UPDATED)),
    "correction_request_reject": R(members.correction_request_reject, lambda w: {
        "actor": _user("bithu"), "request": _correction(w), "reason": "Chưa có căn cứ",
        "today": TODAY,
    }, (E.CORRECTION_REJECTED,)),
    "party_gap_add": R(members.party_gap_add, lambda w: ACTOR | {
        "member": _inside(w), "start_date": D(2016, 1, 1), "end_date": D(2017, 1, 1),
        "reason": GapReason.LOST_CONTACT, "detail": "Mất liên lạc", "today": TODAY,
    }, (E.PARTY_GAP_ADDED,)),
    "party_gap_remove": R(members.party_gap_remove, lambda w: ACTOR | {
        "gap": _party_gap(w), "today": TODAY,
    }, (E.PARTY_GAP_REMOVED,)),
    "transfer_start": R(members.transfer_start, lambda w: ACTOR | {
        "member": _inside(w), "kind": Transfer.Kind.INTERNAL, "decided_on": D(2025, 3, 3),
        "to_cell": _org("CSA-2"),
    }, (E.TRANSFER_STARTED,)),
    "transfer_issue_letter": R(members.transfer_issue_letter, lambda w: ACTOR | {
        "transfer": _transfer(w), "on": D(2025, 3, 10), "today": TODAY,
    }, (E.TRANSFER_LETTER, E.DOCUMENT_REGISTERED)),
    "transfer_arrive": R(members.transfer_arrive, lambda w: ACTOR | {
        "transfer": _with_letter(w), "on": D(2025, 3, 20),
    }, (E.TRANSFER_ARRIVED,)),
    "transfer_return": R(members.transfer_return, lambda w: ACTOR | {
        "transfer": _transfer(w, Transfer.Kind.TEMPORARY_STUDY), "on": D(2025, 6, 3),
    }, (E.RETURNED,)),
    "transfer_cancel": R(members.transfer_cancel, lambda w: ACTOR | {
        "transfer": _transfer(w), "reason": "Đổi ý",
    }, (E.TRANSFER_CANCELLED,)),
    "members_export": R(member_export.members_export, lambda w: {
        "user": OPERATOR, "filters": MemberFilter(as_of=TODAY, status="OFFICIAL", gender="F"),
        "path": Path(tempfile.mkdtemp()) / "dv.xlsx",
    }, (E.MEMBERS_EXPORTED,)),
    "badge_list_export": R(badge_list.badge_list_export, lambda w: {
        "user": OPERATOR, "occasion": D(2026, 2, 3), "org": None,
        "rows": badge_list.badge_list(user=OPERATOR, occasion=D(2026, 2, 3)),
        "path": Path(tempfile.mkdtemp()) / "huy-hieu.xlsx",
    }, (E.MEMBERS_EXPORTED,)),
    "admission_list_export": R(admission_list.admission_list_export, lambda w: {
        "user": OPERATOR, "filters": admission_list.AdmissionFilter(state="OPEN"),
        "today": TODAY, "path": Path(tempfile.mkdtemp()) / "ket-nap.xlsx",
    }, (E.MEMBERS_EXPORTED,)),
    "due_list_export": R(due_export.due_list_export, lambda w: {
        "user": OPERATOR, "items": due_list(user=OPERATOR, today=TODAY), "today": TODAY,
        "org": None, "path": Path(tempfile.mkdtemp()) / "viec.xlsx",
    }, (E.MEMBERS_EXPORTED,)),
    "evaluation_results_export": R(evaluation_export.evaluation_results_export, lambda w: {
        "user": OPERATOR, "round_": _closed_round(), "path": Path(tempfile.mkdtemp()) / "kq.xlsx",
    }, (E.EVALUATION_EXPORTED,)),
    # The tree
    "org_create": R(organizations.org_create, lambda w: ACTOR | {
        "code": "CSA-3", "name": "Chi bộ Kế toán", "kind": OrgKind.CELL,
        "sector": Sector.ADMINISTRATIVE, "parent": _org("CSA"), "established_date": D(2025, 1, 1),
    }, (E.ORG_CREATED,)),
    "org_rename": R(organizations.org_rename, lambda w: ACTOR | {
        "org": _org("CSA-2"), "new_name": "Chi bộ Thanh tra Sở", "effective_date": D(2025, 3, 3),
        "decision": "3-QĐ",
    }, (E.ORG_RENAMED,)),
    "org_reclassify": R(organizations.org_reclassify, lambda w: ACTOR | {
        "org": _with_member("CSB"), "new_kind": OrgKind.GRASSROOTS_COMMITTEE,
        "effective_date": D(2025, 3, 3), "first_cell": ("CSB-1", "Chi bộ Văn phòng Hội"),
    }, (E.ORG_RECLASSIFIED, E.ORG_CREATED)),
    "org_move": R(organizations.org_move, lambda w: ACTOR | {
        "org": _org("CSA-2"), "effective_date": D(2025, 3, 3),
        "new_parent": organizations.org_create(
            actor=OPERATOR, code="CSC", name="Đảng bộ Sở Xây dựng",
            kind=OrgKind.GRASSROOTS_COMMITTEE, sector=Sector.ADMINISTRATIVE,
            parent=_org("DBK"), established_date=D(2020, 1, 1),
        ),
    }, (E.ORG_MOVED,)),
    "org_dissolve": R(organizations.org_dissolve, lambda w: ACTOR | {
        "org": _org("CSA-2"), "effective_date": D(2025, 3, 3),
    }, (E.ORG_DISSOLVED,)),
    "org_merge": R(organizations.org_merge, lambda w: ACTOR | {
        "sources": [_org("CSA-2")], "into": _org("CSA-1"), "effective_date": D(2025, 3, 3),
    }, (E.ORG_MERGED,)),
    "org_split": R(organizations.org_split, lambda w: ACTOR | {
        "org": _org("CSB"), "effective_date": D(2025, 3, 3), "parts": [
            organizations.SplitPart(code="CSB1", name="Chi bộ B1", kind=OrgKind.GRASSROOTS_CELL),
            organizations.SplitPart(code="CSB2", name="Chi bộ B2", kind=OrgKind.GRASSROOTS_CELL),
        ],
    }, (E.ORG_SPLIT, E.ORG_CREATED)),
    "admission_authority_grant": R(authorities.admission_authority_grant, lambda w: ACTOR | {
        "org": _org("CSA"), "on": D(2025, 1, 2), "decision": "15-QĐ/ĐUK", "today": TODAY,
    }, (E.ADMISSION_AUTHORITY_GRANTED,)),
    "admission_authority_withdraw": R(authorities.admission_authority_withdraw,
                                      lambda w: ACTOR | {
        "org": _authorised_csa(), "on": D(2025, 6, 2), "decision": "40-QĐ/ĐUK", "today": TODAY,
    }, (E.ADMISSION_AUTHORITY_WITHDRAWN,)),
    "organizations_export": R(org_export.organizations_export, lambda w: {
        "user": OPERATOR, "as_of": TODAY, "path": Path(tempfile.mkdtemp()) / "tc.csv",
    }, (E.ORGS_EXPORTED,)),
    # Accounts
    "role_assign": R(accounts.role_assign, lambda w: ACTOR | {
        "user": User.objects.create_user("moi"), "role": Role.SECRETARY, "org": _org("CSB"),
        "valid_from": D(2025, 1, 1),
    }, (E.ROLE_ASSIGNED,)),
    "account_create": R(accounts.account_create, lambda w: ACTOR | {
        "username": "moi", "full_name": "Phạm Thị Mới", "email": "moi@so.vn", "today": TODAY,
    }, (E.ACCOUNT_CREATED,)),
    "account_create: a member's own": R(accounts.account_create, lambda w: ACTOR | {
        "username": "moi", "full_name": "Trần Thị Bình", "member": _inside(w), "today": TODAY,
    }, (E.ACCOUNT_CREATED, E.ROLE_ASSIGNED)),
    "role_end": R(accounts.role_end, lambda w: ACTOR | {
        "assignment": RoleAssignment.objects.get(user=_user("bithu")), "on": TODAY,
    }, (E.ROLE_ENDED,)),
    "password_link_issue": R(accounts.password_link_issue, lambda w: ACTOR | {
        "account": _user("tochuc"), "now": timezone.now(),
    }, (E.PASSWORD_LINK_ISSUED,)),
    "two_factor_reset": R(accounts.two_factor_reset, lambda w: ACTOR | {
        "account": _user("tochuc"), "now": timezone.now(),
    }, (E.TWO_FACTOR_RESET, E.TWO_FACTOR_LINK_ISSUED)),
    "account_lock": R(accounts.account_lock, lambda w: ACTOR | {
        "account": _user("tochuc"), "today": TODAY, "reason": "Nghỉ hưu",
    }, (E.ACCOUNT_LOCKED,)),
    "account_unlock": R(accounts.account_unlock, lambda w: ACTOR | {
        "account": _locked("tochuc"),
    }, (E.ACCOUNT_UNLOCKED,)),
    "two_factor_link_issue": R(two_factor.two_factor_link_issue, lambda w: ACTOR | {
        "user": _user("tochuc"), "now": timezone.now(),
    }, (E.TWO_FACTOR_LINK_ISSUED,)),
    "two_factor_link_use": R(two_factor.two_factor_link_use, lambda w: {
        "user": _user("tochuc"), "token": _link(_user("tochuc")), "now": timezone.now(),
    }, (E.TWO_FACTOR_ENROLLED,)),
    "two_factor_confirm": R(two_factor.two_factor_confirm, lambda w: _device(
        confirmed=False, right=True), (E.TWO_FACTOR_CONFIRMED,)),
    "two_factor_confirm: a wrong code": R(two_factor.two_factor_confirm, lambda w: _device(
        confirmed=False, right=False), (E.TWO_FACTOR_FAILED,)),
    "two_factor_verify": R(two_factor.two_factor_verify, lambda w: _device(
        confirmed=True, right=True), (E.TWO_FACTOR_PASSED,)),
    "two_factor_verify: a wrong code": R(two_factor.two_factor_verify, lambda w: _device(
        confirmed=True, right=False), (E.TWO_FACTOR_FAILED,)),
    "account_event": R(trail.account_event, lambda w: {
        "event": E.LOCKED_OUT, "actor": AnonymousUser(), "username": "tochuc", "request": None,
    }, (E.LOCKED_OUT,)),
    "account_event: a failed login": R(trail.account_event, lambda w: {
        "event": E.LOGIN_FAILED, "actor": AnonymousUser(), "username": "khong-ai",
        "request": None,
    }, (E.LOGIN_FAILED,)),
    "restore_record": R(backup.restore_record, lambda w: {
        "name": "sao-luu.tar", "manifest": backup.Manifest("sqlite", timezone.now(), [], {}, 3),
    }, (E.BACKUP_RESTORED,)),
    "sort_keys_rebuild": R(sort_keys.sort_keys_rebuild, lambda w: {
        "table": sort_keys.keyed_tables()[0],
    }, (E.SORT_KEYS_REBUILT,)),
    # Documents
    "documents_log_print": R(documents.documents_log_print, lambda w: ACTOR | {
        "name": "recognition_decision", "subject": _inside(w), "org": None,
        "context": sample_context("recognition_decision"),
    }, (E.DOCUMENT_PRINTED,)),
    "document_template_upload": R(documents.document_template_upload, lambda w: ACTOR | {
        "name": "recognition_decision", "upload": _template(),
    }, (E.TEMPLATE_UPLOADED,)),
    # Imports
    "batch_upload": R(import_services.batch_upload, lambda w: ACTOR | {
        "file": _upload(_members_file()), "kind": ImportBatch.Kind.IMPORT, "org": _org("CSA"),
    }, (E.IMPORT_UPLOADED,)),
    "batch_remap": R(import_services.batch_remap, lambda w: ACTOR | {
        "batch": _batch(ImportBatch.Kind.IMPORT, _members_file()),
        "mapping": {"0": "full_name", "2": "birth_date"},
    }, (E.IMPORT_REMAPPED,)),
    "check_members": R(member_imports.check_members, lambda w: USER | {
        "path": _members_file(),
        "batch": _batch(ImportBatch.Kind.IMPORT, _members_file(), checked=False),
    }),
    "batch_check": R(member_imports.batch_check, lambda w: USER | {
        "batch_id": _batch(ImportBatch.Kind.IMPORT, _members_file(), checked=False).pk,
    }),
    "commit_members": R(member_imports.commit_members, lambda w: ACTOR | USER | {
        "path": _members_file(),
    }, (E.IMPORT_COMMITTED, E.REGISTERED)),
    "batch_commit": R(member_imports.batch_commit, lambda w: USER | {
        "batch_id": _queued(_batch(ImportBatch.Kind.IMPORT, _members_file())).pk,
    }, (E.IMPORT_COMMITTED, E.REGISTERED)),
    "undo_import": R(member_imports.undo_import, lambda w: ACTOR | {
        "batch": _committed_members(),
    }, (E.IMPORT_UNDONE, E.REGISTRATION_UNDONE)),
    "check_organizations": R(org_imports.check_organizations, lambda w: USER | {
        "path": _orgs_file(),
    }),
    "org_batch_check": R(org_imports.org_batch_check, lambda w: USER | {
        "batch_id": _batch(ImportBatch.Kind.ORG_IMPORT, _orgs_file(), checked=False).pk,
    }),
    "commit_organizations": R(org_imports.commit_organizations, lambda w: ACTOR | USER | {
        "path": _orgs_file(),
    }, (E.IMPORT_COMMITTED, E.ORG_CREATED)),
    "org_batch_commit": R(org_imports.org_batch_commit, lambda w: USER | {
        "batch_id": _batch(ImportBatch.Kind.ORG_IMPORT, _orgs_file()).pk,
    }, (E.IMPORT_COMMITTED, E.ORG_CREATED)),
    "undo_organization_import": R(org_imports.undo_organization_import, lambda w: ACTOR | {
        "batch": _committed_orgs(),
    }, (E.IMPORT_UNDONE, E.ORG_UNDONE)),
    "apply_differences": R(reconcile.apply_differences, lambda w: ACTOR | USER | {
        "path": _reconcile_file(w),
        "chosen": {(w.inside.pk, "full_name")},
    }, (E.UPDATED,)),
    "reconcile_check": R(reconcile_work.reconcile_check, lambda w: USER | {
        "batch_id": _batch(ImportBatch.Kind.RECONCILE, _reconcile_file(w), checked=False).pk,
    }),
    "round_open": R(evaluation.round_open, lambda w: ACTOR | {
        "committee": _org("DBK"), "year": 2025, "today": TODAY,
    }, (E.EVALUATION_OPENED,)),
    "ratings_save": R(evaluation.ratings_save, lambda w: ACTOR | {
        "round_": _round(), "changes": [evaluation.RatingChange(_rating(w).pk, Level.GOOD)],
    }, (E.EVALUATION_RATED,)),
    "round_advance": R(evaluation.round_advance, lambda w: ACTOR | {
        "round_": _round(), "today": TODAY,
    }, (E.EVALUATION_ADVANCED,)),
    "round_reopen": R(evaluation.round_reopen, lambda w: ACTOR | {
        "round_": _closed_round(), "reason": "Bổ sung kết luận kiểm tra",
    }, (E.EVALUATION_REOPENED,)),
    "commendations_decide": R(evaluation.commendations_decide, lambda w: ACTOR | {
        "round_": _closed_round(), "rating_ids": [_rating(w).pk], "decision_number": "5-QĐ/ĐU",
        "decision_date": TODAY, "today": TODAY,
    }, (E.COMMENDED, E.DOCUMENT_REGISTERED)),
    "ratings_import": R(rating_imports.ratings_import, lambda w: ACTOR | {
        "round_": _round(),
        "path": _file("xl.csv", f"Số CCCD,Xếp loại,Điểm\n{w.inside.national_id},HTTNV,80\n"),
    }, (E.EVALUATION_RATED,)),
    "signer_create": R(signers.signer_create, lambda w: ACTOR | {
        "committee": _org("DBK"), "valid_from": D(2022, 1, 1), "valid_to": None, "today": TODAY,
        "signature": signers.Signature("Phạm Thị Mới", "Bí thư", "T/M Ban Thường vụ", "ĐUK"),
    }, (E.SIGNER_CREATED,)),
    "signer_update": R(signers.signer_update, lambda w: ACTOR | {
        "signer": _signer(), "version": _signer().version, "valid_from": D(2020, 1, 1),
        "valid_to": D(2020, 6, 1), "today": TODAY,
        "signature": signers.Signature("Trịnh Văn Dũng", "Bí thư", "T/M Ban Thường vụ", "ĐUK"),
    }, (E.SIGNER_UPDATED,)),
    "document_register": R(document_register.document_register, lambda w: ACTOR | {
        "committee": _org("DBK"), "kind": DocumentKind.DECISION, "issued_on": TODAY,
        "summary": "Quyết định thử", "subject": _round(),
    }, (E.DOCUMENT_REGISTERED,)),
    "commendation_print": R(commendation_documents.commendation_print, lambda w: ACTOR | {
        "commendation": _commendation(), "document": "certificates", "fmt": "docx",
    }, (E.DOCUMENT_PRINTED,)),
    "dues_basis_set": R(dues.dues_basis_set, lambda w: ACTOR | {
        "member": _inside(w), "month": D(2026, 2, 1), "category": Category.SALARY_STATE,
        "income": 9_000_000, "today": TODAY,
    }, (E.DUES_BASIS_SET,)),
    "dues_relief_grant": R(dues.dues_relief_grant, lambda w: ACTOR | {
        "member": _inside(w), "kind": ReliefKind.REDUCED, "ground": ReliefGround.HARDSHIP,
        "percent": 50, "first_month": D(2026, 3, 1), "last_month": D(2026, 8, 1),
        "decision": "7-QĐ/ĐU", "decided_on": D(2026, 2, 25), "today": TODAY,
    }, (E.DUES_RELIEF_GRANTED,)),
    "dues_collect": R(dues.dues_collect, lambda w: ACTOR | {
        "cell": _org("CSA-1"), "month": D(2026, 10, 1), "today": TODAY,
        "payments": [dues.Collected(_inside(w), 90_000, D(2026, 10, 5))],
    }, (E.DUES_COLLECTED, E.DUES_PAID)),
    "dues_collect_cells": R(dues.dues_collect_cells, lambda w: ACTOR | {
        "month": D(2026, 10, 1), "today": TODAY, "source": "thu.xlsx",
        "collections": [(_org("CSA-1"), [dues.Collected(_inside(w), 90_000, D(2026, 10, 5))])],
    }, (E.DUES_COLLECTED, E.DUES_PAID)),
    "dues_payment_record": R(dues.dues_payment_record, lambda w: ACTOR | {
        "member": _inside(w), "months": [D(2026, 9, 1)], "amount": 90_000,
        "paid_on": D(2026, 10, 5), "today": TODAY,
    }, (E.DUES_PAID,)),
    "dues_payment_correct": R(dues_corrections.dues_payment_correct, lambda w: ACTOR | {
        "payment": _payment(w), "amount": 95_000, "paid_on": D(2026, 10, 6), "today": TODAY,
    }, (E.DUES_PAYMENT_CORRECTED,)),
    "dues_payment_remove": R(dues_corrections.dues_payment_remove, lambda w: ACTOR | {
        "payment": _payment(w), "reason": "Ghi nhầm tháng",
    }, (E.DUES_PAYMENT_REMOVED,)),
    "dues_correction_revert": R(dues_corrections.dues_correction_revert, lambda w: ACTOR | {
        "entry": _removed_payment(w), "today": TODAY,
    }, (E.DUES_PAYMENT_RESTORED,)),
    "dues_ledger_export": R(dues_export.dues_ledger_export, lambda w: {
        "user": OPERATOR, "month": D(2026, 10, 1), "org": _org("CSA"), "today": TODAY,
        "path": Path(tempfile.mkdtemp()) / "so-dang-phi.xlsx", "whole_year": True,
    }, (E.DUES_LEDGER_EXPORTED,)),
    "reconcile_apply": R(reconcile_work.reconcile_apply, lambda w: USER | {
        "batch_id": _queued(_batch(ImportBatch.Kind.RECONCILE, _reconcile_file(w))).pk,
        "chosen": [f"{w.inside.pk}:full_name"],
    }, (E.UPDATED,)),
}  # fmt: skip
