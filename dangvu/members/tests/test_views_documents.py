"""Every generated document is opened by LibreOffice (converted to PDF) and read back."""

import datetime as dt
import subprocess

import pytest
from django.test import Client

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.models import AdministrativeUnit, AuditEntry
from dangvu.documents.pdf import docx_to_pdf
from dangvu.members.models import AdmissionCase, ExitReason, RemovalReason, Transfer
from dangvu.members.services import (
    admission_decide,
    admission_grassroots_resolve,
    admission_open,
    admission_propose,
    member_exit,
    member_recognition_grassroots,
    member_recognition_propose,
    member_recognize,
    transfer_issue_letter,
    transfer_start,
)
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Role

D = dt.date


def _pdf_text(data: bytes) -> str:
    return _read(docx_to_pdf(data))


def _read(pdf: bytes) -> str:
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(text.stdout.decode().split())


def _thanh_hoa() -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(scheme="2008", level="PROVINCE", code="38")


def _proposed_case(cell: OrgUnit, add_member: AddMember) -> AdmissionCase:
    """Đặng Văn Mới's case in CELL, proposed by the cell on 20/3/2025."""
    introducers = [add_member(cell, full_name=n) for n in ("Lê Văn A", "Lê Văn B")]
    case = admission_open(actor=OPERATOR, cell=cell, today=TODAY, values={
        "full_name": "Đặng Văn Mới", "gender": "M", "birth_date": D(1999, 9, 9),
        "awareness_class_date": D(2025, 1, 1), "application_date": D(2025, 2, 1),
        "biography_verified_date": D(2025, 3, 1), "introducer_1": introducers[0],
        "introducer_2": introducers[1], "introducers_months_together": 13,
        "mass_org_comments_date": D(2025, 3, 10), "hometown_province": _thanh_hoa()})  # fmt: skip
    return admission_propose(actor=OPERATOR, case=case, on=D(2025, 3, 20))


@pytest.fixture
def board(client: Client, tree: Tree, make_user: MakeUser, signed: None) -> Client:
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    return client


def test_the_three_documents_open_in_libreoffice_with_the_records_text(
    board: Client, tree: Tree, add_member: AddMember
) -> None:
    thanh_hoa = AdministrativeUnit.objects.get(scheme="2008", level="PROVINCE", code="38")
    official = add_member(tree.cell_a1, full_name="Nguyễn Thị Chính", gender="F",
                          admission_date=D(2025, 3, 2), official_date=None,
                          admission_decision_date=D(2025, 2, 24),
                          hometown_province=thanh_hoa)  # fmt: skip
    member_recognition_propose(actor=OPERATOR, member=official, on=D(2026, 3, 10))
    member_recognition_grassroots(actor=OPERATOR, member=official, on=D(2026, 3, 17))
    member_recognize(actor=OPERATOR, member=official, decided_on=D(2026, 3, 24), today=TODAY)
    case = _proposed_case(tree.cell_a1, add_member)
    admission_grassroots_resolve(actor=OPERATOR, case=case, on=D(2025, 4, 1))
    admission_decide(actor=OPERATOR, case=case, on=D(2025, 4, 21))
    transfer = transfer_start(
        actor=OPERATOR,
        member=official,
        kind=Transfer.Kind.INTERNAL,
        decided_on=D(2026, 10, 1),
        to_cell=tree.grassroots_b,
    )
    transfer_issue_letter(actor=OPERATOR, transfer=transfer, on=D(2026, 10, 5),
                          today=TODAY, dues_paid_until=D(2026, 9, 1),
                          enclosures="Hồ sơ đảng viên")  # fmt: skip

    documents = {
        f"/app/members/documents/admission_decision/{case.pk}.docx":
            ["QUYẾT ĐỊNH", "Đặng Văn Mới", "09/09/1999", "Số 1-QĐ/ĐUK",
             "Đảng ủy Sở Tài chính, Chi bộ Văn phòng và đồng chí Đặng Văn Mới"],
        f"/app/members/documents/recognition_decision/{official.pk}.docx":
            # Dated on the decision's day, effective on the 12-month day before it.
            ["Nguyễn Thị Chính", "ngày 24 tháng 03 năm 2026", "Số 1-QĐ/ĐUK", "02/03/2026"],
        f"/app/members/documents/transfer_letter/{official.pk}.docx":
            ["CUỐNG GIẤY GIỚI THIỆU", "Nguyễn Thị Chính", "Số 1-GT/ĐUK", "Chi bộ Hội Nông dân tỉnh",
             "đóng đảng phí đến hết tháng 09/2026", "Kèm theo: Hồ sơ đảng viên",
             "PHIẾU BÁO ĐÃ NHẬN GIẤY GIỚI THIỆU", "xuất trình giấy giới thiệu này chậm nhất",
             f"quê quán: {thanh_hoa}"],
    }  # fmt: skip
    for url, expected in documents.items():
        response = board.get(url)
        assert response.status_code == 200, url
        text = _pdf_text(response.content)
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
        # Issued by the committee, not the đảng bộ it leads (HD 36-HD/VPTW).
        assert "ĐẢNG ỦY KHỐI THỬ NGHIỆM" in text and "ĐẢNG BỘ KHỐI THỬ NGHIỆM" not in text
        for fragment in expected:
            assert fragment in text, (url, fragment, text[:400])
    assert AuditEntry.objects.filter(action="documents.printed").count() == 3


def test_a_recognition_recorded_without_its_decision_date_says_so_instead_of_printing(
    board: Client, tree: Tree, add_member: AddMember
) -> None:
    imported = add_member(tree.cell_a1, full_name="Hà Văn Nhập")  # official since 2011

    response = board.get(
        f"/app/members/documents/recognition_decision/{imported.pk}.docx", follow=True
    )

    assert (
        "Chưa in được quyết định công nhận đảng viên chính thức: hồ sơ còn thiếu ngày quyết "
        "định công nhận chính thức, ngày quyết định kết nạp, quê quán." in response.content.decode()
    )
    assert not AuditEntry.objects.filter(action="documents.printed").exists()


def test_a_letter_lacking_the_data_it_states_says_what_instead_of_printing(
    board: Client, tree: Tree, add_member: AddMember
) -> None:
    member = add_member(tree.cell_a1, full_name="Hà Văn Thiếu")  # no hometown on record
    transfer = transfer_start(actor=OPERATOR, member=member, kind=Transfer.Kind.INTERNAL,
                              decided_on=D(2026, 10, 1), to_cell=tree.grassroots_b)  # fmt: skip
    transfer_issue_letter(actor=OPERATOR, transfer=transfer, on=D(2026, 10, 5), today=TODAY)

    page = board.get(f"/app/members/documents/transfer_letter/{member.pk}.docx", follow=True)

    assert (
        "Chưa in được giấy giới thiệu sinh hoạt đảng: hồ sơ còn thiếu quê quán, tháng đã đóng "
        "đảng phí." in page.content.decode()
    )
    assert not AuditEntry.objects.filter(action="documents.printed").exists()


def test_a_document_for_a_step_not_yet_reached_answers_404(
    board: Client, tree: Tree, add_member: AddMember
) -> None:
    probationary = add_member(tree.cell_a1, admission_date=D(2026, 1, 5), official_date=None,
                              joined_on=D(2026, 1, 5))  # fmt: skip

    assert (
        board.get(f"/app/members/documents/recognition_decision/{probationary.pk}.docx").status_code
        == 404
    )
    assert (
        board.get(f"/app/members/documents/transfer_letter/{probationary.pk}.docx").status_code
        == 404
    )


def test_a_chi_bo_co_so_is_named_once_in_its_admission_decision(
    board: Client, tree: Tree, add_member: AddMember
) -> None:
    case = _proposed_case(tree.grassroots_b, add_member)
    admission_decide(actor=OPERATOR, case=case, on=D(2025, 4, 21))

    text = _pdf_text(board.get(f"/app/members/documents/admission_decision/{case.pk}.docx").content)

    assert "sinh hoạt tại Chi bộ Hội Nông dân tỉnh. Thời gian dự bị 12 tháng" in text
    assert "Chi bộ Hội Nông dân tỉnh thuộc" not in text
    assert "Chi bộ Hội Nông dân tỉnh, Chi bộ Hội Nông dân tỉnh" not in text


def test_the_removal_decision_sheet_and_list_print_from_the_records(
    board: Client, tree: Tree, add_member: AddMember
) -> None:
    place = {"hometown_province": _thanh_hoa(), "birthplace_province": _thanh_hoa(),
             "residence": "phường Hạc Thành, tỉnh Thanh Hóa"}  # fmt: skip
    staying = add_member(tree.cell_a2, full_name="Lê Thị Ở", gender="F", **place)
    add_member(tree.cell_a2, full_name="Lê Văn Ở", **place)
    leaving = add_member(tree.cell_a2, full_name="Phan Văn Bỏ", **place)
    member_exit(actor=OPERATOR, member=leaving, reason=ExitReason.REMOVED, on=D(2026, 3, 2),
                today=TODAY, detail=RemovalReason.NO_ACTIVITY_OR_DUES)  # fmt: skip

    removal = _pdf_text(
        board.get(f"/app/members/documents/removal_decision/{leaving.pk}.docx").content
    )
    sheet = board.get(f"/app/members/documents/member_sheet/{staying.pk}.docx?format=pdf")
    roll = _pdf_text(
        board.get(f"/app/members/documents/member_list/{tree.cell_a2.pk}.docx").content
    )

    assert "Số 1-QĐ/ĐUK" in removal and "về việc xóa tên đảng viên" in removal
    assert (
        "Xóa tên đồng chí Phan Văn Bỏ" in removal
        and "Thanh Hóa, ngày 02 tháng 03 năm 2026" in removal
    )
    assert "Lý do: Bỏ sinh hoạt" in removal
    assert sheet["Content-Type"] == "application/pdf"
    sheet_text = _read(sheet.content)
    assert "PHIẾU ĐẢNG VIÊN" in sheet_text and "LÊ THỊ Ở" in sheet_text
    assert "Giới tính: Nữ" in sheet_text and "Chi bộ: Chi bộ Thanh tra" in sheet_text
    assert "DANH SÁCH ĐẢNG VIÊN" in roll and "CHI BỘ THANH TRA" in roll
    assert "Lê Thị Ở" in roll and "Lê Văn Ở" in roll and "Phan Văn Bỏ" not in roll
    assert AuditEntry.objects.filter(action="documents.printed").count() == 3


def test_a_list_of_an_organization_out_of_reach_answers_404(
    client: Client, tree: Tree, make_user: MakeUser, signed: None
) -> None:
    client.force_login(make_user("bithu", Role.SECRETARY, tree.cell_a1))

    assert (
        client.get(f"/app/members/documents/member_list/{tree.cell_a2.pk}.docx").status_code == 404
    )
    assert client.get("/app/members/documents/no_such_document/1.docx").status_code == 404


def test_a_sheet_lacking_facts_names_them(board: Client, tree: Tree, add_member: AddMember) -> None:
    member = add_member(tree.cell_a1, full_name="Hà Văn Thiếu")

    page = board.get(f"/app/members/documents/member_sheet/{member.pk}.docx", follow=True)

    assert (
        "Chưa in được phiếu đảng viên (mẫu 2-hsđv): hồ sơ còn thiếu quê quán, nơi sinh, nơi "
        "thường trú." in page.content.decode()
    )
