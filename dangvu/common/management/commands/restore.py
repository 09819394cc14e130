from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from dangvu.common import clock
from dangvu.common.backup import (
    backup_restore,
    backup_write,
    manifest_read,
    restore_check,
    taken_text,
)
from dangvu.common.backup_databases import BackupError


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và các tệp từ một bản sao lưu của dangvu backup. Dừng máy chủ "
        "và tiến trình nền trước khi khôi phục. Dữ liệu hiện có được sao lưu trước vào BACKUP_DIR."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp sao lưu (.tar).")
        parser.add_argument(
            "--no-safety-backup",
            action="store_true",
            help="Không sao lưu dữ liệu hiện có trước khi khôi phục.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            restore_check(manifest_read(path))
            if not options["no_safety_backup"]:
                self._keep_current()
            manifest = backup_restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Đã khôi phục dữ liệu sao lưu lúc {taken_text(manifest)} ({manifest.files} tệp); "
            "số dòng của mọi bảng khớp với bản sao lưu."
        )

    def _keep_current(self) -> None:
        folder = Path(settings.BACKUP_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        kept = folder / f"truoc-khoi-phuc-{timezone.localtime(clock.now()):%Y%m%d-%H%M%S}.tar"
        backup_write(kept)
        self.stdout.write(f"Dữ liệu hiện có đã được sao lưu vào {kept}.")
