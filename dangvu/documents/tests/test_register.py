"""The register of outgoing documents: one sequence per committee, kind and cấp ủy term,
restarted with each term, the number in the HD 36 form, and no number given twice under
concurrency."""

import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from conftest import TODAY, MakeUser, Outside, Tree
from dangvu.common.models import AuditEntry
from dangvu.documents.models import DocumentKind, OutgoingDocument
from dangvu.documents.register import document_register
from dangvu.documents.signers import Signature, signer_create
from dangvu.evaluation.services import round_open
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.models import OrgUnit
from dangvu.organizations.roles import Role

DECISION, CERTIFICATE = DocumentKind.DECISION, DocumentKind.CERTIFICATE


def _issue(committee: OrgUnit, kind: DocumentKind, on: dt.date) -> str:
    with transaction.atomic():
        entry = document_register(actor=OPERATOR, committee=committee, kind=kind, issued_on=on,
                                  summary="Quyết định thử", subject=committee)  # fmt: skip
    return entry.number


TERMS = {"": [dt.date(2020, 9, 1), dt.date(2025, 9, 1)]}


def test_numbers_run_per_committee_kind_and_term_across_years_and_restart_with_a_term(
    tree: Tree, settings: Settings
) -> None:
    """HD 36-HD/VPTW: "from 01 for each document type within one cấp ủy term"; a new
    calendar year within the term does not restart the numbers."""
    settings.DOCUMENT_TERM_STARTS = TERMS
    signature = Signature("Trịnh Văn Dũng", "Phó Bí thư", "T/M Ban Thường vụ", "ĐUK")
    signer_create(actor=OPERATOR, committee=tree.committee, signature=signature,
                  valid_from=dt.date(2024, 1, 1), valid_to=None, today=TODAY)  # fmt: skip
    last_of_term, first_of_term = dt.date(2025, 8, 29), dt.date(2025, 9, 3)
    late_2025, early_2026 = dt.date(2025, 12, 31), dt.date(2026, 1, 2)

    numbers = [
        _issue(tree.committee, DECISION, last_of_term),
        _issue(tree.committee, DECISION, first_of_term),
        _issue(tree.committee, DECISION, late_2025),
        _issue(tree.committee, CERTIFICATE, late_2025),
        _issue(tree.committee, DECISION, early_2026),
        _issue(tree.grassroots_a, DECISION, early_2026),
    ]

    # The grassroots committee has no signer recorded: the settings' symbol.
    assert numbers == ["1-QĐ/ĐUK", "1-QĐ/ĐUK", "2-QĐ/ĐUK", "1-GK/ĐUK", "3-QĐ/ĐUK", "1-QĐ/ĐUK"]
    entry = OutgoingDocument.objects.get(committee=tree.committee, year=2026)
    assert (entry.signer_name, entry.issued_on, entry.subject_id, entry.term_start) == (
        "Trịnh Văn Dũng", early_2026, tree.committee.pk, dt.date(2025, 9, 1))  # fmt: skip
    audited = AuditEntry.objects.filter(action="documents.registered").order_by("pk")
    assert [a.data["number"] for a in audited] == numbers


def test_a_committee_named_in_the_settings_numbers_by_its_own_congress(
    tree: Tree, settings: Settings
) -> None:
    settings.DOCUMENT_TERM_STARTS = TERMS | {tree.committee.code: [dt.date(2025, 7, 26)]}

    numbers = [_issue(tree.committee, DECISION, dt.date(2025, 7, 25)),
               _issue(tree.committee, DECISION, dt.date(2025, 7, 28)),
               _issue(tree.grassroots_a, DECISION, dt.date(2025, 7, 25)),
               _issue(tree.grassroots_a, DECISION, dt.date(2025, 7, 28))]  # fmt: skip

    assert [n.split("-")[0] for n in numbers] == ["1", "1", "1", "2"]


def test_numbers_given_by_year_before_the_change_are_never_given_again(
    tree: Tree, settings: Settings
) -> None:
    """The migration keeps each earlier number in its year's run; a number of the term
    continues after the largest given within it, so none is printed twice."""
    settings.DOCUMENT_TERM_STARTS = TERMS
    for on, last in ((dt.date(2025, 10, 1), 7), (dt.date(2026, 2, 2), 3)):
        OutgoingDocument.objects.create(
            committee=tree.committee, kind=DECISION, year=on.year,
            term_start=dt.date(on.year, 1, 1), sequence=last, number=f"{last}-QĐ/ĐUK", issued_on=on,
            summary="Số cấp theo năm", signer_name="", subject_type="x", subject_id=1,
        )  # fmt: skip

    assert _issue(tree.committee, DECISION, dt.date(2026, 11, 2)) == "8-QĐ/ĐUK"


def test_the_number_carries_the_symbol_of_the_signer_on_its_date(tree: Tree) -> None:
    old = Signature("Lê Văn Cũ", "Bí thư", "T/M Ban Thường vụ", "ĐUK")
    new = Signature("Phạm Thị Mới", "Bí thư", "T/M Ban Thường vụ", "ĐUDN")
    for signature, start, end in ((old, dt.date(2020, 1, 1), dt.date(2025, 7, 1)),
                                  (new, dt.date(2025, 7, 1), None)):  # fmt: skip
        signer_create(actor=OPERATOR, committee=tree.committee, signature=signature,
                      valid_from=start, valid_to=end, today=TODAY)  # fmt: skip

    before, after = (_issue(tree.committee, DECISION, dt.date(2025, 6, 30)),
                     _issue(tree.committee, DECISION, dt.date(2025, 7, 1)))  # fmt: skip

    assert (before, after) == ("1-QĐ/ĐUK", "2-QĐ/ĐUDN")


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_never_share_a_number(tree: Tree) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: the race needs PostgreSQL")
    threads_count, each = 6, 5
    start = threading.Barrier(threads_count)
    failures: list[BaseException] = []

    def issue() -> None:
        try:
            start.wait()
            for _ in range(each):
                _issue(tree.committee, DECISION, dt.date(2026, 3, 2))
        except BaseException as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    sequences = sorted(OutgoingDocument.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, threads_count * each + 1))


def test_the_register_page_lists_what_was_issued_with_a_link_to_its_subject(
    client: Client, tree: Tree, outside: Outside, make_user: MakeUser
) -> None:
    round_ = round_open(actor=OPERATOR, committee=tree.committee, year=2021, today=TODAY)
    with transaction.atomic():
        document_register(actor=OPERATOR, committee=tree.committee, kind=DECISION,
                          issued_on=dt.date(2026, 3, 2), summary="Khen thưởng năm 2021",
                          subject=round_)  # fmt: skip
        document_register(actor=OPERATOR, committee=outside.committee, kind=DECISION,
                          issued_on=dt.date(2026, 3, 2), summary="Văn bản của nơi khác",
                          subject=outside.committee)  # fmt: skip
    client.force_login(make_user("vanphong", Role.OFFICE, tree.committee))

    page = client.get(reverse("documents:register"), {"year": "2026"}).content.decode()
    hostile = client.get(reverse("documents:register"), {"year": "9999"})

    assert "1-QĐ/ĐUK" in page and "02/03/2026" in page
    assert reverse("evaluation:commendations", args=[round_.pk]) in page
    assert "Văn bản của nơi khác" not in page
    assert hostile.status_code == 200
