import json

from django.core.management.base import BaseCommand, CommandParser

from dangvu.common import clock
from dangvu.common.cli import add_as_of, parse_as_of
from dangvu.organizations.cli import cli_user, parse_org
from dangvu.stats.selectors import flatten, org_tree


class Command(BaseCommand):
    help = "Cây tổ chức tại một ngày, với số đảng viên."

    def add_arguments(self, parser: CommandParser) -> None:
        add_as_of(parser)
        parser.add_argument("--org", help="Mã tổ chức gốc.")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--user", help="Chạy với phạm vi của người dùng này.")

    def handle(self, *args: object, **options: object) -> None:
        as_of = parse_as_of(options["as_of"], clock.today())
        nodes = flatten(
            org_tree(user=cli_user(options["user"]), as_of=as_of, root=parse_org(options["org"]))
        )
        rows = [
            {
                "code": node.code,
                "name": node.version.name,
                "kind": node.version.kind,
                "parent": node.parent_code,
                "members": node.counts.total,
            }
            for node in nodes
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for node, row in zip(nodes, rows, strict=False):
            indent = "  " * node.version.depth
            self.stdout.write(f"{indent}{row['code']}  {row['name']}  ({row['members']})")
