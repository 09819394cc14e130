"""How the import commands end on the console: the problems one a line and exit 1, or the
reason a file cannot be read and exit 2 (the exit codes scripts rely on)."""

import sys
from typing import NoReturn

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from dangvu.common.numbers import grouped
from dangvu.imports.problems import ImportRefused
from dangvu.imports.unreadable import UnreadableFile

EXIT_PROBLEMS, EXIT_UNREADABLE = 1, 2


def exit_refused(command: BaseCommand, refused: ImportRefused) -> NoReturn:
    """Print the listed problems, say how many more there are, and exit 1."""
    problems = refused.result.problems
    for problem in problems:
        command.stdout.write(f"{refused.result.file_name}, {problem}")
    if problems.more:
        command.stdout.write(_("… và %(count)s lỗi khác.") % {"count": grouped(problems.more)})
    count = grouped(problems.total)
    command.stderr.write(_("Có %(count)s lỗi; không ghi gì.") % {"count": count})
    sys.exit(EXIT_PROBLEMS)


def exit_unreadable(command: BaseCommand, error: UnreadableFile) -> NoReturn:
    command.stderr.write(str(error))
    sys.exit(EXIT_UNREADABLE)
