"""`dangvu backup` and `dangvu restore`: the database and the uploaded files in one tar file.

The archive holds `manifest.json` (what the backup is: its database, when, the migrations
and the row count of every table), the database copy (`database.sqlite3` or the PostgreSQL
custom-format `database.pgdump`) and the uploads under `uploads/`. A restore refuses a
backup of another database kind or of a newer version of the code, keeps a backup of what
it replaces, puts the database back in one transaction, then the files, and checks every
table's count against the manifest."""

import datetime as dt
import io
import json
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.audit import audit_record
from dangvu.common.backup_databases import (
    BackupError,
    database_dump,
    database_load,
    table_counts,
    vendor,
)
from dangvu.common.events import Event
from dangvu.common.models import AuditEntry

FORMAT = "dangvu-backup"
VERSION = 1
_DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
_UPLOADS = "uploads/"


@dataclass(frozen=True)
class Manifest:
    vendor: str
    created: dt.datetime
    migrations: list[list[str]]
    counts: dict[str, int]
    files: int

    def as_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "vendor": self.vendor,
            "created": self.created.isoformat(),
            "migrations": self.migrations,
            "counts": self.counts,
            "files": self.files,
        }
        return json.dumps(data, ensure_ascii=False, indent=1).encode()


def backup_write(path: Path) -> Manifest:
    """Write the backup to PATH (through a temporary name: a failed backup leaves nothing
    that looks whole)."""
    partial = path.with_name(path.name + ".part")
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / _DUMP_NAMES.get(vendor(), "database")
        created = clock.now()
        counts, migrations = database_dump(dump)
        with tarfile.open(partial, "w") as archive:
            archive.add(dump, arcname=dump.name)
            files = _files_add(archive, default_storage)
            manifest = Manifest(vendor(), created, migrations, counts, files)
            _bytes_add(archive, "manifest.json", manifest.as_json())
    partial.replace(path)
    return manifest


def _files_add(archive: tarfile.TarFile, storage: Storage) -> int:
    names = _stored_names(storage, "")
    for name in names:
        info = tarfile.TarInfo(_UPLOADS + name)
        info.size = storage.size(name)
        with storage.open(name, "rb") as stored:
            archive.addfile(info, fileobj=stored)
    return len(names)


def _stored_names(storage: Storage, folder: str) -> list[str]:
    if not storage.exists(folder):
        return []  # nothing uploaded yet
    folders, files = storage.listdir(folder)
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names += _stored_names(storage, f"{folder}{sub}/")
    return names


def _bytes_add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, fileobj=io.BytesIO(data))


def taken_text(manifest: Manifest) -> str:
    return f"{timezone.localtime(manifest.created):%d/%m/%Y %H:%M}"


def manifest_read(path: Path) -> Manifest:
    try:
        with tarfile.open(path, "r") as archive:
            member = archive.extractfile("manifest.json")
            data: dict[str, Any] = json.load(member) if member else {}
    except (OSError, tarfile.TarError, KeyError, ValueError):
        raise BackupError(_("%s không phải là bản sao lưu của dangvu.") % path.name) from None
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise BackupError(_("%s không phải là bản sao lưu của dangvu.") % path.name)
    return Manifest(
        vendor=data["vendor"],
        created=dt.datetime.fromisoformat(data["created"]),
        migrations=data["migrations"],
        counts=data["counts"],
        files=data["files"],
    )


def restore_check(manifest: Manifest) -> None:
    """Refuse a backup this installation cannot take back."""
    if manifest.vendor != vendor():
        raise BackupError(
            _("Bản sao lưu là của %(backup)s, cơ sở dữ liệu đang dùng là %(current)s.")
            % {"backup": manifest.vendor, "current": vendor()}
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest.migrations if (app, name) not in known]
    if unknown:
        raise BackupError(
            _("Bản sao lưu được tạo bởi phiên bản mới hơn của phần mềm (%s): hãy cập nhật trước.")
            % ", ".join(unknown[:3])
        )


def backup_restore(path: Path) -> Manifest:
    """Put the backup at PATH back: the database, then the files; then check the counts
    and record the restore in the restored audit trail."""
    manifest = manifest_read(path)
    restore_check(manifest)
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(path, "r") as archive:
        dump_name = _DUMP_NAMES[manifest.vendor]
        archive.extract(dump_name, scratch, filter="data")
        database_load(Path(scratch) / dump_name)
        _files_restore(archive, default_storage)
    with connection.cursor() as cursor:
        counts = table_counts(cursor)
    lost = {table: n for table, n in manifest.counts.items() if counts.get(table) != n}
    if lost:
        raise BackupError(_("Sau khi khôi phục, số dòng không khớp ở bảng %s.") % ", ".join(lost))
    restore_record(name=path.name, manifest=manifest)
    return manifest


def restore_record(*, name: str, manifest: Manifest) -> AuditEntry:
    """The restore's entry, in the restored trail: the operator at the console restored NAME."""
    with transaction.atomic():
        return audit_record(
            actor=AnonymousUser(),
            action=Event.BACKUP_RESTORED,
            obj=None,
            about=name,
            data={"backup_taken": taken_text(manifest), "backup_files": manifest.files},
        )


def _files_restore(archive: tarfile.TarFile, storage: Storage) -> None:
    # The backup's files first (names are random and contents never change, so a file of the
    # same name is the same file), then those the backup does not have: no file is missing
    # at any moment.
    wanted = set()
    for member in archive.getmembers():
        if not (member.isfile() and member.name.startswith(_UPLOADS)):
            continue
        name = member.name.removeprefix(_UPLOADS)
        wanted.add(name)
        if not storage.exists(name):
            stored = archive.extractfile(member)
            assert stored is not None
            storage.save(name, ContentFile(stored.read()))
    for name in _stored_names(storage, ""):
        if name not in wanted:
            storage.delete(name)
