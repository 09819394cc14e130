"""`dangvu evaluation import FILE --year YYYY [--org CODE] [--user USERNAME] [--dry-run]`:
the ratings of a file written at the round's current step. Exit 0 when written (or a clean
dry run), 1 with the problems one a line and nothing written, 2 when the file cannot be
read. Registered on the evaluation command by the imports app (`apps.py`)."""

from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.evaluation.cli import Invocation, Subcommand
from dangvu.evaluation.services import EvaluationError
from dangvu.imports.console import exit_refused, exit_unreadable
from dangvu.imports.evaluation.summary import imported_summary
from dangvu.imports.evaluation.write import ratings_import
from dangvu.imports.problems import ImportRefused
from dangvu.imports.unreadable import UnreadableFile


def _add_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", help=_("Tệp XLSX, XLS, ODS hoặc CSV."))
    parser.add_argument("--dry-run", action="store_true", help=_("Chỉ kiểm tra, không ghi."))


def _run(invocation: Invocation) -> None:
    command, options = invocation.command, invocation.options
    dry_run = bool(options["dry_run"])
    try:
        imported = ratings_import(
            actor=invocation.user,
            path=Path(str(options["file"])),
            round_=invocation.round_,
            dry_run=dry_run,
        )
    except UnreadableFile as error:
        exit_unreadable(command, error)
    except ImportRefused as refused:
        exit_refused(command, refused)
    except EvaluationError as refused:  # the round itself: closed
        raise CommandError(" ".join(refused.messages)) from None
    command.stdout.write(imported_summary(imported, invocation.round_, dry_run=dry_run))


IMPORT = Subcommand(_("Nhập xếp loại từ tệp bảng tính"), _add_arguments, _run)
