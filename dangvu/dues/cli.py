"""`dangvu dues`: the month's ledger, and the subcommands apps above dues add at start-up.

The import of collection sheets lives in the imports app, which sits above dues: dues may
not import it, so the imports app registers its subcommand here in its AppConfig.ready (as
it does for `dangvu evaluation import`), and arrows keep pointing down.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.dues.selectors import Ledger
from dangvu.organizations.access import User
from dangvu.organizations.models import OrgUnit


@dataclass(frozen=True)
class Invocation:
    """A registered subcommand's call: COMMAND writes the output, USER acts on MONTH (its
    first day) within ORG (None: everything USER sees), OPTIONS are the parsed arguments."""

    command: BaseCommand
    user: User
    month: dt.date
    org: OrgUnit | None
    options: Mapping[str, object]


@dataclass(frozen=True)
class Subcommand:
    """HELP shown by --help, ADD_ARGUMENTS adds its own arguments (--month, --org and --user
    are common to every subcommand), RUN does the work."""

    help: str
    add_arguments: Callable[[CommandParser], None]
    run: Callable[[Invocation], None]


_SUBCOMMANDS: dict[str, Subcommand] = {}


def subcommand_register(name: str, subcommand: Subcommand) -> None:
    _SUBCOMMANDS[name] = subcommand


def subcommands() -> Mapping[str, Subcommand]:
    return _SUBCOMMANDS


def parse_month(raw: str) -> dt.date:
    """--month YYYY-MM as the month's first day."""
    try:
        return dt.datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        raise CommandError(_("--month phải có dạng YYYY-MM, ví dụ 2026-02.")) from None


def ledger_json(ledger: Ledger) -> dict[str, Any]:
    """The ledger as `dangvu dues ledger --json` prints it."""
    return {
        "month": f"{ledger.month:%Y-%m}",
        "rule_set": ledger.rules.regulation,
        "members": [
            {
                "cccd": line.national_id,
                "full_name": line.full_name,
                "owed": line.owed,
                "paid": line.paid,
                "arrears_months": line.arrears_months,
            }
            for line in ledger.members
        ],
        "totals": {key: ledger.totals[key] for key in ("owed", "paid", "kept", "remitted")},
        "levels": [
            {
                "code": line.code,
                "name": line.name,
                "received": line.received,
                "kept": line.kept,
                "remitted": line.remitted,
            }
            for line in ledger.orgs
        ],
    }
