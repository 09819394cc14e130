from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.cli import add_as_of, parse_as_of
from dangvu.members.export import members_export
from dangvu.members.selectors import MemberFilter
from dangvu.organizations.cli import cli_user, parse_org
from dangvu.organizations.export import organizations_export


class Command(BaseCommand):
    help = (
        "Xuất danh sách đảng viên hoặc danh sách tổ chức ra XLSX hoặc CSV (theo đuôi tệp), "
        "cùng cột với trang web."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["members", "organizations"])
        add_as_of(parser)
        parser.add_argument("--org", help="Mã tổ chức: chỉ xuất cây con của tổ chức này.")
        parser.add_argument("-o", "--output", required=True, help="Tệp ra: .xlsx hoặc .csv")
        parser.add_argument("--user", help="Xuất với phạm vi của người dùng này.")
        parser.add_argument(
            "--printed",
            action="store_true",
            help="Đảng viên, XLSX: theo mẫu in (tiêu đề, tiêu đề cột hai dòng, dòng cộng, chữ ký).",
        )

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["output"]))
        if path.suffix.lower() not in (".xlsx", ".csv"):
            raise CommandError("Tệp ra phải có đuôi .xlsx hoặc .csv.")
        as_of = parse_as_of(options["as_of"], clock.today())
        org, user = parse_org(options["org"]), cli_user(options["user"])
        if options["what"] == "organizations":
            count = organizations_export(user=user, as_of=as_of, root=org, path=path)
            self.stdout.write(
                _("Đã xuất %(count)s tổ chức vào %(path)s.") % {"count": count, "path": path}
            )
            return
        if options["printed"] and path.suffix.lower() != ".xlsx":
            raise CommandError("Mẫu in chỉ xuất ra tệp .xlsx.")
        filters = MemberFilter(as_of=as_of, org=org)
        count = members_export(
            user=user, filters=filters, path=path, printed=bool(options["printed"])
        )
        self.stdout.write(f"Đã xuất {count} đảng viên vào {path}.")
