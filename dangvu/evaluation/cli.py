"""Subcommands of `dangvu evaluation` that apps above evaluation add at start-up.

The import of ratings from spreadsheets lives in the imports app, which sits above
evaluation: evaluation may not import it, so the imports app registers its subcommand here
in its AppConfig.ready (as `facts_provider_register` lets discipline and plans feed the
rules), and arrows keep pointing down.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandParser

from dangvu.evaluation.models import Round
from dangvu.organizations.access import User


@dataclass(frozen=True)
class Invocation:
    """A registered subcommand's call: COMMAND writes the output, USER acts on ROUND_ (the
    year's round of the committee, already resolved and in USER's sight), OPTIONS are the
    parsed arguments."""

    command: BaseCommand
    user: User
    round_: Round
    options: Mapping[str, object]


@dataclass(frozen=True)
class Subcommand:
    """HELP shown by --help, ADD_ARGUMENTS adds its own arguments (--year, --org and --user
    are common to every subcommand), RUN does the work."""

    help: str
    add_arguments: Callable[[CommandParser], None]
    run: Callable[[Invocation], None]


_SUBCOMMANDS: dict[str, Subcommand] = {}


def subcommand_register(name: str, subcommand: Subcommand) -> None:
    _SUBCOMMANDS[name] = subcommand


def subcommands() -> Mapping[str, Subcommand]:
    return _SUBCOMMANDS
