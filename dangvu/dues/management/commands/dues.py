import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.rulesets import NoRuleSet
from dangvu.dues.cli import Invocation, ledger_json, parse_month, subcommands
from dangvu.dues.export import dues_ledger_export
from dangvu.dues.selectors import dues_ledger
from dangvu.organizations.access import OutOfScope, User
from dangvu.organizations.cli import cli_user, parse_org
from dangvu.organizations.models import OrgUnit


class Command(BaseCommand):
    help = _("Đảng phí: sổ thu theo tháng, nhập bảng thu của chi bộ.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        ledger = actions.add_parser("ledger", help=_("Sổ đảng phí của tháng"))
        ledger.add_argument("--json", action="store_true")
        ledger.add_argument("--xlsx", metavar="FILE", help=_("Ghi sổ ra tệp XLSX (mẫu in)."))
        ledger.add_argument(
            "--year", action="store_true", help=_("Với --xlsx: cả năm của tháng đã chọn.")
        )
        registered = []
        for name, subcommand in subcommands().items():
            registered.append(actions.add_parser(name, help=subcommand.help))
            subcommand.add_arguments(registered[-1])
        for sub in (ledger, *registered):
            sub.add_argument("--month", required=True, help=_("Tháng, dạng YYYY-MM"))
            sub.add_argument("--org", help=_("Mã tổ chức; mặc định mọi tổ chức trong phạm vi."))
            sub.add_argument("--user", help=_("Chạy với phạm vi của người dùng này."))

    def handle(self, *args: object, **options: object) -> None:
        month = parse_month(str(options["month"]))
        user, org = cli_user(options["user"]), parse_org(options["org"])
        registered = subcommands().get(str(options["action"]))
        if registered is not None:
            registered.run(Invocation(self, user, month, org, options))
            return
        try:
            if options["xlsx"]:
                self._export(user, month, org, Path(str(options["xlsx"])), bool(options["year"]))
                return
            ledger = dues_ledger(user=user, month=month, org=org)
        except OutOfScope:
            raise CommandError(_("Tổ chức nằm ngoài phạm vi của bạn.")) from None
        except NoRuleSet as missing:
            raise CommandError(str(missing)) from None
        if options["json"]:
            self.stdout.write(json.dumps(ledger_json(ledger), ensure_ascii=False, indent=2))
            return
        totals = ledger.totals
        self.stdout.write(f"{ledger.month:%m/%Y} ({ledger.rules.regulation})")
        self.stdout.write(
            _(
                "Đảng viên: %(members)s; phải đóng: %(owed)s đ; đã đóng: %(paid)s đ; "
                "giữ lại: %(kept)s đ; nộp cấp trên: %(remitted)s đ; nợ đảng phí: %(arrears)s."
            )
            % {**totals, "arrears": totals["in_arrears"]}
        )

    def _export(
        self, user: User, month: dt.date, org: OrgUnit | None, path: Path, whole_year: bool
    ) -> None:
        if path.suffix.lower() != ".xlsx":
            raise CommandError(_("Tệp ghi ra phải có đuôi .xlsx."))
        if not path.parent.is_dir():
            raise CommandError(_("Không có thư mục %(folder)s.") % {"folder": path.parent})
        count = dues_ledger_export(user=user, month=month, org=org, path=path,
                                   today=clock.today(), whole_year=whole_year)  # fmt: skip
        self.stdout.write(_("Đã ghi %(count)s dòng vào %(path)s.") % {"count": count, "path": path})
