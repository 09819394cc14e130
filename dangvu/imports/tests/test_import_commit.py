"""The commit of a checked import: written from what the dry run staged, after checking
again what others can have changed in between; refused, with the row, when that fails."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.models import AuditEntry
from dangvu.common.text import person_sort_key
from dangvu.imports.members import check_members, commit_members
from dangvu.imports.members.stage import member_stage
from dangvu.imports.models import ImportBatch
from dangvu.imports.problems import ImportRefused
from dangvu.imports.tests.test_import_members import GOOD, HEADER, _snapshot, _xlsx
from dangvu.members.export import members_export
from dangvu.members.models import Member
from dangvu.members.selectors import MemberFilter
from dangvu.members.services import member_update
from dangvu.organizations.access import OPERATOR, Operator
from dangvu.organizations.access import User as AnyUser
from dangvu.organizations.roles import Role


def _checked(path: Path, *, user: AnyUser | None = None, today: dt.date = TODAY) -> ImportBatch:
    batch = ImportBatch.objects.create(file_name=path.name)
    result = check_members(path=path, user=user or Operator(), today=today, batch=batch)
    assert result.problems == []
    return batch


def _commit(path: Path, batch: ImportBatch, user: AnyUser | None = None) -> ImportBatch:
    user = user or Operator()
    return commit_members(actor=user, path=path, user=user, today=TODAY, batch=batch)


def test_a_checked_file_is_committed_from_its_stage(tree: Tree, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", GOOD)
    batch = _checked(path)
    assert member_stage(batch.pk).exists()
    path.unlink()  # the commit does not read the file again

    batch = _commit(path, batch)

    assert (batch.state, batch.to_create) == (ImportBatch.State.COMMITTED, 2)
    new = Member.objects.get(national_id="038190001002")
    assert (new.full_name, new.sort_key, new.memberships.get().org) == (
        "Trần Thị Mới",
        person_sort_key("Trần Thị Mới"),
        tree.cell_a2,
    )
    assert "tran thi moi" in new.search_text
    rows = batch.audit_batch.rows.order_by("object_repr")  # type: ignore[union-attr]
    assert [(r.object_id, r.org_id, r.data["start"]) for r in rows][1] == (
        new.pk,
        tree.cell_a2.pk,
        "REGISTERED",
    )
    assert not member_stage(batch.pk).exists()


def test_a_cccd_registered_after_the_check_refuses_the_commit(
    tree: Tree, add_member: AddMember, tmp_path: Path
) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", GOOD)
    batch = _checked(path)
    add_member(
        tree.cell_a1, full_name="Trần Thị Khác", gender="F", national_id="038190001002",
        birth_date=dt.date(1990, 7, 2),
    )  # fmt: skip
    before = _snapshot()

    with pytest.raises(ImportRefused) as refused:
        _commit(path, batch)

    [problem] = refused.value.result.problems
    assert (problem.row, problem.column, problem.header) == (5, "E", "Số định danh")
    assert "vừa được dùng" in str(problem)
    assert _snapshot() == before
    assert not AuditEntry.objects.filter(action="imports.batch.committed").exists()


def test_a_record_edited_after_the_check_refuses_the_commit(
    tree: Tree, add_member: AddMember, tmp_path: Path
) -> None:
    existing = add_member(
        tree.cell_a1, full_name="Nguyễn Văn Cũ", national_id="038085001001",
        birth_date=dt.date(1985, 3, 15),
    )  # fmt: skip
    path = _xlsx(tmp_path / "ds.xlsx", GOOD)
    batch = _checked(path)
    assert (batch.to_create, batch.to_update) == (1, 1)
    member_update(
        actor=OPERATOR, member=existing, version=existing.version, values={"phone": "0911"},
        today=TODAY,
    )  # fmt: skip
    before = _snapshot()

    with pytest.raises(ImportRefused) as refused:
        _commit(path, batch)

    assert [(p.row, p.column) for p in refused.value.result.problems] == [(4, "E")]
    assert "vừa được sửa" in str(refused.value.result.problems[0])
    assert _snapshot() == before


def test_an_update_is_written_with_its_audit_row(
    tree: Tree, add_member: AddMember, tmp_path: Path
) -> None:
    existing = add_member(
        tree.cell_a1, full_name="Nguyễn Văn Cũ", national_id="038085001001",
        birth_date=dt.date(1985, 3, 15), phone="0900",
    )  # fmt: skip
    path = _xlsx(tmp_path / "ds.xlsx", GOOD)

    batch = _commit(path, _checked(path))

    existing.refresh_from_db()
    assert (existing.full_name, existing.phone, existing.version) == ("Nguyễn Văn Nhập", "0900", 2)
    assert "nguyen van nhap" in existing.search_text
    row = batch.audit_batch.rows.get(object_id=existing.pk)  # type: ignore[union-attr]
    assert row.changes == {"full_name": ["Nguyễn Văn Cũ", "Nguyễn Văn Nhập"]}
    assert row.data == {"version": 2}


def test_a_check_of_another_day_is_done_again(tree: Tree, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", GOOD[:1])
    batch = _checked(path, today=TODAY - dt.timedelta(days=1))
    _xlsx(path, GOOD)  # the file changed since: the new check sees both rows

    batch = _commit(path, batch)

    assert batch.to_create == 2 and Member.objects.count() == 2


def test_a_cell_out_of_reach_since_the_check_refuses_the_commit(
    tree: Tree, tmp_path: Path, make_user: MakeUser
) -> None:
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    path = _xlsx(tmp_path / "ds.xlsx", GOOD)
    batch = _checked(path, user=secretary)
    secretary.assignments.all().delete()  # the secretary's term ended
    secretary = User.objects.get(pk=secretary.pk)

    with pytest.raises(ImportRefused) as refused:
        _commit(path, batch, user=secretary)

    assert [(p.row, p.column) for p in refused.value.result.problems] == [(4, "H"), (5, "H")]
    assert not Member.objects.exists()


def test_a_member_outside_the_users_reach_is_not_updated(
    tree: Tree, add_member: AddMember, tmp_path: Path, make_user: MakeUser
) -> None:
    add_member(
        tree.grassroots_b, full_name="Phạm Văn Ngoài", national_id="038085001001",
        birth_date=dt.date(1985, 3, 15),
    )  # fmt: skip
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    before = _snapshot()

    result = check_members(path=_xlsx(tmp_path / "ds.xlsx", GOOD), user=secretary, today=TODAY)

    assert [(p.row, p.column) for p in result.problems] == [(4, "E")]
    assert "ngoài phạm vi" in str(result.problems[0])
    assert _snapshot() == before


def test_party_card_numbers_may_not_repeat_or_be_someone_elses(
    tree: Tree, add_member: AddMember, tmp_path: Path
) -> None:
    add_member(tree.cell_a1, national_id="001085000009", party_card_number="55000001")
    rows = [[*GOOD[0], "55000001"], [*GOOD[1], "55000002"], [3, "Lê Văn Ba", "01/01/1980",
            "Nam", "038080001003", "01/01/2010", "", "CSA-1", "Kinh", "55000002"]]  # fmt: skip
    path = _xlsx(tmp_path / "the.xlsx", rows, header=[*HEADER, "Số thẻ đảng viên"])

    result = check_members(path=path, user=Operator(), today=TODAY)

    assert [(p.row, p.column, p.message) for p in result.problems] == [
        (4, "J", "Số thẻ này đã được cấp cho người khác."),
        (6, "J", "Trùng số thẻ đảng viên với dòng 5."),
    ]


def test_a_check_with_problems_keeps_nothing_staged(tree: Tree, tmp_path: Path) -> None:
    bad = [*GOOD, [3, "", "15/03/1985", "Nam", "038085001003", "19/05/2010", "", "CSA-1", ""]]
    batch = ImportBatch.objects.create(file_name="sai.xlsx")

    result = check_members(
        path=_xlsx(tmp_path / "sai.xlsx", bad), user=Operator(), today=TODAY, batch=batch
    )

    assert [p.row for p in result.problems] == [6]
    assert not member_stage(batch.pk).exists()
    batch.refresh_from_db()
    assert (batch.state, batch.checked_on, len(batch.problems)) == ("CHECKED", TODAY, 1)


def test_stages_no_commit_will_use_are_dropped_by_the_next_check(
    tree: Tree, tmp_path: Path
) -> None:
    path = _xlsx(tmp_path / "ds.xlsx", GOOD)
    yesterday = _checked(path, today=TODAY - dt.timedelta(days=1))
    today = _checked(path)
    committed = _checked(path)
    _commit(path, committed)

    _checked(path)

    assert not member_stage(yesterday.pk).exists()
    assert member_stage(today.pk).exists()


def test_the_batch_page_previews_the_staged_changes(
    tree: Tree, add_member: AddMember, tmp_path: Path, make_user: MakeUser, client: Client
) -> None:
    add_member(
        tree.cell_a1, full_name="Nguyễn Văn Cũ", national_id="038085001001",
        birth_date=dt.date(1985, 3, 15),
    )  # fmt: skip
    admin = make_user("admin", Role.ADMIN)
    batch = _checked(_xlsx(tmp_path / "ds.xlsx", GOOD))
    ImportBatch.objects.filter(pk=batch.pk).update(created_by=admin)
    client.force_login(admin)

    page = client.get(reverse("imports:detail", args=[batch.pk])).content.decode()

    assert "1 đảng viên sẽ được tạo mới" in page and "Trần Thị Mới" in page
    assert "02/07/1990" in page and "CSA-2" in page
    assert "Họ và tên: <del>Nguyễn Văn Cũ</del> → Nguyễn Văn Nhập" in page


def test_rows_identical_to_the_registry_are_previewed_and_never_written(
    tree: Tree, add_member: AddMember, tmp_path: Path, make_user: MakeUser, client: Client
) -> None:
    add_member(tree.cell_a1, full_name="Đặng Thị Hoa", gender="F", phone="0912345678")
    path = tmp_path / "ds.xlsx"
    members_export(user=Operator(), filters=MemberFilter(as_of=TODAY), path=path)
    admin = make_user("admin", Role.ADMIN)
    batch = _checked(path)
    ImportBatch.objects.filter(pk=batch.pk).update(created_by=admin)
    client.force_login(admin)
    before = _snapshot()

    page = client.get(reverse("imports:detail", args=[batch.pk])).content.decode()
    batch = _commit(path, batch)

    assert "1 dòng giống hệt hồ sơ hiện có" in page and "Đặng Thị Hoa" in page
    assert (batch.to_create, batch.to_update, batch.skipped) == (0, 0, 1)
    assert _snapshot() == before
    assert not batch.audit_batch.rows.exists()  # type: ignore[union-attr]


def test_the_admission_decision_date_is_read_under_its_header_variants(
    tree: Tree, tmp_path: Path
) -> None:
    rows = [[*row, decided] for row, decided in zip(GOOD, ["20/04/2010", ""], strict=True)]
    path = _xlsx(tmp_path / "ds.xlsx", rows, header=[*HEADER, "Ngày QĐ kết nạp"])

    _commit(path, _checked(path))

    assert Member.objects.get(national_id="038085001001").admission_decision_date == dt.date(
        2010, 4, 20
    )
    assert Member.objects.get(national_id="038190001002").admission_decision_date is None


@pytest.mark.parametrize("header", ["Ngày vào Đảng lần thứ hai", "Ngày kết nạp lại",
                                    "Ngày vào Đảng lần 2"])  # fmt: skip
def test_the_second_admission_is_read_under_its_header_variants(
    tree: Tree, tmp_path: Path, header: str
) -> None:
    rows = [[*row, again] for row, again in zip(GOOD, ["01/03/2016", ""], strict=True)]
    path = _xlsx(tmp_path / "ds.xlsx", rows, header=[*HEADER, header])

    _commit(path, _checked(path))

    assert Member.objects.get(national_id="038085001001").readmission_date == dt.date(2016, 3, 1)
    assert Member.objects.get(national_id="038190001002").readmission_date is None


def test_a_second_admission_before_the_first_is_refused_with_its_row(
    tree: Tree, tmp_path: Path
) -> None:
    rows = [[*GOOD[0], "01/01/2005"]]
    path = _xlsx(tmp_path / "ds.xlsx", rows, header=[*HEADER, "Ngày kết nạp lại"])

    result = check_members(path=path, user=Operator(), today=TODAY,
                           batch=ImportBatch.objects.create(file_name=path.name))  # fmt: skip

    assert [(p.row, p.message) for p in result.problems] == [
        (4, "Ngày vào Đảng lần thứ hai phải sau ngày vào Đảng lần đầu và không sau hôm nay.")
    ]


def test_a_decision_after_the_ceremony_is_refused_with_its_row(tree: Tree, tmp_path: Path) -> None:
    rows = [[*GOOD[0], "20/06/2010"]]
    path = _xlsx(tmp_path / "ds.xlsx", rows, header=[*HEADER, "Ngày quyết định kết nạp"])

    # Row 4 of the sheet: its title, a blank row and the header come first.
    result = check_members(path=path, user=Operator(), today=TODAY,
                           batch=ImportBatch.objects.create(file_name=path.name))  # fmt: skip

    assert [(p.row, p.message) for p in result.problems] == [
        (4, "Ngày quyết định kết nạp không được sau ngày vào Đảng (lễ kết nạp).")
    ]
