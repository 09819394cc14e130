from django.conf import settings
from django.core.management.base import BaseCommand

from dangvu.common import clock
from dangvu.imports.files import batch_files_purge


class Command(BaseCommand):
    help = (
        "Xóa tệp của các lần nhập đã ghi, đã hoàn tác, hoặc bỏ dở quá "
        "IMPORT_FILE_RETENTION_DAYS ngày (chạy hằng ngày)."
    )

    def handle(self, *args: object, **options: object) -> None:
        count = batch_files_purge(now=clock.now())
        days = settings.IMPORT_FILE_RETENTION_DAYS
        self.stdout.write(f"Đã xóa {count} tệp nhập (lưu tối đa {days} ngày).")
