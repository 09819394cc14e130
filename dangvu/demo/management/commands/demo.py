import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangvu.common import clock
from dangvu.demo.builder import (
    DEMO_PASSWORD,
    INSTALLED_ON,
    demo_build,
    demo_logins,
    demo_reset,
)
from dangvu.organizations.models import OrgUnit


class Command(BaseCommand):
    help = "Dựng dữ liệu mẫu: Đảng bộ Khối các Cơ quan và Doanh nghiệp tỉnh, 2020 đến nay."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Xóa dữ liệu đảng vụ rồi dựng lại."
        )
        parser.add_argument("--seed", type=int, default=2020)
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Nhân số đảng viên (vd. 11.6 ≈ 100.000 đảng viên) cho đo hiệu năng.",
        )
        parser.add_argument("--logins", action="store_true", help="In các tài khoản mẫu.")
        parser.add_argument(
            "--installed-on",
            dest="installed_on",
            type=dt.date.fromisoformat,
            default=INSTALLED_ON,
            help="Ngày bắt đầu dùng dangvu (YYYY-MM-DD): trước đó nhập một lô, sau qua nghiệp vụ.",
        )
        parser.add_argument(
            "--without-rounds",
            dest="rounds",
            action="store_false",
            help="Không dựng các đợt đánh giá, xếp loại (2021, 2024, 2025).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Chỉ dựng khi cơ sở dữ liệu chưa có tổ chức nào.",
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["logins"]:
            self._print_logins()
            return
        if OrgUnit.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Đã có dữ liệu; bỏ qua dựng dữ liệu mẫu.")
                return
            if not options["reset"]:
                raise CommandError("Cơ sở dữ liệu đã có dữ liệu. Dùng --reset để xóa và dựng lại.")
        started = time.perf_counter()
        if options["reset"]:
            demo_reset()
        summary = demo_build(
            seed=int(options["seed"]),  # type: ignore[call-overload]
            today=clock.today(),
            scale=float(options["scale"]),  # type: ignore[arg-type]
            installed_on=options["installed_on"],  # type: ignore[arg-type]
            rounds=bool(options["rounds"]),
        )
        self.stdout.write(
            f"Đã dựng {summary.organizations} tổ chức, {summary.members} đảng viên "
            f"({summary.members_on_census} vào 31/12/2021) trong "
            f"{time.perf_counter() - started:.1f} giây."
        )
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write(f"Tài khoản mẫu (mật khẩu {DEMO_PASSWORD}):")
        for login in demo_logins(clock.today()):
            note = f" — {login.note}" if login.note else ""
            self.stdout.write(f"  {login.username:<10} {login.role}{note}")
