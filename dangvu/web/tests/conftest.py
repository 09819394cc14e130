"""The world of the route tests: two committees, the demo's roles on the first, objects
inside and outside each role's subtree."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.models import AdministrativeUnit, AuditEntry
from dangvu.discipline.services import (
    check_record,
    complaint_receive,
    decision_record,
    program_create,
)
from dangvu.documents.models import DocumentKind
from dangvu.documents.register import document_register
from dangvu.documents.signers import Signature, signer_create
from dangvu.evaluation.models import Commendation, Rating
from dangvu.evaluation.services import round_open
from dangvu.imports.models import ImportBatch
from dangvu.members.models import AdmissionCase, Member
from dangvu.members.services import admission_open, correction_request_submit, member_update
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgKind, Sector
from dangvu.organizations.roles import Role
from dangvu.organizations.services import org_create
from dangvu.plans.models import Meeting, Target
from dangvu.plans.papers import meeting_paper_add
from dangvu.plans.services import (
    meeting_record,
    plan_create,
    target_add,
    target_record,
    task_add,
    task_progress,
)

ROLES = ["anonymous", "admin", "thuongvu", "tochuc", "kiemtra", "tuyengiao", "vanphong",
         "bithu", "dangvien"]  # fmt: skip
COMMITTEE_ROLES = {"thuongvu": Role.LEADERSHIP, "tochuc": Role.ORGANIZATION_BOARD,
                   "kiemtra": Role.INSPECTION, "tuyengiao": Role.PROPAGANDA,
                   "vanphong": Role.OFFICE}  # fmt: skip
OUTSIDE_CANDIDATE = "Mạc Thị Bên Ngoài"
OUTSIDE_SIGNER = "Hoàng Văn Ký Ngoài"
OUTSIDE_SENDER = "Phùng Văn Gửi Ngoài"
DECISION_DOCX = {"document": "decision", "fmt": "docx"}
# A 1×1 PNG: the members' photos, served only inside the scope.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass
class World:
    clients: dict[str, Client]
    args: dict[str, tuple[dict[str, Any], dict[str, Any]]]
    outsider_names: list[str]
    inside: Member
    outside: Member
    case_in: AdmissionCase
    queries: dict[str, dict[str, str]] = field(default_factory=dict)


@pytest.fixture
def world(tree: Tree, add_member: AddMember, make_user: MakeUser) -> World:
    other = org_create(
        actor=OPERATOR,
        code="DBX",
        name="Đảng bộ khác",
        kind=OrgKind.UPPER_COMMITTEE,
        sector=Sector.OTHER,
        parent=None,
        established_date=dt.date(2015, 1, 1),
    )
    other_unit = org_create(actor=OPERATOR, code="CSX", name="Chi bộ Công ty X",
                            kind=OrgKind.GRASSROOTS_CELL, sector=Sector.NON_STATE_ENTERPRISE,
                            parent=other, established_date=dt.date(2015, 1, 1))  # fmt: skip
    inside = add_member(tree.cell_a1, full_name="Trần Thị Bình", gender="F")
    own = add_member(tree.cell_a1, full_name="Lý Văn Tư")
    outside = add_member(other_unit, full_name="Quách Thị Ngoại", gender="F")
    for member in (inside, outside):
        member.photo.save("anh.png", ContentFile(PNG), save=True)
    # Recognized through the service, they would carry their decision, which the printed
    # recognition decision needs, with the admission decision it cites, their quê quán, and
    # a signer of that day (the committees' signers below sign in 2020).
    Member.objects.filter(pk__in=[inside.pk, outside.pk]).update(
        official_decision_date=dt.date(2020, 5, 25), official_decision_number="5-QĐ/ĐUK",
        admission_decision_date=dt.date(2010, 5, 3),
        hometown_province=AdministrativeUnit.objects.get(scheme="2008", level="PROVINCE",
                                                         code="38"),
    )  # fmt: skip
    today = TODAY
    edits = [
        member_update(actor=OPERATOR, member=m, version=m.version,
                      values={"phone": "0900000000"}, today=today)
        for m in (inside, outside)
    ]  # fmt: skip
    entry_in, entry_out = (
        AuditEntry.objects.get(action="members.member.updated", object_id=m.pk) for m in edits
    )
    case_in, case_out = (
        admission_open(
            actor=OPERATOR,
            cell=cell,
            today=today,
            values={"full_name": name, "gender": "F", "birth_date": dt.date(2000, 1, 1)},
        )
        for cell, name in ((tree.cell_a1, "Vũ Thị Trong"), (other_unit, OUTSIDE_CANDIDATE))
    )
    # A correction request about each side's member (their pages).
    correction_in, correction_out = (
        correction_request_submit(
            actor=OPERATOR,
            member=member,
            field="workplace",
            proposed_value="Sở Tài chính",
            reason="Chuyển công tác",
            today=today,
        )
        for member in (inside, outside)
    )
    users = {"admin": make_user("admin", Role.ADMIN)}
    for username, role in COMMITTEE_ROLES.items():
        users[username] = make_user(username, role, tree.committee)
    users["bithu"] = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    users["dangvien"] = make_user("dangvien", Role.MEMBER, member=own)
    batches: dict[str, list[dict[str, int]]] = {"IMPORT": [], "RECONCILE": [], "ORG_IMPORT": []}
    for kind in batches:
        for owner in (users["tochuc"], users["admin"]):
            batch = ImportBatch(created_by=owner, file_name="ds.csv", state="UPLOADED", kind=kind)
            # A header and a row: a file with no data row is refused (issue 9).
            content = ContentFile("Họ và tên,Ngày sinh\nVũ Văn Tệp,01/01/1980\n".encode())
            batch.file.save("ds.csv", content, save=True)
            batches[kind].append({"pk": batch.pk})
    round_in = round_open(actor=OPERATOR, committee=tree.committee, year=TODAY.year, today=TODAY)
    round_out = round_open(actor=OPERATOR, committee=other, year=TODAY.year, today=TODAY)
    # A commendation of each round (its documents' routes) on an organization's rating, and
    # each committee's signer, in a past period, and a number in its register.
    commendations, signers = [], []
    for round_, org, signer in ((round_in, tree.cell_a1, "Trịnh Văn Dũng"),
                                (round_out, other_unit, OUTSIDE_SIGNER)):  # fmt: skip
        rating = Rating.objects.get(round=round_, org=org, kind=Rating.Kind.ORG)
        commendations.append(Commendation.objects.create(
            rating=rating, decision_number="1-QĐ/ĐUK", decision_date=TODAY,
            certificate_number="1-GK/ĐUK"))  # fmt: skip
        signature = Signature(signer, "Phó Bí thư", "T/M Ban Thường vụ", "ĐUK")
        signers.append(signer_create(actor=OPERATOR, committee=round_.committee,
                                     signature=signature, valid_from=dt.date(2020, 1, 1),
                                     valid_to=dt.date(2021, 1, 1), today=TODAY))  # fmt: skip
        document_register(actor=OPERATOR, committee=round_.committee, issued_on=TODAY,
                          kind=DocumentKind.DECISION, summary=f"Quyết định {signer}",
                          subject=round_)  # fmt: skip
    # Each committee's commission program, a check, a complaint and a decision about the
    # member inside it.
    cases = []
    # Titles name no organization by its code: the readable-pages walk would take it for one.
    sides = ((tree.committee, tree.cell_a1, inside), (other, other_unit, outside))
    for number, (committee, cell, member) in enumerate(sides, 1):
        program = program_create(actor=OPERATOR, committee=committee, holder="COMMISSION",
                                 year=2026, title=f"Chương trình kiểm tra số {number}")  # fmt: skip
        check = check_record(actor=OPERATOR, program=program, activity="INSPECTION",
                             kind="SIGNS", starts_on=dt.date(2026, 3, 2),
                             ends_on=dt.date(2026, 3, 31), subject_member=member,
                             today=TODAY)  # fmt: skip
        complaint = complaint_receive(actor=OPERATOR, committee=committee, kind="DENUNCIATION",
                                      received_on=dt.date(2026, 2, 2), summary="Tố cáo",
                                      sender=OUTSIDE_SENDER if committee == other else "",
                                      subject_member=member, today=TODAY)  # fmt: skip
        decision = decision_record(actor=OPERATOR, body="CELL", body_org=cell,
                                   form="REPRIMAND", number="1-QĐ/CB",
                                   decided_on=dt.date(2026, 4, 1),
                                   violated_on=dt.date(2026, 1, 5), reason="Vi phạm",
                                   subject_member=member, from_check=check,
                                   today=TODAY)  # fmt: skip
        cases.append({"program": program, "check": check, "complaint": complaint,
                      "decision": decision})  # fmt: skip
    # A plan of each side's TCCSĐ with a manual target and a task, and a cell meeting.
    plans = []
    for number, (unit, cell) in enumerate(((tree.grassroots_a, tree.cell_a1),
                                           (other_unit, other_unit)), 1):  # fmt: skip
        plan = plan_create(actor=OPERATOR, committee=unit, year=2026, title=f"Kế hoạch số {number}")
        target = target_add(actor=OPERATOR, plan=plan, name="Học tập nghị quyết",
                            kind=Target.Kind.MANUAL, goal=Decimal(100))  # fmt: skip
        task = task_add(actor=OPERATOR, plan=plan, title="Kiện toàn cấp ủy", owner_board="OFFICE",
                        deadline=dt.date(2026, 12, 31), today=TODAY)  # fmt: skip
        # Evidence files, downloaded by those who read the plan.
        report = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 minh chung")
        target_record(
            actor=OPERATOR,
            target=target,
            value=Decimal(40),
            on=dt.date(2026, 10, 1),
            evidence_note="Báo cáo học tập",
            evidence_file=report,
            today=TODAY,
        )
        progress = task_progress(
            actor=OPERATOR,
            task=task,
            on=dt.date(2026, 10, 2),
            percent=30,
            note="Đã rà soát",
            today=TODAY,
            evidence_file=SimpleUploadedFile("ra-soat.txt", b"ra soat"),
        )
        meeting = meeting_record(actor=OPERATOR, org=cell, kind=Meeting.Kind.CELL_MONTHLY,
                                 held_on=dt.date(2026, 10, 5), title="Sinh hoạt tháng 10",
                                 chair="Nguyễn Văn Chủ", secretary="Trần Thị Ký",
                                 guests=[("Lê Văn Khách", "Phó Bí thư Đảng ủy Khối")],
                                 today=TODAY)  # fmt: skip
        report = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4")
        paper = meeting_paper_add(actor=OPERATOR, meeting=meeting, title="Báo cáo", upload=report)
        plans.append({"plan": plan, "target": target, "task": task, "meeting": meeting,
                      "progress": progress, "paper": paper})  # fmt: skip
    clients = {"anonymous": Client()}
    for username, user in users.items():
        clients[username] = Client()
        clients[username].force_login(user)
    return World(
        clients=clients,
        args={
            "orgs:detail": ({"code": "CSA"}, {"code": "CSX"}),
            # The portal's files that do not exist, public or not.
            "portal_image": ({"path": "images/none.jpg"}, {"path": "../../etc/passwd"}),
            "wagtaildocs_serve": (
                {"document_id": 999, "document_filename": "none.webm"},
                {"document_id": 2**63, "document_filename": "x.mp4"},
            ),
            "orgs:children": ({"code": "CSA"}, {"code": "CSX"}),
            **{
                f"evaluation:{name}": ({"pk": round_in.pk}, {"pk": round_out.pk})
                for name in ("round", "excellent", "results_export")
            },
            "imports:ratings": ({"pk": round_in.pk}, {"pk": round_out.pk}),
            "dues:member": ({"pk": inside.pk}, {"pk": outside.pk}),
            "dues:member_action": (
                {"pk": inside.pk, "action": "basis"},
                {"pk": outside.pk, "action": "basis"},
            ),
            **{
                route: ({"code": "CSA-1", "month": "2026-11"}, {"code": "CSX", "month": "2026-11"})
                for route in ("dues:collect", "imports:dues")
            },
            **{
                f"evaluation:{name}": (
                    {"pk": round_in.pk, "decider": tree.grassroots_a.pk, "kind": "member"},
                    {"pk": round_out.pk, "decider": other_unit.pk, "kind": "member"},
                )
                for name in ("entry", "check")
            },
            "evaluation:step": (
                {"pk": round_in.pk, "action": "advance"},
                {"pk": round_out.pk, "action": "advance"},
            ),
            "evaluation:commendations": ({"pk": round_in.pk}, {"pk": round_out.pk}),
            "evaluation:commendation_document": (
                {"pk": round_in.pk, "commendation": commendations[0].pk} | DECISION_DOCX,
                {"pk": round_out.pk, "commendation": commendations[1].pk} | DECISION_DOCX,
            ),
            "documents:signer": ({"pk": signers[0].pk}, {"pk": signers[1].pk}),
            **{
                f"discipline:{name}": ({"pk": cases[0][name].pk}, {"pk": cases[1][name].pk})
                for name in ("program", "check", "complaint", "decision")
            },
            "discipline:decision_action": (
                {"pk": cases[0]["decision"].pk, "action": "appeal"},
                {"pk": cases[1]["decision"].pk, "action": "appeal"},
            ),
            "discipline:check_action": (
                {"pk": cases[0]["check"].pk, "action": "conclude"},
                {"pk": cases[1]["check"].pk, "action": "conclude"},
            ),
            **{
                f"plans:{name}": ({"pk": plans[0][name].pk}, {"pk": plans[1][name].pk})
                for name in ("plan", "target", "task", "meeting")
            },
            "plans:meeting_document": (
                {"pk": plans[0]["meeting"].pk, "document": "attendance", "fmt": "docx"},
                {"pk": plans[1]["meeting"].pk, "document": "attendance", "fmt": "docx"},
            ),
            "plans:target_evidence": ({"pk": plans[0]["target"].pk}, {"pk": plans[1]["target"].pk}),
            "plans:meeting_paper": ({"pk": plans[0]["paper"].pk}, {"pk": plans[1]["paper"].pk}),
            "plans:progress_evidence": (
                {"pk": plans[0]["progress"].pk},
                {"pk": plans[1]["progress"].pk},
            ),
            **{
                f"plans:{name}_action": (
                    {"pk": plans[0][name].pk, "action": action},
                    {"pk": plans[1][name].pk, "action": action},
                )
                for name, action in (
                    ("plan", "task"),
                    ("task", "progress"),
                    ("meeting", "conclude"),
                )
            },
            "reports:section": (
                {"code": "DBK", "year": today.year - 1, "section": "members"},
                {"code": "DBX", "year": today.year - 1, "section": "members"},
            ),
            "reports:section_action": (
                {"code": "DBK", "year": today.year - 1, "section": "members", "action": "save"},
                {"code": "DBX", "year": today.year - 1, "section": "members", "action": "save"},
            ),
            # Accounts have no place in the tree: two of the world's, seen by the admin only.
            "users:detail": ({"pk": users["bithu"].pk}, {"pk": users["dangvien"].pk}),
            "users:action": (
                {"pk": users["bithu"].pk, "action": "lock"},
                {"pk": users["dangvien"].pk, "action": "lock"},
            ),
            "members:detail": ({"pk": inside.pk}, {"pk": outside.pk}),
            "members:edit": ({"pk": inside.pk}, {"pk": outside.pk}),
            "members:photo": ({"pk": inside.pk}, {"pk": outside.pk}),
            "members:correction_detail": ({"pk": correction_in.pk}, {"pk": correction_out.pk}),
            "audit:detail": ({"pk": entry_in.pk}, {"pk": entry_out.pk}),
            "audit:revert": ({"pk": entry_in.pk}, {"pk": entry_out.pk}),
            "accounts:password_reset_confirm": ({"uidb64": "MQ", "token": "sai-ma"},) * 2,
            "accounts:two_factor_enrol": ({"token": "sai-ma"},) * 2,
            "members:action": (
                {"pk": inside.pk, "action": "exempt"},
                {"pk": outside.pk, "action": "exempt"},
            ),
            "members:admission_detail": ({"pk": case_in.pk}, {"pk": case_out.pk}),
            "members:admission_action": (
                {"pk": case_in.pk, "action": "close"},
                {"pk": case_out.pk, "action": "close"},
            ),
            "documents:template": ({"name": "transfer_letter"},) * 2,
            "members:export": ({"fmt": "csv"}, {"fmt": "xlsx"}),
            "members:admission_export": ({"fmt": "csv"}, {"fmt": "xlsx"}),
            "members:deadlines_export": ({"fmt": "csv"}, {"fmt": "xlsx"}),
            "orgs:export": ({"fmt": "csv"}, {"fmt": "xlsx"}),
            "orgs:action": (
                {"code": "CSA", "action": "rename"},
                {"code": "CSX", "action": "rename"},
            ),
            **{
                f"imports:{name}": (batches["IMPORT"][0], batches["IMPORT"][1])
                for name in ("detail", "file", "remap", "commit", "undo")
            },
            "imports:reconcile_report": (batches["RECONCILE"][0], batches["RECONCILE"][1]),
            **{
                f"imports:org_{name}": (batches["ORG_IMPORT"][0], batches["ORG_IMPORT"][1])
                for name in ("detail", "remap", "commit", "undo")
            },
            "members:document": (
                {"name": "recognition_decision", "pk": inside.pk},
                {"name": "recognition_decision", "pk": outside.pk},
            ),
        },
        outsider_names=[
            outside.full_name,
            OUTSIDE_CANDIDATE,
            "Chi bộ Công ty X",
            OUTSIDE_SIGNER,
            OUTSIDE_SENDER,
        ],
        inside=inside,
        outside=outside,
        case_in=case_in,
        # Pickers search for what lies outside: it must never be offered.
        queries={
            "orgs:pick": {"purpose": "view", "field": "q", "q": "chi bo"},
            "members:pick": {"field": "q", "q": "thi"},
            # The XLSX: the same figures as the DOCX and the PDF, without LibreOffice.
            "reports:annual_file": {"format": "xlsx"},
        },
    )
