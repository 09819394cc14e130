import json

from django.core.management.base import BaseCommand, CommandParser

from dangvu.common import clock
from dangvu.common.cli import add_as_of, parse_as_of
from dangvu.organizations.cli import cli_user, parse_org
from dangvu.stats.selectors import figures


class Command(BaseCommand):
    help = "Số liệu tổ chức và đảng viên tại một ngày."

    def add_arguments(self, parser: CommandParser) -> None:
        add_as_of(parser)
        parser.add_argument("--org", help="Mã tổ chức: chỉ tính cây con của tổ chức này.")
        parser.add_argument("--json", action="store_true", help="In một đối tượng JSON.")
        parser.add_argument("--user", help="Chạy với phạm vi của người dùng này.")

    def handle(self, *args: object, **options: object) -> None:
        as_of = parse_as_of(options["as_of"], clock.today())
        user = cli_user(options["user"])
        data = figures(user=user, as_of=as_of, root=parse_org(options["org"]))
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Số liệu ngày {as_of:%d/%m/%Y}")
        for committee in data["committees"]:
            members = committee["members"]
            self.stdout.write(
                f"  {committee['code']:<8} {committee['name']}: {committee['grassroots_orgs']} "
                f"TCCSĐ, {members['total']} đảng viên ({members['official']} chính thức, "
                f"{members['probationary']} dự bị)"
            )
        self.stdout.write(
            f"Tổng: {data['grassroots_orgs']} TCCSĐ, {data['members']['total']} đảng viên; "
            f"nam {data['by_gender']['M']}, nữ {data['by_gender']['F']}"
        )
        discipline = data["discipline"]
        forms = ", ".join(f"{form} {n}" for form, n in discipline["members"].items())
        self.stdout.write(
            f"Năm {discipline['year']} đến ngày {as_of:%d/%m/%Y}: {discipline['inspections']} "
            f"cuộc kiểm tra, {discipline['supervisions']} cuộc giám sát; đảng viên bị kỷ luật: "
            f"{forms}"
        )
