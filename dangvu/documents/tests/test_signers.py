"""Who signs a committee's documents on a date: its recorded periods (start included, end
excluded), the settings while none is recorded; the Office's writes checked and audited."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.models import AdministrativeUnit, AuditEntry
from dangvu.documents.models import Signer
from dangvu.documents.signers import Signature, signer_create, signer_on, signer_update
from dangvu.members.documents import recognition_decision_context
from dangvu.organizations.access import OPERATOR, OutOfScope
from dangvu.organizations.models import OrgKind, Sector
from dangvu.organizations.roles import Role
from dangvu.organizations.services import org_create
from dangvu.organizations.tree_memo import tree_memo

FIRST = Signature("Lê Văn Cũ", "Bí thư", "T/M Ban Thường vụ", "ĐUK")
SECOND = Signature("Phạm Thị Mới", "Phó Bí thư", "T/M Ban Thường vụ", "ĐUK")


def _periods(tree: Tree) -> tuple[Signer, Signer]:
    first = signer_create(
        actor=OPERATOR,
        committee=tree.committee,
        signature=FIRST,
        valid_from=dt.date(2020, 10, 15),
        valid_to=dt.date(2025, 10, 20),
        today=TODAY,
    )
    second = signer_create(
        actor=OPERATOR,
        committee=tree.committee,
        signature=SECOND,
        valid_from=dt.date(2025, 10, 20),
        valid_to=None,
        today=TODAY,
    )
    return first, second


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (dt.date(2020, 10, 14), ""),  # before any record: the settings (no name by default)
        (dt.date(2020, 10, 15), "Lê Văn Cũ"),
        (dt.date(2025, 10, 19), "Lê Văn Cũ"),
        (dt.date(2025, 10, 20), "Phạm Thị Mới"),
        (dt.date(2030, 1, 1), "Phạm Thị Mới"),
    ],
)
def test_the_signer_of_a_day_is_the_period_holding_it(tree: Tree, day: dt.date, name: str) -> None:
    _periods(tree)

    assert signer_on(tree.committee, day).name == name


def test_inside_the_tree_memo_the_signers_are_read_once_and_a_new_period_is_seen(
    tree: Tree,
) -> None:
    days = [dt.date(2020, 10, 14), dt.date(2025, 10, 19), dt.date(2025, 10, 20)]
    first, _second = _periods(tree)
    read = [signer_on(tree.committee, day) for day in days]

    with tree_memo():
        with CaptureQueriesContext(connection) as queries:
            remembered = [signer_on(tree.committee, day) for day in days]
        signer_update(actor=OPERATOR, signer=first, version=first.version, signature=FIRST,
                      valid_from=dt.date(2020, 10, 20), valid_to=dt.date(2025, 10, 20),
                      today=TODAY)  # fmt: skip
        moved = signer_on(tree.committee, dt.date(2020, 10, 16)).name

    assert remembered == read
    assert len(queries) == 1
    assert moved == ""


def test_without_a_record_the_settings_sign(tree: Tree, settings: object) -> None:
    settings.DOCUMENT_SIGNER_NAME = "Trịnh Văn Dũng"  # type: ignore[attr-defined]

    signature = signer_on(tree.committee, TODAY)

    assert (signature.name, signature.position, signature.symbol) == (
        "Trịnh Văn Dũng", "Phó Bí thư", "ĐUK")  # fmt: skip


def _province() -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(scheme="2008", level="PROVINCE", code="38")


def test_a_printed_decision_is_signed_by_the_signer_of_its_date(
    tree: Tree, add_member: AddMember
) -> None:
    _periods(tree)
    member = add_member(tree.cell_a1, official_decision_date=dt.date(2025, 10, 20),
                        official_decision_number="7-QĐ/ĐUK", hometown_province=_province(),
                        admission_decision_date=dt.date(2010, 5, 3))  # fmt: skip

    context = recognition_decision_context(member)

    assert (context["signer_name"], context["signer_position"]) == ("Phạm Thị Mới", "Phó Bí thư")


def test_an_overlapping_period_is_refused_with_the_signer_it_meets(tree: Tree) -> None:
    _periods(tree)

    with pytest.raises(ValidationError, match="trùng với đồng chí Phạm Thị Mới"):
        signer_create(
            actor=OPERATOR,
            committee=tree.committee,
            signature=FIRST,
            valid_from=dt.date(2026, 1, 1),
            valid_to=None,
            today=TODAY,
        )
    assert Signer.objects.count() == 2


@pytest.mark.parametrize(
    ("signature", "start", "end", "message"),
    [
        (Signature("", "Bí thư", "T/M", "ĐUK"), dt.date(2020, 1, 1), None, "Cần ghi họ và tên"),
        (FIRST, dt.date(2020, 1, 1), dt.date(2020, 1, 1), "phải sau ngày bắt đầu"),
        (FIRST, dt.date(9999, 1, 1), None, "Ngày bắt đầu ký phải từ"),
        (FIRST, dt.date(2020, 1, 1), dt.date(9999, 1, 1), "Ngày kết thúc phải từ"),
        (Signature("A\u202eB", "Bí thư", "T/M", "ĐUK"), dt.date(2020, 1, 1), None, "ký tự ẩn"),
    ],
)
def test_bad_input_is_refused_with_a_message(
    tree: Tree, signature: Signature, start: dt.date, end: dt.date | None, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        signer_create(
            actor=OPERATOR,
            committee=tree.committee,
            signature=signature,
            valid_from=start,
            valid_to=end,
            today=TODAY,
        )


def test_writes_are_audited_and_an_update_closes_a_period(tree: Tree) -> None:
    first, _second = _periods(tree)

    signer_update(
        actor=OPERATOR,
        signer=first,
        version=first.version,
        signature=FIRST,
        valid_from=first.valid_from,
        valid_to=dt.date(2025, 9, 1),
        today=TODAY,
    )

    actions = list(AuditEntry.objects.filter(action__startswith="documents.signer")
                   .order_by("pk").values_list("action", flat=True))  # fmt: skip
    assert actions == ["documents.signer.created"] * 2 + ["documents.signer.updated"]
    assert signer_on(tree.committee, dt.date(2025, 9, 15)).name == ""  # a gap: the settings


def test_the_office_of_another_committee_cannot_record_a_signer(
    tree: Tree, make_user: MakeUser
) -> None:
    other = org_create(actor=OPERATOR, code="DBX", name="Đảng bộ Khối khác",
                       kind=OrgKind.UPPER_COMMITTEE, sector=Sector.OTHER, parent=None,
                       established_date=dt.date(2015, 1, 1))  # fmt: skip
    office = make_user("vanphong", Role.OFFICE, other)

    with pytest.raises(OutOfScope):
        signer_create(
            actor=office,
            committee=tree.committee,
            signature=FIRST,
            valid_from=dt.date(2020, 1, 1),
            valid_to=None,
            today=TODAY,
        )


def test_the_office_records_a_signer_on_its_page(
    client: Client, tree: Tree, make_user: MakeUser
) -> None:
    client.force_login(make_user("vanphong", Role.OFFICE, tree.committee))
    form = {
        "committee": tree.committee.pk,
        "name": "Phạm Thị Mới",
        "position": "Bí thư",
        "authority": "T/M Ban Thường vụ",
        "symbol": "ĐUK",
        "valid_from": "20/10/2025",
    }

    response = client.post(reverse("documents:signers"), form, follow=True)

    assert "Đã ghi người ký." in response.content.decode()
    signer = Signer.objects.get()
    page = client.get(reverse("documents:signer", args=[signer.pk]))
    assert page.status_code == 200 and "Phạm Thị Mới" in page.content.decode()
    # The edit form carries the record's version, or saving it would always be refused.
    assert f'name="version" value="{signer.version}"' in page.content.decode()
    refused = client.post(reverse("documents:signers"), form | {"valid_from": "01/01/2026"})
    assert "trùng với đồng chí Phạm Thị Mới" in refused.content.decode()
