"""Undoing imports: recorded forward, one row per member, seen by those who saw the import,
refused with its reason when anything refers to what the import created; a committed batch
is never committed twice."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import TODAY, AddMember, MakeUser, Tree
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.imports.members import commit_members, undo_import
from dangvu.imports.models import ImportBatch
from dangvu.imports.problems import UndoRefused
from dangvu.imports.services import batch_remap, batch_upload
from dangvu.imports.states import TRANSITIONS, BatchStateError, Step, batch_move
from dangvu.imports.tests.test_import_members import GOOD, _xlsx
from dangvu.members.models import Member
from dangvu.members.selectors import member_timeline
from dangvu.members.services import admission_open, admission_update
from dangvu.organizations.access import OPERATOR
from dangvu.organizations.roles import Role


@pytest.fixture
def imported(tree: Tree, add_member: AddMember, tmp_path: Path) -> ImportBatch:
    """An import into CSA that created one member (CSA-2) and edited one (CSA-1)."""
    add_member(
        tree.cell_a1,
        full_name="Nguyễn Văn Nhập",
        national_id="038085001001",
        birth_date=dt.date(1985, 3, 15),
    )
    rows = [list(GOOD[0]), GOOD[1]]
    rows[0][1] = "Nguyễn Văn Nhập Sửa"
    path = _xlsx(tmp_path / "ds.xlsx", rows)
    return commit_members(
        actor=OPERATOR, path=path, user=OPERATOR, today=TODAY, org=tree.grassroots_a
    )


def test_undo_writes_one_row_per_member_under_its_entry_and_deletes_nothing_of_the_trail(
    imported: ImportBatch, tree: Tree
) -> None:
    trail = set(AuditEntry.objects.values_list("pk", flat=True))

    undo_import(actor=OPERATOR, batch=imported)

    undo = AuditEntry.objects.get(action=Event.IMPORT_UNDONE)
    assert set(AuditEntry.objects.values_list("pk", flat=True)) >= trail
    rows = {row.action: row for row in undo.rows.all()}
    assert sorted(rows) == [Event.REGISTRATION_UNDONE, Event.REVERTED]
    assert rows[Event.REGISTRATION_UNDONE].object_repr == "Trần Thị Mới (02/07/1990)"
    assert rows[Event.REGISTRATION_UNDONE].org_id == tree.cell_a2.pk
    assert rows[Event.REVERTED].changes == {"full_name": ["Nguyễn Văn Nhập Sửa", "Nguyễn Văn Nhập"]}
    assert rows[Event.REVERTED].org_id == tree.cell_a1.pk
    assert undo.org_id == tree.grassroots_a.pk


def test_the_members_timeline_shows_the_undo_on_top_and_the_import_edit_as_undone(
    imported: ImportBatch,
) -> None:
    undo_import(actor=OPERATOR, batch=imported)

    member = Member.objects.get(national_id="038085001001")
    edits = [item for item in member_timeline(member) if item.kind == "edited"]

    assert [item.title for item in edits] == ["Hoàn tác sửa hồ sơ", "Sửa hồ sơ đảng viên"]
    assert [(line.label, line.before, line.after) for line in edits[0].lines] == [
        ("Họ và tên", "Nguyễn Văn Nhập Sửa", "Nguyễn Văn Nhập")
    ]
    assert (edits[1].reverted, edits[1].revertible) == (True, False)
    assert member.version == 3


def test_the_undo_is_seen_by_those_who_saw_the_import(
    imported: ImportBatch, tree: Tree, make_user: MakeUser
) -> None:
    clients = {}
    for name, role, org in (
        ("tochuc", Role.ORGANIZATION_BOARD, tree.committee),
        ("bithu", Role.SECRETARY, tree.grassroots_a),
        ("bithu_b", Role.SECRETARY, tree.grassroots_b),
    ):
        clients[name] = Client()
        clients[name].force_login(make_user(name, role, org))

    undo_import(actor=OPERATOR, batch=imported)

    undo = AuditEntry.objects.get(action=Event.IMPORT_UNDONE)
    commit = AuditEntry.objects.get(action=Event.IMPORT_COMMITTED)
    pairs = [(commit, undo)] + [
        (commit.rows.get(object_id=row.object_id), row) for row in undo.rows.all()
    ]
    for name, client in clients.items():
        for before, after in pairs:
            saw = client.get(reverse("audit:detail", args=[before.pk])).status_code
            sees = client.get(reverse("audit:detail", args=[after.pk])).status_code
            assert (saw, sees) == ((404, 404) if name == "bithu_b" else (200, 200)), name


def test_undo_is_refused_with_its_reason_when_a_created_member_was_named_an_introducer(
    imported: ImportBatch, tree: Tree
) -> None:
    introducer = Member.objects.get(national_id="038190001002")
    case = admission_open(
        actor=OPERATOR,
        cell=tree.cell_a2,
        today=TODAY,
        values={"full_name": "Vũ Thị Xin", "gender": "F", "birth_date": dt.date(2000, 1, 1)},
    )
    admission_update(
        actor=OPERATOR,
        case=case,
        version=case.version,
        values={"introducer_1": introducer},
        today=TODAY,
    )

    with pytest.raises(
        UndoRefused,
        match=r"hồ sơ Trần Thị Mới \(02/07/1990\) do lần nhập này tạo đã được ghi ở hồ sơ "
        r"kết nạp \(người giới thiệu 1\)",
    ):
        undo_import(actor=OPERATOR, batch=imported)
    assert Member.objects.filter(pk=introducer.pk).exists()
    assert not AuditEntry.objects.filter(action=Event.IMPORT_UNDONE).exists()


def test_a_committed_batch_is_not_remapped_nor_committed_again(
    imported: ImportBatch, tmp_path: Path
) -> None:
    with pytest.raises(BatchStateError, match="đang ở trạng thái “Đã ghi”, không thể ghép lại"):
        batch_remap(actor=OPERATOR, batch=imported, mapping={"1": "full_name"})
    with pytest.raises(BatchStateError, match="không thể ghi vào hệ thống"):
        commit_members(
            actor=OPERATOR,
            path=_xlsx(tmp_path / "lai.xlsx", GOOD),
            user=OPERATOR,
            today=TODAY,
            batch=imported,
        )

    undo_import(actor=OPERATOR, batch=imported)

    assert Member.objects.count() == 1
    imported.refresh_from_db()
    assert imported.state == ImportBatch.State.UNDONE


def test_the_remap_page_refuses_a_committed_batch_and_its_undo_still_works(
    imported: ImportBatch, make_user: MakeUser
) -> None:
    client = Client()
    client.force_login(make_user("admin", Role.ADMIN))
    ImportBatch.objects.filter(pk=imported.pk).update(created_by=None)

    response = client.post(reverse("imports:remap", args=[imported.pk]), {"col-1": "full_name"})
    client.post(reverse("imports:commit", args=[imported.pk]))

    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.state == ImportBatch.State.COMMITTED
    assert not AuditEntry.objects.filter(action=Event.IMPORT_REMAPPED).exists()
    client.post(reverse("imports:undo", args=[imported.pk]))
    imported.refresh_from_db()
    assert imported.state == ImportBatch.State.UNDONE


@pytest.mark.parametrize("step", list(Step))
@pytest.mark.parametrize("state", list(ImportBatch.State))
def test_each_step_is_taken_only_from_the_states_the_table_allows(
    db: None, step: Step, state: ImportBatch.State
) -> None:
    batch = ImportBatch.objects.create(file_name="ds.csv", state=state)
    sources, target = TRANSITIONS[step]

    if state in sources:
        batch_move(batch, step)
        assert ImportBatch.objects.get(pk=batch.pk).state == target
    else:
        with pytest.raises(BatchStateError, match=f"“ds.csv” đang ở trạng thái “{state.label}”"):
            batch_move(batch, step)
        assert ImportBatch.objects.get(pk=batch.pk).state == state


def test_a_step_holds_only_if_the_database_still_allows_it(db: None) -> None:
    batch = ImportBatch.objects.create(file_name="ds.csv", state=ImportBatch.State.CHECKED)
    stale = ImportBatch.objects.get(pk=batch.pk)
    batch_move(batch, Step.QUEUE_COMMIT)

    with pytest.raises(BatchStateError, match="Đang ghi"):
        batch_move(stale, Step.QUEUE_COMMIT)


def test_an_upload_is_audited_with_its_file_and_kind(tree: Tree, make_user: MakeUser) -> None:
    secretary = make_user("bithu", Role.SECRETARY, tree.grassroots_a)
    file = SimpleUploadedFile("ds.csv", "Họ và tên\n".encode())

    batch = batch_upload(actor=secretary, file=file, kind=ImportBatch.Kind.IMPORT, org=tree.cell_a1)

    entry = AuditEntry.objects.get(action=Event.IMPORT_UPLOADED)
    assert (entry.object_id, entry.org_id, entry.actor_id) == (
        batch.pk,
        tree.cell_a1.pk,
        secretary.pk,
    )
    assert entry.data == {"file": "ds.csv", "kind": "IMPORT", "size": len("Họ và tên\n".encode())}
