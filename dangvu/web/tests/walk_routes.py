"""How the audit walk posts to each write route in the route tests' world: whose client,
the URL's arguments and the form (building them is set-up, not recorded), and the events
the request must record."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import TODAY as CLOCK_TODAY
from dangvu.common.events import Event
from dangvu.imports.models import ImportBatch
from dangvu.members.models import Member
from dangvu.members.services import EDITABLE_FIELDS
from dangvu.organizations.models import OrgUnit
from dangvu.web.tests.conftest import World
from dangvu.web.tests.walk_services import (
    MEMBERS_CSV,
    ORGS_CSV,
    _batch,
    _closed_round,
    _committed_members,
    _link,
    _members_file,
    _orgs_file,
    _rating,
    _reconcile_file,
    _signer,
    _template,
    _upload,
    _user,
)

TODAY = f"{CLOCK_TODAY:%d/%m/%Y}"
PASSWORD = "mat-khau-dai-123"
NEW_PASSWORD = "Mat-khau-moi-2026!"


@dataclass(frozen=True)
class Post:
    """ROLE's client posts DATA to the route with the URL's ARGS; the request must record
    EVENTS (none: it writes nothing of the project's)."""

    role: str
    args: Callable[[World], dict[str, Any]]
    data: Callable[[World], dict[str, Any]]
    events: tuple[Event, ...] = ()


def _csv(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _edited(w: World) -> dict[str, Any]:
    """The member's edit form as the page fills it, with the workplace changed."""
    member = Member.objects.get(pk=w.inside.pk)
    data: dict[str, Any] = {"version": member.version}
    for name in EDITABLE_FIELDS:
        value = getattr(member, f"{name}_id" if name.endswith(("province", "ward")) else name)
        if isinstance(value, dt.date):
            value = value.strftime("%d/%m/%Y")
        if name != "photo":
            data[name] = "" if value is None else value
    return data | {"workplace": "Sở Tài chính"}


def _reset_link(client: Client) -> dict[str, Any]:
    """Open tochuc's mailed reset link: the page keeps the token in the session and leads
    to the form, whose URL carries "set-password" instead."""
    user = _user("tochuc")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    client.get(reverse("accounts:password_reset_confirm", args=[uid, token]))
    return {"uidb64": uid, "token": "set-password"}


def _authenticator(username: str) -> dict[str, Any]:
    """USERNAME's confirmed authenticator: the page then asks for its code (no URL args)."""
    TOTPDevice.objects.create(user=_user(username), name="dangvu", confirmed=True)
    return {}


def _pk(batch: ImportBatch) -> dict[str, Any]:
    return {"pk": batch.pk}


P = Post
E = Event
MEMBERS, ORGS = ImportBatch.Kind.IMPORT, ImportBatch.Kind.ORG_IMPORT
ROUTES: dict[str, Post] = {
    "reports:section_action": P("vanphong", lambda w: w.args["reports:section_action"][0],
                                lambda w: {"text": "Công tác phát triển đảng viên đạt kết quả.",
                                           "version": "0"}, (E.NARRATIVE_SAVED,)),
    "plans:list": P("vanphong", lambda w: {}, lambda w: {
        "committee": "DBK", "year": "2027", "title": "Kế hoạch năm 2027",
    }, (E.PLAN_CREATED,)),
    "plans:plan_action": P("vanphong", lambda w: w.args["plans:plan_action"][0], lambda w: {
        "title": "Sơ kết 6 tháng", "owner_board": "OFFICE", "deadline": TODAY,
    }, (E.TASK_ADDED,)),
    "plans:target": P("bithu", lambda w: w.args["plans:target"][0], lambda w: {
        "value": "95", "on": TODAY, "evidence_note": "Báo cáo số 12-BC/ĐU",
    }, (E.TARGET_RECORDED,)),
    "plans:task_action": P("bithu", lambda w: w.args["plans:task_action"][0], lambda w: {
        "on": TODAY, "percent": "50", "note": "Đã rà soát",
    }, (E.TASK_PROGRESS,)),
    "plans:meetings": P("bithu", lambda w: {}, lambda w: {
        "org": "CSA-1", "kind": "CELL_THEMATIC", "held_on": TODAY, "title": "Sinh hoạt chuyên đề",
        "guests": "Lê Văn Khách | Phó Bí thư Đảng ủy",
    }, (E.MEETING_RECORDED,)),
    "plans:meeting_action": P("bithu", lambda w: w.args["plans:meeting_action"][0], lambda w: {
        "conclusions": "Thống nhất", "version": "1",
    }, (E.MEETING_CONCLUDED,)),
    "discipline:decision_new": P("kiemtra", lambda w: {}, lambda w: {
        "subject_org": "CSA-2", "form": "REPRIMAND", "body": "UPPER_COMMITTEE",
        "body_org": "DBK", "number": "2-QĐ/ĐUK", "decided_on": TODAY, "violated_on": TODAY,
        "reason": "Vi phạm quy chế làm việc",
    }, (E.DISCIPLINED,)),
    "discipline:decision_action": P("kiemtra", lambda w: w.args["discipline:decision_action"][0],
                                    lambda w: {"filed_on": "15/04/2026", "reason": "Xem lại"},
                                    (E.APPEAL_FILED,)),
    "discipline:programs": P("kiemtra", lambda w: {}, lambda w: {
        "committee": "DBK", "holder": "COMMITTEE", "year": "2026",
        "title": "Chương trình giám sát của Ban Thường vụ",
    }, (E.PROGRAM_CREATED,)),
    "discipline:program": P("kiemtra", lambda w: w.args["discipline:program"][0], lambda w: {
        "activity": "SUPERVISION", "kind": "THEMATIC", "subject_org": "CSA",
        "starts_on": TODAY, "ends_on": TODAY,
    }, (E.CHECK_RECORDED,)),
    "discipline:check_action": P("kiemtra", lambda w: w.args["discipline:check_action"][0],
                                 lambda w: {"conclusion": "Có vi phạm", "concluded_on": TODAY,
                                            "version": "1"}, (E.CHECK_CONCLUDED,)),
    "discipline:complaints": P("kiemtra", lambda w: {}, lambda w: {
        "committee": "DBK", "kind": "COMPLAINT", "received_on": TODAY,
        "summary": "Đơn khiếu nại", "subject_org": "CSA",
    }, (E.COMPLAINT_RECEIVED,)),
    "discipline:complaint": P("kiemtra", lambda w: w.args["discipline:complaint"][0], lambda w: {
        "outcome": "UNFOUNDED", "closed_on": TODAY,
    }, (E.COMPLAINT_RESOLVED,)),
    "evaluation:entry": P("bithu", lambda w: w.args["evaluation:entry"][0],
                          lambda w: {f"level-{_rating(w).pk}": "HTTNV"}, (E.EVALUATION_RATED,)),
    "evaluation:open": P("tochuc", lambda w: {}, lambda w: {
                             "committee": OrgUnit.objects.get(code="DBK").pk, "year": "2025"},
                         (E.EVALUATION_OPENED,)),
    "evaluation:commendations": P("tochuc", lambda w: {"pk": _closed_round().pk},
                                  lambda w: {"ratings": [_rating(w).pk], "decision_date": TODAY},
                                  (E.COMMENDED, E.DOCUMENT_REGISTERED)),
    "documents:signers": P("vanphong", lambda w: {}, lambda w: {
        "committee": OrgUnit.objects.get(code="DBK").pk, "name": "Phạm Thị Mới",
        "position": "Bí thư", "authority": "T/M Ban Thường vụ", "symbol": "ĐUK",
        "valid_from": "01/01/2022",
    }, (E.SIGNER_CREATED,)),
    "documents:signer": P("vanphong", lambda w: {"pk": _signer().pk}, lambda w: {
        "version": _signer().version, "name": "Trịnh Văn Dũng", "position": "Bí thư",
        "authority": "T/M Ban Thường vụ", "symbol": "ĐUK", "valid_from": "01/01/2020",
        "valid_to": "01/06/2020",
    }, (E.SIGNER_UPDATED,)),
    "evaluation:step": P("tochuc", lambda w: w.args["evaluation:step"][0], lambda w: {},
                         (E.EVALUATION_ADVANCED,)),
    "orgs:action": P("tochuc", lambda w: {"code": "CSA-2", "action": "rename"},
                     lambda w: {"on": TODAY, "name": "Chi bộ Thanh tra Sở"}, (E.ORG_RENAMED,)),
    "audit:revert": P("admin", lambda w: w.args["audit:revert"][0], lambda w: {},
                      (E.REVERTED,)),
    "members:action": P("bithu", lambda w: {"pk": w.inside.pk, "action": "exempt"},
                        lambda w: {"valid_from": TODAY, "reason": "Sức khỏe"}, (E.EXEMPTED,)),
    "members:admission_action": P("bithu", lambda w: {"pk": w.case_in.pk, "action": "close"},
                                  lambda w: {"reason": "Rút đơn"}, (E.ADMISSION_CLOSED,)),
    "members:edit": P("tochuc", lambda w: {"pk": w.inside.pk}, _edited, (E.UPDATED,)),
    "members:correction_new": P("dangvien", lambda w: {}, lambda w: {
        "field": "phone", "proposed_value": "0912345678", "reason": "Số mới",
    }, (E.CORRECTION_REQUESTED,)),
    "members:correction_detail": P("tochuc", lambda w: w.args["members:correction_detail"][0],
                                   lambda w: {"decision": "accept"},
                                   (E.CORRECTION_ACCEPTED, E.UPDATED)),
    "members:admission_new": P("bithu", lambda w: {}, lambda w: {
        "cell": "CSA-1", "full_name": "Lò Văn Mới", "gender": "M", "birth_date": "01/02/2000",
    }, (E.ADMISSION_OPENED,)),
    "imports:upload": P("tochuc", lambda w: {}, lambda w: {
        "org": "CSA", "file": _csv("ds.csv", MEMBERS_CSV),
    }, (E.IMPORT_UPLOADED,)),
    "imports:remap": P("admin", lambda w: _pk(_batch(MEMBERS, _members_file())),
                       lambda w: {"col-0": "full_name", "col-1": "gender", "col-2": "birth_date",
                                  "row-kinds": "1", "other-row": "3", "other-kind": "note"},
                       (E.IMPORT_REMAPPED,)),
    "imports:commit": P("admin", lambda w: _pk(_batch(MEMBERS, _members_file())),
                        lambda w: {}, (E.IMPORT_COMMITTED, E.REGISTERED)),
    "imports:undo": P("admin", lambda w: _pk(_committed_members()), lambda w: {},
                      (E.IMPORT_UNDONE, E.REGISTRATION_UNDONE)),
    "imports:reconcile": P("tochuc", lambda w: {}, lambda w: {
        "file": _upload(_reconcile_file(w)),
    }, (E.IMPORT_UPLOADED,)),
    "imports:reconcile_report": P(
        "admin",
        lambda w: _pk(_batch(ImportBatch.Kind.RECONCILE, _reconcile_file(w))),
        lambda w: {"apply": f"{w.inside.pk}:full_name"},
        (E.UPDATED,),
    ),
    "dues:member_action": P("bithu", lambda w: w.args["dues:member_action"][0], lambda w: {
        "month": "02/2026", "category": "SALARY_STATE", "income": "9000000",
    }, (E.DUES_BASIS_SET,)),
    "dues:collect": P("bithu", lambda w: w.args["dues:collect"][0], lambda w: {
        "paid_on": TODAY, f"amount_{w.inside.pk}": "90000",
    }, (E.DUES_COLLECTED, E.DUES_PAID)),
    "imports:dues": P("bithu", lambda w: w.args["imports:dues"][0], lambda w: {
        "file": _csv("thu.csv", "Số CCCD,Đối tượng,Số tiền nộp,Ngày nộp\n"
                     f"{w.inside.national_id},Sinh viên,5000,{TODAY}\n"),
        "action": "write",
    }, (E.DUES_BASIS_SET, E.DUES_COLLECTED, E.DUES_PAID)),
    "imports:ratings": P("tochuc", lambda w: w.args["imports:ratings"][0], lambda w: {
        "file": _csv("xl.csv", f"Số CCCD,Xếp loại,Điểm\n{w.inside.national_id},HTTNV,80\n"),
        "action": "write",
    }, (E.EVALUATION_RATED,)),
    "imports:org_upload": P("tochuc", lambda w: {}, lambda w: {"file": _csv("tc.csv", ORGS_CSV)},
                            (E.IMPORT_UPLOADED,)),
    "imports:org_remap": P("admin", lambda w: _pk(_batch(ORGS, _orgs_file())), lambda w: {
        "col-0": "code", "col-1": "name", "col-2": "kind", "col-3": "parent",
        "col-5": "established_date",
    }, (E.IMPORT_REMAPPED,)),
    "imports:org_commit": P("admin", lambda w: _pk(_batch(ORGS, _orgs_file())), lambda w: {},
                            (E.IMPORT_COMMITTED, E.ORG_CREATED)),
    "documents:templates": P("admin", lambda w: {}, lambda w: {
        "name": "recognition_decision", "file": _template(),
    }, (E.TEMPLATE_UPLOADED,)),
    "accounts:two_factor": P("tochuc", lambda w: _authenticator("tochuc"),
                             lambda w: {"token": "000000"}, (E.TWO_FACTOR_FAILED,)),
    "accounts:two_factor_enrol": P("tochuc", lambda w: {"token": _link(_user("tochuc"))},
                                   lambda w: {}, (E.TWO_FACTOR_ENROLLED,)),
    "accounts:password_change": P("tochuc", lambda w: {}, lambda w: {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD,
    }, (E.PASSWORD_CHANGED,)),
    "accounts:password_reset": P("anonymous", lambda w: {},
                                 lambda w: {"email": "khong-ai@example.vn"}),
    # The walk gives the anonymous role a new client for each route.
    "accounts:password_reset_confirm": P(
        "anonymous", lambda w: _reset_link(w.clients["anonymous"]),
        lambda w: {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        (E.PASSWORD_RESET,),
    ),
    "users:new": P("admin", lambda w: {}, lambda w: {
        "username": "moi", "full_name": "Phạm Thị Mới", "email": "moi@so.vn",
    }, (E.ACCOUNT_CREATED,)),
    "users:action": P("admin", lambda w: w.args["users:action"][0],
                      lambda w: {"reason": "Nghỉ hưu"}, (E.ACCOUNT_LOCKED,)),
    "web:login": P("anonymous", lambda w: {},
                   lambda w: {"username": "tochuc", "password": PASSWORD}, (E.LOGGED_IN,)),
    "web:logout": P("tochuc", lambda w: {}, lambda w: {}),
    "set_language": P("anonymous", lambda w: {}, lambda w: {"language": "en"}),
}  # fmt: skip
