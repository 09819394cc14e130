"""Reconciliation with an export of the national member database."""

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client

from conftest import TODAY, AddMember, MakeUser, Outside, Tree
from dangvu.accounts.services import role_assign
from dangvu.common.models import AuditEntry
from dangvu.imports.reconcile import apply_differences, reconcile
from dangvu.members.models import Member
from dangvu.organizations.access import OPERATOR, Operator
from dangvu.organizations.roles import Role

D = dt.date
HEADER = "Họ và tên,Ngày sinh,Giới tính,Số định danh,Số thẻ đảng viên,Ngày vào Đảng"


@pytest.fixture
def registry(tree: Tree, add_member: AddMember) -> dict[str, Member]:
    return {
        "by_id": add_member(tree.cell_a1, full_name="Nguyễn Văn Một", national_id="038085999901",
                            birth_date=D(1985, 1, 1)),
        "by_card": add_member(tree.cell_a1, full_name="Lê Thị Hai", gender="F",
                              national_id="038185999902", party_card_number="38000002",
                              birth_date=D(1985, 2, 2)),
        "by_name": add_member(tree.cell_a2, full_name="Phạm Văn Ba", national_id=None,
                              birth_date=D(1985, 3, 3)),
        "absent": add_member(tree.cell_a2, full_name="Hoàng Văn Vắng"),
    }  # fmt: skip


def _file(tmp_path: Path) -> Path:
    lines = [
        HEADER,
        "Nguyễn Văn Một,01/01/1985,Nam,038085999901,38999991,19/05/2010",  # card differs
        "Lê Thị Hai Sửa,02/02/1985,Nữ,,38000002,19/05/2010",  # name differs; matched by card
        "PHẠM VĂN BA,03/03/1985,Nam,038085999903,,19/05/2010",  # matched by name and birth
        "Đỗ Văn Mới,04/04/1990,Nam,038090999904,,19/05/2015",  # only in the file
    ]
    path = tmp_path / "csdl.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_matching_by_cccd_then_card_then_name_and_birth(
    registry: dict[str, Member], tmp_path: Path
) -> None:
    report = reconcile(path=_file(tmp_path), user=Operator(), today=TODAY)

    found = {
        p.name: (p.matched_by, {d.field: d.theirs for d in p.differences}) for p in report.pairs
    }
    assert found == {
        "Nguyễn Văn Một": ("CCCD", {"party_card_number": "38999991"}),
        "Lê Thị Hai": ("CARD", {"full_name": "Lê Thị Hai Sửa"}),
        "Phạm Văn Ba": ("NAME_BIRTH", {"full_name": "PHẠM VĂN BA", "national_id": "038085999903"}),
    }
    assert [(row, name) for row, name, _birth in report.only_in_file] == [(5, "Đỗ Văn Mới")]
    assert [name for _pk, name in report.only_in_registry] == ["Hoàng Văn Vắng"]


def test_only_the_chosen_differences_are_applied_and_audited(
    registry: dict[str, Member], tmp_path: Path
) -> None:
    one = registry["by_id"]

    count = apply_differences(
        actor=Operator(),
        path=_file(tmp_path),
        user=Operator(),
        today=TODAY,
        chosen={(one.pk, "party_card_number")},
    )

    assert count == 1
    one.refresh_from_db()
    assert one.party_card_number == "38999991"
    assert Member.objects.get(pk=registry["by_card"].pk).full_name == "Lê Thị Hai"
    entry = AuditEntry.objects.get(action="members.member.updated")
    assert entry.reason == "Đối chiếu với CSDL đảng viên"
    assert entry.changes == {"party_card_number": ["", "38999991"]}


def test_the_report_page_applies_all_at_once(
    client: Client, registry: dict[str, Member], tmp_path: Path, tree: Tree, make_user: MakeUser
) -> None:
    client.force_login(make_user("tochuc", Role.ORGANIZATION_BOARD, tree.committee))
    with _file(tmp_path).open("rb") as upload:
        report_url = client.post("/app/imports/reconcile/", {"file": upload})["Location"]

    page = client.get(report_url).content.decode()
    client.post(report_url, {"all": "1"})
    after = client.get(report_url).content.decode()

    assert "PHẠM VĂN BA" in page and "Đỗ Văn Mới" in page
    assert Member.objects.get(pk=registry["by_name"].pk).national_id == "038085999903"
    # The worker applied them and reported again: what was applied no longer differs.
    assert "Đã cập nhật 4 trường." in after and "038085999903" not in after


def test_a_member_the_user_may_only_view_is_listed_and_never_changed(
    client: Client, registry: dict[str, Member], tmp_path: Path, tree: Tree, make_user: MakeUser,
    outside: Outside,
) -> None:  # fmt: skip
    # Leadership of another committee (view only) and secretary of CSA (change).
    user = make_user("kiemnhiem", Role.SECRETARY, tree.grassroots_a)
    role_assign(actor=OPERATOR, user=user, role=Role.LEADERSHIP, org=outside.committee,
                valid_from=D(2020, 1, 1))  # fmt: skip
    elsewhere = outside.member
    path = _file(tmp_path)
    row = f"Quách Thị Ngoại Sửa,15/03/1985,Nữ,{elsewhere.national_id},,19/05/2010"
    path.write_text(f"{path.read_text()}\n{row}")
    client.force_login(user)
    with path.open("rb") as upload:
        report_url = client.post("/app/imports/reconcile/", {"file": upload})["Location"]

    page = client.get(report_url).content.decode()
    client.post(report_url, {"all": "1"})
    client.post(report_url, {"apply": f"{elsewhere.pk}:full_name"})

    assert "Quách Thị Ngoại" in page and "chỉ xem" in page
    assert Member.objects.get(pk=elsewhere.pk).full_name == "Quách Thị Ngoại"
    assert not AuditEntry.objects.filter(action="members.member.updated",
                                         object_id=elsewhere.pk).exists()  # fmt: skip
    assert Member.objects.get(pk=registry["by_name"].pk).national_id == "038085999903"
