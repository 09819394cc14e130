from typing import Any

from django.core.management.base import BaseCommand

from dangvu.common import clock
from dangvu.common.audit_partitions import MONTHS_AHEAD, audit_partitions_ensure


class Command(BaseCommand):
    help = (
        f"PostgreSQL: tạo trước các phân vùng theo tháng của nhật ký thay đổi cho {MONTHS_AHEAD} "
        "tháng tới (chạy hằng tháng)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        made = audit_partitions_ensure(today=clock.today())
        self.stdout.write(
            f"Đã tạo {len(made)} phân vùng nhật ký." + (f" {made[0]}…{made[-1]}" if made else "")
        )
