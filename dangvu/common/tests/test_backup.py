"""`dangvu backup` and `dangvu restore`: what was backed up comes back whole (figures,
members, audit trail, files), a backup taken during an import holds the state before it or
after it, and a backup the installation cannot take back is refused with a reason."""

import datetime as dt
import json
import tarfile
import threading
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from conftest import TODAY, AddMember, Tree
from dangvu.common import backup
from dangvu.common.backup import backup_restore, backup_write
from dangvu.common.backup_databases import BackupError
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry
from dangvu.imports.members import commit as member_commit
from dangvu.imports.members import commit_members
from dangvu.imports.models import ImportBatch
from dangvu.imports.tests.test_import_members import GOOD, _xlsx
from dangvu.members.models import Member
from dangvu.organizations.access import OPERATOR
from dangvu.stats.selectors import org_tree

pytestmark = pytest.mark.django_db(transaction=True)


def _state() -> dict[str, Any]:
    def counts(nodes: list[Any]) -> dict[str, Any]:
        return {n.code: (n.counts.as_dict(), counts(n.children)) for n in nodes}

    files = {}
    _folders, names = (
        default_storage.listdir("photos") if default_storage.exists("photos") else ([], [])
    )
    for name in names:
        with default_storage.open(f"photos/{name}") as stored:
            files[name] = stored.read()
    return {
        "figures": counts(org_tree(user=OPERATOR, as_of=TODAY)),
        "members": list(Member.objects.order_by("pk").values_list("pk", "full_name", "version")),
        "audit": list(
            AuditEntry.objects.exclude(action=Event.BACKUP_RESTORED)
            .order_by("pk")
            .values_list("pk", "action", "object_repr", "changes")
        ),
        "files": files,
    }


def test_a_backup_restores_the_figures_members_audit_trail_and_files(
    tree: Tree, add_member: AddMember, tmp_path: Path
) -> None:
    add_member(tree.cell_a1, full_name="Lê Thị Bình", gender="F")
    add_member(tree.grassroots_b, full_name="Đặng Văn Cường")
    default_storage.save("photos/binh.jpg", ContentFile(b"\xff\xd8 photo of Binh"))
    before = _state()
    backup_write(tmp_path / "sao-luu.tar")

    add_member(tree.cell_a2, full_name="Trần Văn Sau")
    default_storage.save("photos/sau.jpg", ContentFile(b"later"))
    default_storage.delete("photos/binh.jpg")
    assert _state() != before

    backup_restore(tmp_path / "sao-luu.tar")

    assert _state() == before
    restored = AuditEntry.objects.latest("pk")
    assert (restored.action, restored.object_repr) == (Event.BACKUP_RESTORED, "sao-luu.tar")


def test_a_backup_taken_during_an_import_holds_the_state_before_or_after_it(
    tree: Tree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[BaseException | None] = []

    def backup_in_another_session() -> None:
        try:
            backup_write(tmp_path / "giua-chung.tar")
            taken.append(None)
        except BaseException as error:  # reported by the assertion below
            taken.append(error)
        finally:
            connection.close()  # this thread's own connection

    real_write = member_commit.write_staged
    thread = threading.Thread(target=backup_in_another_session)

    def write_then_back_up(*args: Any, **kwargs: Any) -> Any:
        written = real_write(*args, **kwargs)
        thread.start()  # the rows are written, the import's transaction is still open
        thread.join(timeout=2)
        return written

    monkeypatch.setattr(member_commit, "write_staged", write_then_back_up)
    commit_members(
        actor=OPERATOR, path=_xlsx(tmp_path / "ds.xlsx", GOOD), user=OPERATOR, today=TODAY
    )
    thread.join()
    assert taken == [None]

    backup_restore(tmp_path / "giua-chung.tar")

    imported = Member.objects.filter(full_name__in=[row[1] for row in GOOD]).count()
    committed = ImportBatch.objects.filter(state=ImportBatch.State.COMMITTED).count()
    assert (imported, committed) in [(0, 0), (len(GOOD), 1)]


def test_the_commands_back_up_and_restore_and_keep_what_they_replace(
    tree: Tree, add_member: AddMember, tmp_path: Path, settings: Any
) -> None:
    settings.BACKUP_DIR = tmp_path / "kept"
    add_member(tree.cell_a1, full_name="Lê Thị Bình", gender="F")
    call_command("backup", "-o", str(tmp_path / "a.tar"))
    add_member(tree.cell_a1, full_name="Trần Văn Sau")

    call_command("restore", str(tmp_path / "a.tar"))

    assert list(Member.objects.values_list("full_name", flat=True)) == ["Lê Thị Bình"]
    (kept,) = (tmp_path / "kept").iterdir()
    assert backup.manifest_read(kept).counts["members_member"] == 2


def _rewritten(source: Path, target: Path, **changes: Any) -> Path:
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old.getmembers():
            data = old.extractfile(member)
            if member.name == "manifest.json" and data is not None:
                manifest = json.load(data) | changes
                backup._bytes_add(new, "manifest.json", json.dumps(manifest).encode())
            else:
                new.addfile(member, data)
    return target


def test_a_backup_the_installation_cannot_take_back_is_refused_and_nothing_changes(
    tree: Tree, add_member: AddMember, tmp_path: Path
) -> None:
    add_member(tree.cell_a1, full_name="Lê Thị Bình", gender="F")
    good = tmp_path / "a.tar"
    backup_write(good)
    other_kind = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    newer = [*backup.manifest_read(good).migrations, ["members", "9999_from_the_future"]]
    not_a_backup = tmp_path / "danh-sach.xlsx"
    not_a_backup.write_bytes(b"PK\x03\x04 not a tar")
    before = _state()

    with pytest.raises(BackupError, match="cơ sở dữ liệu đang dùng là"):
        backup_restore(_rewritten(good, tmp_path / "b.tar", vendor=other_kind))
    with pytest.raises(BackupError, match=r"phiên bản mới hơn.*9999_from_the_future"):
        backup_restore(_rewritten(good, tmp_path / "c.tar", migrations=newer))
    with pytest.raises(CommandError, match=r"danh-sach\.xlsx không phải là bản sao lưu"):
        call_command("restore", str(not_a_backup))

    assert _state() == before
    assert not (tmp_path / "a.tar.part").exists()
    assert dt.datetime.fromisoformat(json.loads(_manifest_bytes(good))["created"]).tzinfo


def _manifest_bytes(path: Path) -> bytes:
    with tarfile.open(path) as archive:
        member = archive.extractfile("manifest.json")
        assert member is not None
        return member.read()
