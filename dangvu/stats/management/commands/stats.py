import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.cli import add_as_of, parse_as_of, parse_date
from dangvu.common.dates import Fact
from dangvu.organizations.access import User
from dangvu.organizations.cli import cli_user, parse_org, parse_year
from dangvu.organizations.models import OrgUnit
from dangvu.stats.pack import stats_pack, year_pack
from dangvu.stats.printing import pack_lines
from dangvu.stats.scope import Scope
from dangvu.stats.selectors import figures


class Command(BaseCommand):
    help = "Số liệu tổ chức và đảng viên tại một ngày, hoặc của một năm, một kỳ."

    def add_arguments(self, parser: CommandParser) -> None:
        add_as_of(parser)
        parser.add_argument("--org", help="Mã tổ chức: chỉ tính cây con của tổ chức này.")
        parser.add_argument("--year", help="Mọi số liệu của năm này, đến hết năm.")
        parser.add_argument("--from", dest="start", help="Đầu kỳ (cùng --to).")
        parser.add_argument("--to", dest="end", help="Cuối kỳ: ngày tính số liệu.")
        parser.add_argument("--json", action="store_true", help="In một đối tượng JSON.")
        parser.add_argument("--user", help="Chạy với phạm vi của người dùng này.")

    def handle(self, *args: object, **options: object) -> None:
        today = clock.today()
        as_of = parse_as_of(options["as_of"], today)
        user = cli_user(options["user"])
        root = parse_org(options["org"])
        if options["year"] or options["start"] or options["end"]:
            data = self._pack(options, user, root, as_of)
            lines = pack_lines(data)
        else:
            data = figures(user=user, as_of=as_of, root=root)
            lines = self._figure_lines(data, as_of)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for line in lines:
            self.stdout.write(line)

    def _pack(
        self, options: dict[str, object], user: User, root: OrgUnit | None, as_of: dt.date
    ) -> dict[str, Any]:
        today = clock.today()
        if options["year"]:
            if options["start"] or options["end"]:
                raise CommandError(_("Chọn --year hoặc --from/--to, không cả hai."))
            return year_pack(user=user, year=parse_year(options["year"]), as_of=as_of, root=root)
        if not (options["start"] and options["end"]):
            raise CommandError(_("Cần cả --from và --to."))
        start = parse_date(options["start"], Fact.AS_OF, "--from", today)
        end = parse_date(options["end"], Fact.AS_OF, "--to", today)
        if start > end:
            raise CommandError(_("--from phải trước hoặc bằng --to."))
        scope = Scope(user=user, root=root, start=start, end=end, as_of=max(as_of, end))
        return stats_pack(scope)

    def _figure_lines(self, data: dict[str, Any], as_of: dt.date) -> list[str]:
        lines = [f"Số liệu ngày {as_of:%d/%m/%Y}"]
        for committee in data["committees"]:
            members = committee["members"]
            lines.append(
                f"  {committee['code']:<8} {committee['name']}: {committee['grassroots_orgs']} "
                f"TCCSĐ, {members['total']} đảng viên ({members['official']} chính thức, "
                f"{members['probationary']} dự bị)"
            )
        totals, gender = data["members"], data["by_gender"]
        lines.append(
            f"Tổng: {data['grassroots_orgs']} TCCSĐ, {totals['total']} đảng viên; "
            f"nam {gender['M']}, nữ {gender['F']}"
        )
        discipline = data["discipline"]
        forms = ", ".join(f"{form} {n}" for form, n in discipline["members"].items())
        lines.append(
            f"Năm {discipline['year']} đến ngày {as_of:%d/%m/%Y}: {discipline['inspections']} "
            f"cuộc kiểm tra, {discipline['supervisions']} cuộc giám sát; đảng viên bị kỷ luật: "
            f"{forms}"
        )
        return lines
