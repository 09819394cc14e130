import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.numbers import grouped
from dangvu.imports.console import exit_refused, exit_unreadable
from dangvu.imports.members import check_members, commit_members
from dangvu.imports.organizations import check_organizations, commit_organizations
from dangvu.imports.problems import ImportRefused, layout_fields
from dangvu.imports.reading import UnreadableFile
from dangvu.imports.row_kinds import row_line, shown_rows
from dangvu.organizations.access import User
from dangvu.organizations.cli import cli_user, parse_org


class Command(BaseCommand):
    help = (
        "Nhập đảng viên hoặc danh sách tổ chức từ XLSX, XLS, ODS, CSV hoặc bảng trong văn bản "
        "Word (DOCX). Mã thoát: 0 thành "
        "công, 1 có lỗi dữ liệu (in từng dòng), 2 không đọc được tệp."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["members", "organizations"])
        parser.add_argument("file")
        parser.add_argument(
            "--org", help="Mã tổ chức nhận (chi bộ mặc định nếu tệp không có cột chi bộ)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi.")
        parser.add_argument("--user", help="Nhập với phạm vi của người dùng này.")

    def _progress(self, done: int, total: int) -> None:
        filled = 30 * done // total if total else 30
        bar = "█" * filled + "░" * (30 - filled)
        counted = f"{grouped(done)}/{grouped(total)}"
        self.stderr.write(f"\r  {bar} {counted} dòng", ending="")

    def handle(self, *args: object, **options: object) -> None:
        path, today = Path(str(options["file"])), clock.today()
        if options["what"] == "organizations":
            self._organizations(path, cli_user(options["user"]), today, bool(options["dry_run"]))
            return
        user, org = cli_user(options["user"]), parse_org(options["org"])
        try:
            if options["dry_run"]:
                result = check_members(
                    path=path, user=user, today=today, org=org, progress=self._progress
                )
                self.stderr.write("")
                if result.problems:
                    raise ImportRefused(result)
                self.stdout.write(
                    f"Kiểm tra xong {result.rows_total} dòng: {result.to_create} tạo mới, "
                    f"{result.to_update} cập nhật, {result.skipped} không đổi. Chưa ghi gì."
                )
                self._other_rows(layout_fields(result))
                return
            batch = commit_members(
                actor=user, path=path, user=user, today=today, org=org, progress=self._progress
            )
            self.stderr.write("")
        except UnreadableFile as error:
            exit_unreadable(self, error)
        except ImportRefused as refused:
            exit_refused(self, refused)
        self.stdout.write(
            f"Đã nhập {batch.rows_total} dòng: {batch.to_create} tạo mới, {batch.to_update} "
            f"cập nhật, {batch.skipped} không đổi (lần nhập #{batch.pk})."
        )
        self._other_rows(batch.layout)

    def _other_rows(self, layout: dict[str, Any]) -> None:
        """List the rows not read as members, so none is dropped unseen."""
        rows = shown_rows(layout)
        if not rows:
            return
        self.stdout.write(_("Các dòng không phải đảng viên (không nhập):"))
        for row in rows:
            self.stdout.write(f"  {row_line(row)}")
        if (more := int(layout.get("other_total", 0)) - len(rows)) > 0:
            self.stdout.write(_("  … và %(count)s dòng khác.") % {"count": more})

    def _organizations(self, path: Path, user: User, today: dt.date, dry_run: bool) -> None:
        try:
            if dry_run:
                result = check_organizations(path=path, user=user, today=today)
                if result.problems:
                    raise ImportRefused(result)
                self.stdout.write(
                    _(
                        "Kiểm tra xong %(total)s dòng: %(created)s tạo mới, %(updated)s thay đổi, "
                        "%(skipped)s không đổi. Chưa ghi gì."
                    )
                    % {
                        "total": result.rows_total,
                        "created": result.to_create,
                        "updated": result.to_update,
                        "skipped": result.skipped,
                    }
                )
                return
            batch = commit_organizations(actor=user, path=path, user=user, today=today)
        except UnreadableFile as error:
            exit_unreadable(self, error)
        except ImportRefused as refused:
            exit_refused(self, refused)
        self.stdout.write(
            _(
                "Đã nhập %(total)s dòng: %(created)s tạo mới, %(updated)s thay đổi, %(skipped)s "
                "không đổi (lần nhập #%(batch)s)."
            )
            % {
                "total": batch.rows_total,
                "created": batch.to_create,
                "updated": batch.to_update,
                "skipped": batch.skipped,
                "batch": batch.pk,
            }
        )
