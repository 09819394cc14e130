from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dangvu.common.sort_keys import icu_version, keyed_tables, sort_keys_rebuild, stale_tables


class Command(BaseCommand):
    help = (
        "Tạo lại các khóa sắp xếp tiếng Việt đã lưu (họ tên đảng viên) bằng thư viện ICU đang "
        "chạy; cần sau khi nâng cấp ICU (kiểm tra dangvu.W001)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="Tạo lại cả các bảng đã khớp phiên bản ICU."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        tables = keyed_tables() if options["all"] else stale_tables()
        if not tables:
            self.stdout.write(f"Các khóa sắp xếp đã được tạo bằng {icu_version()}.")
        for table in tables:
            rows = sort_keys_rebuild(table)
            self.stdout.write(f"{table.label}: đã tạo lại {rows} khóa bằng {icu_version()}.")
