from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.common.backup import backup_write, taken_text
from dangvu.common.backup_databases import BackupError
from dangvu.common.numbers import grouped


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và các tệp đã tải lên vào một tệp (khôi phục: dangvu restore)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", required=True, help="Tệp sao lưu sẽ ghi (.tar).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"])
        if not path.parent.is_dir():
            raise CommandError(f"Không có thư mục {path.parent}.")
        try:
            manifest = backup_write(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = grouped(sum(manifest.counts.values()))
        self.stdout.write(
            f"Đã sao lưu vào {path} lúc {taken_text(manifest)}: {rows} dòng trong "
            f"{len(manifest.counts)} bảng, {manifest.files} tệp."
        )
