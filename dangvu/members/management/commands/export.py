from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from dangvu.members.export import members_export
from dangvu.members.selectors import MemberFilter
from dangvu.stats.management.commands._common import add_as_of, parse_as_of, parse_org
from dangvu.web.cli_user import cli_user


class Command(BaseCommand):
    help = "Xuất danh sách đảng viên ra XLSX hoặc CSV (theo đuôi tệp), cùng cột với trang web."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["members"])
        add_as_of(parser)
        parser.add_argument("--org", help="Mã tổ chức: chỉ xuất cây con của tổ chức này.")
        parser.add_argument("-o", "--output", required=True, help="Tệp ra: .xlsx hoặc .csv")
        parser.add_argument("--user", help="Xuất với phạm vi của người dùng này.")

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["output"]))
        if path.suffix.lower() not in (".xlsx", ".csv"):
            raise CommandError("Tệp ra phải có đuôi .xlsx hoặc .csv.")
        filters = MemberFilter(
            as_of=parse_as_of(options["as_of"], timezone.localdate()),
            org=parse_org(options["org"]),
        )
        count = members_export(user=cli_user(options["user"]), filters=filters, path=path)
        self.stdout.write(f"Đã xuất {count} đảng viên vào {path}.")
