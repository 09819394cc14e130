"""The lifecycle's documents take their numbers from the register of outgoing documents of
the committee issuing them on their date, with its symbol of that day (HD 36-HD/VPTW)."""

import datetime as dt

import pytest

from conftest import TODAY, AddMember, Tree
from dangvu.documents.models import OutgoingDocument
from dangvu.documents.signers import Signature, signer_create
from dangvu.members.models import AdmissionCase, ExitReason, RemovalReason, Transfer
from dangvu.members.services import (
    MemberChangeError,
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

D = dt.date


@pytest.fixture
def symbols(tree: Tree) -> None:
    """The committee signs as "ĐUK" until 2026, then as "ĐUKCQ" (renamed)."""
    for start, end, symbol in (
        (D(2020, 1, 1), D(2026, 1, 1), "ĐUK"),
        (D(2026, 1, 1), None, "ĐUKCQ"),
    ):
        signer_create(actor=OPERATOR, committee=tree.committee, valid_from=start, valid_to=end,
                      today=TODAY, signature=Signature("Trịnh Văn Dũng", "Phó Bí thư",
                                                       "T/M Ban Thường vụ", symbol))  # fmt: skip


def _decided_case(tree: Tree, add_member: AddMember, on: dt.date) -> AdmissionCase:
    first, second = (add_member(tree.cell_a1, full_name=n) for n in ("Lê Văn A", "Lê Văn B"))
    case = admission_open(actor=OPERATOR, cell=tree.cell_a1, today=TODAY, values={
        "full_name": "Hoàng Thị Mới", "gender": "F", "birth_date": D(2000, 4, 2),
        "awareness_class_date": D(2025, 1, 10), "application_date": D(2025, 3, 1),
        "biography_date": D(2025, 4, 1), "biography_verified_date": D(2025, 5, 1),
        "introducer_1": first, "introducer_2": second, "introducers_months_together": 14,
        "mass_org_comments_date": D(2025, 5, 20)})  # fmt: skip
    admission_propose(actor=OPERATOR, case=case, on=D(2025, 6, 2))
    admission_grassroots_resolve(actor=OPERATOR, case=case, on=D(2025, 6, 20))
    return admission_decide(actor=OPERATOR, case=case, on=on)


@pytest.mark.usefixtures("symbols")
def test_each_step_that_issues_a_document_takes_the_next_number_of_the_committee(
    tree: Tree, add_member: AddMember
) -> None:
    case = _decided_case(tree, add_member, D(2025, 7, 15))
    probationary = add_member(tree.cell_a1, full_name="Võ Thị Dự", admission_date=D(2025, 1, 6),
                              official_date=None, joined_on=D(2025, 1, 6))  # fmt: skip
    member_recognition_propose(actor=OPERATOR, member=probationary, on=D(2026, 1, 12))
    member_recognition_grassroots(actor=OPERATOR, member=probationary, on=D(2026, 1, 15))
    recognized = member_recognize(actor=OPERATOR, member=probationary, decided_on=D(2026, 1, 20),
                                  today=TODAY)  # fmt: skip
    leaving = add_member(tree.cell_a1, full_name="Đỗ Văn Đi")
    transfer = transfer_start(actor=OPERATOR, member=leaving, kind=Transfer.Kind.INTERNAL,
                              decided_on=D(2026, 2, 2), to_cell=tree.grassroots_b)  # fmt: skip
    letter = transfer_issue_letter(actor=OPERATOR, transfer=transfer, on=D(2026, 2, 3),
                                   today=TODAY, dues_paid_until=D(2026, 1, 1))  # fmt: skip
    removed = member_exit(actor=OPERATOR, member=add_member(tree.cell_a1, full_name="Lý Văn Bỏ"),
                          reason=ExitReason.REMOVED, on=D(2026, 3, 2), today=TODAY,
                          detail=RemovalReason.NO_ACTIVITY_OR_DUES)  # fmt: skip

    # 2025 under the old symbol; 2026's decisions run on from 1 under the new one.
    assert case.decision_number == "1-QĐ/ĐUK"
    assert recognized.official_decision_number == "1-QĐ/ĐUKCQ"
    assert letter.letter_number == "1-GT/ĐUKCQ"
    assert removed.exit_decision_number == "2-QĐ/ĐUKCQ"
    registered = OutgoingDocument.objects.filter(committee=tree.committee).order_by("pk")
    assert [(e.number, e.issued_on) for e in registered] == [
        ("1-QĐ/ĐUK", D(2025, 7, 15)), ("1-QĐ/ĐUKCQ", D(2026, 1, 20)),
        ("1-GT/ĐUKCQ", D(2026, 2, 3)), ("2-QĐ/ĐUKCQ", D(2026, 3, 2)),
    ]  # fmt: skip


def test_a_refused_step_takes_no_number(tree: Tree, add_member: AddMember) -> None:
    case = _decided_case(tree, add_member, D(2025, 7, 15))

    with pytest.raises(MemberChangeError, match="bước"):
        admission_decide(actor=OPERATOR, case=case, on=D(2025, 7, 16))

    assert OutgoingDocument.objects.filter(committee=tree.committee).count() == 1
