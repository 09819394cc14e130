import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.cli import parse_date
from dangvu.common.dates import Fact
from dangvu.common.rulesets import NoRuleSet, rules_for
from dangvu.members.badge_list import badge_list, badge_list_export, badge_list_json
from dangvu.members.rulesets import BADGES
from dangvu.organizations.cli import cli_user, parse_org


class Command(BaseCommand):
    help = _("Danh sách đảng viên được xét tặng Huy hiệu Đảng trong một đợt.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        due = actions.add_parser("due", help=self.help)
        due.add_argument("--on", help=_("Ngày (dd/mm/yyyy hoặc YYYY-MM-DD): đợt trao từ ngày này; "
                                        "mặc định đợt tới."))  # fmt: skip
        due.add_argument(
            "--org", help=_("Mã tổ chức: chỉ đảng viên trong cây con của tổ chức này.")
        )
        due.add_argument("--json", action="store_true")
        due.add_argument("-o", "--output", help=_("Tệp danh sách đề nghị: .xlsx hoặc .csv"))
        due.add_argument("--user", help=_("Chạy với phạm vi của người dùng này."))

    def handle(self, *args: object, **options: object) -> None:
        day = parse_date(options["on"], Fact.OCCASION, "--on", clock.today())
        try:
            occasion = rules_for(BADGES, day).next_occasion(day)
            user, org = cli_user(options["user"]), parse_org(options["org"])
            rows = badge_list(user=user, occasion=occasion, org=org)
        except NoRuleSet as missing:
            raise CommandError(str(missing)) from None
        if options["output"]:
            path = Path(str(options["output"]))
            if path.suffix.lower() not in (".xlsx", ".csv"):
                raise CommandError(_("Tệp ra phải có đuôi .xlsx hoặc .csv."))
            badge_list_export(user=user, rows=rows, occasion=occasion, org=org, path=path)
        if options["json"]:
            self.stdout.write(
                json.dumps(badge_list_json(rows, occasion), ensure_ascii=False, indent=2)
            )
            return
        self.stdout.write(_("Đợt %(date)s: %(count)s đảng viên.")
                          % {"date": f"{occasion:%d/%m/%Y}", "count": len(rows)})  # fmt: skip
        for row in rows:
            self.stdout.write(f"{row.due.milestone:>3}  {row.member.full_name}  "
                              f"{row.party_age_start:%d/%m/%Y}  {row.cell.org.code}")  # fmt: skip
