"""`dangvu dues import FILE --month YYYY-MM [--org CODE] [--user USERNAME] [--dry-run]`: a
cell's collection sheet for the month. Exit 0 when written (or a clean dry run), 1 with the
problems one a line and nothing written, 2 when the file cannot be read. Registered on the
dues command by the imports app (`apps.py`)."""

from pathlib import Path

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from dangvu.common.numbers import grouped
from dangvu.dues.cli import Invocation, Subcommand
from dangvu.imports.console import exit_refused, exit_unreadable
from dangvu.imports.dues.write import dues_import
from dangvu.imports.problems import ImportRefused
from dangvu.imports.unreadable import UnreadableFile


def _add_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", help=_("Tệp XLSX, XLS, ODS hoặc CSV."))
    parser.add_argument("--dry-run", action="store_true", help=_("Chỉ kiểm tra, không ghi."))


def _run(invocation: Invocation) -> None:
    command, options = invocation.command, invocation.options
    dry_run = bool(options["dry_run"])
    try:
        imported = dues_import(
            actor=invocation.user,
            path=Path(str(options["file"])),
            month=invocation.month,
            org=invocation.org,
            dry_run=dry_run,
        )
    except UnreadableFile as error:
        exit_unreadable(command, error)
    except ImportRefused as refused:
        exit_refused(command, refused)
    values = {
        "count": imported.payments,
        "total": grouped(imported.total),
        "bases": imported.bases,
        "month": f"{invocation.month:%m/%Y}",
    }
    if dry_run:
        message = _(
            "Tệp hợp lệ: %(count)s khoản nộp tháng %(month)s, tổng %(total)s đồng, "
            "%(bases)s căn cứ mới (chưa ghi)."
        )
    else:
        message = _(
            "Đã ghi %(count)s khoản nộp tháng %(month)s, tổng %(total)s đồng, %(bases)s căn cứ mới."
        )
    command.stdout.write(message % values)


IMPORT = Subcommand(_("Nhập bảng thu đảng phí của chi bộ"), _add_arguments, _run)
