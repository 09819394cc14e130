"""Commendations of a closed round: the committee's staff commend those rated HTXSNV, the
decision takes its number from the register when none is typed, and the decision and the
certificates print as DOCX and PDF, each print audited."""

import datetime as dt
import io
import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from conftest import TODAY, MakeUser, Tree
from dangvu.common.models import AuditEntry
from dangvu.documents.signers import Signature, signer_create
from dangvu.evaluation.models import Commendation, Rating
from dangvu.evaluation.services import EvaluationError, commendations_decide, round_advance
from dangvu.evaluation.tests.conftest import MakeRated, Rated
from dangvu.evaluation.tests.test_results import decide_all
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role


@pytest.fixture
def closed(rated: MakeRated, tree: Tree) -> Rated:
    """2021's round closed today: two members of CSA-1 HTXSNV, everyone else HTTNV; the
    committee's signer recorded."""
    world = rated(2021)
    decide_all(world)
    round_advance(actor=OPERATOR, round_=world.round, today=TODAY)
    signer_create(actor=OPERATOR, committee=tree.committee, today=TODAY,
                  signature=Signature("Trịnh Văn Dũng", "Phó Bí thư", "T/M Ban Thường vụ", "ĐUK"),
                  valid_from=dt.date(2020, 10, 1), valid_to=None)  # fmt: skip
    return world


@pytest.fixture
def staff(client: Client, make_user: MakeUser, tree: Tree) -> Client:
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    return client


def _best(world: Rated) -> list[Rating]:
    return [world.of(world.a1[0]), world.of(world.a1[1])]


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_without_a_typed_number_the_decision_takes_the_registers(closed: Rated) -> None:
    made = commendations_decide(actor=OPERATOR, round_=closed.round, decision_date=TODAY,
                                rating_ids=[r.pk for r in _best(closed)], today=TODAY)  # fmt: skip

    assert {c.decision_number for c in made} == {"1-QĐ/ĐUK"}
    assert sorted(c.certificate_number for c in made) == ["1-GK/ĐUK", "2-GK/ĐUK"]
    actions = list(AuditEntry.objects.filter(action__in=["evaluation.commended",
                                                         "documents.registered"])
                   .values_list("action", flat=True))  # fmt: skip
    assert sorted(actions) == ["documents.registered"] * 3 + ["evaluation.commended"]


def test_a_typed_number_is_kept(closed: Rated) -> None:
    made = commendations_decide(actor=OPERATOR, round_=closed.round, decision_date=TODAY,
                                rating_ids=[_best(closed)[0].pk], today=TODAY,
                                decision_number=" 45-QĐ/ĐUK ")  # fmt: skip

    assert [(c.decision_number, c.certificate_number) for c in made] == [("45-QĐ/ĐUK", "1-GK/ĐUK")]


def test_a_round_not_closed_commends_nobody(rated: MakeRated) -> None:
    world = rated(2021)
    decide_all(world)

    with pytest.raises(EvaluationError, match="đợt đánh giá đã kết thúc"):
        commendations_decide(actor=OPERATOR, round_=world.round, decision_date=TODAY,
                             rating_ids=[world.of(world.a1[0]).pk], today=TODAY)  # fmt: skip
    assert not Commendation.objects.exists()


def test_the_page_proposes_every_htxsnv_and_decides_those_ticked(
    closed: Rated, staff: Client
) -> None:
    url = reverse("evaluation:commendations", args=[closed.round.pk])
    first = _best(closed)[0]

    page = staff.get(url).content.decode()
    response = staff.post(url, {"ratings": [first.pk], "decision_date": f"{TODAY:%d/%m/%Y}"},
                          follow=True)  # fmt: skip

    assert page.count('name="ratings"') == page.count(" checked>") == 2  # all ticked
    assert closed.of(closed.b[0]).label not in page  # HTTNV: not proposed
    assert "Đã quyết định khen thưởng." in response.content.decode()
    assert Commendation.objects.get().rating == first
    assert "Quyết định số 1-QĐ/ĐUK" in response.content.decode()


def test_the_page_refuses_a_rating_that_is_not_htxsnv(closed: Rated, staff: Client) -> None:
    url = reverse("evaluation:commendations", args=[closed.round.pk])
    good = closed.of(closed.b[0])

    response = staff.post(url, {"ratings": [good.pk], "decision_date": f"{TODAY:%d/%m/%Y}"})

    assert response.status_code == 200
    assert not Commendation.objects.exists()


def test_a_round_still_open_shows_why_it_cannot_commend(rated: MakeRated, staff: Client) -> None:
    world = rated(2021)

    page = staff.get(reverse("evaluation:commendations", args=[world.round.pk]))

    assert "Chỉ khen thưởng khi đợt đánh giá đã kết thúc." in page.content.decode()


@pytest.mark.parametrize(("role", "page"), [(Role.SECRETARY, 403), (Role.LEADERSHIP, 200)])
def test_only_the_committees_staff_decide(
    closed: Rated, client: Client, make_user: MakeUser, tree: Tree, role: str, page: int
) -> None:
    """A TCCSĐ's secretary decides its members' ratings, not the committee's commendations;
    the standing committee reads the decisions but records nothing."""
    client.force_login(make_user("khac", role, tree.grassroots_a if role == Role.SECRETARY
                                 else tree.committee))  # fmt: skip
    url = reverse("evaluation:commendations", args=[closed.round.pk])

    shown = client.get(url)
    response = client.post(url, {"ratings": [_best(closed)[0].pk],
                                 "decision_date": f"{TODAY:%d/%m/%Y}"})  # fmt: skip

    assert shown.status_code == page
    assert 'name="ratings"' not in shown.content.decode()
    assert response.status_code == 403
    assert not Commendation.objects.exists()


def test_the_decision_and_certificates_print_with_number_date_and_signer(
    closed: Rated, staff: Client
) -> None:
    made = commendations_decide(actor=OPERATOR, round_=closed.round, decision_date=TODAY,
                                rating_ids=[r.pk for r in _best(closed)], today=TODAY)  # fmt: skip
    first = made[0]

    def get(document: str, fmt: str) -> bytes:
        url = reverse("evaluation:commendation_document",
                      args=[closed.round.pk, first.pk, document, fmt])  # fmt: skip
        response = staff.get(url)
        assert response.status_code == 200, (document, fmt)
        return response.content

    decision = _docx_text(get("decision", "docx"))
    certificates = _docx_text(get("certificates", "docx"))
    one = _docx_text(get("certificate", "docx"))
    pdf = get("certificates", "pdf")

    date_line = "Thanh Hóa, ngày 26 tháng 11 năm 2026"
    names = [f"Đồng chí {r.label}" for r in _best(closed)]
    for text in (decision, certificates):
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and date_line in text
        assert "Trịnh Văn Dũng" in text and all(name in text for name in names)
    assert "Số 1-QĐ/ĐUK" in decision and "năm 2021" in decision
    assert "Số 1-GK/ĐUK" in certificates and "Số 2-GK/ĐUK" in certificates
    assert "Quyết định số 1-QĐ/ĐUK" in certificates
    assert one.count("GIẤY KHEN") == 1 and f"Đồng chí {first.rating.label}" in one
    assert pdf.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()  # fmt: skip
    assert "GIẤY KHEN" in text and "Trịnh Văn Dũng" in text
    prints = AuditEntry.objects.filter(action="documents.printed")
    assert [p.data["rows"] for p in prints.order_by("pk")] == [2, 2, 1, 2]


def test_documents_of_another_committees_round_are_not_found(
    closed: Rated, client: Client, make_user: MakeUser
) -> None:
    from dangvu.organizations.models import OrgKind, Sector
    from dangvu.organizations.services import org_create

    other = org_create(actor=OPERATOR, code="DBX", name="Đảng bộ Khối khác",
                       kind=OrgKind.UPPER_COMMITTEE, sector=Sector.OTHER, parent=None,
                       established_date=dt.date(2015, 1, 1))  # fmt: skip
    client.force_login(make_user("tochuc-khac", Role.ORGANIZATION_BOARD, other))
    made = commendations_decide(actor=OPERATOR, round_=closed.round, decision_date=TODAY,
                                rating_ids=[_best(closed)[0].pk], today=TODAY)  # fmt: skip

    url = reverse("evaluation:commendation_document",
                  args=[closed.round.pk, made[0].pk, "decision", "docx"])  # fmt: skip

    assert client.get(url).status_code == 404
    assert not AuditEntry.objects.filter(action="documents.printed").exists()
