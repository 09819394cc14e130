import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.cli import add_as_of, parse_as_of
from dangvu.organizations.cli import cli_user, committee_of_year, parse_year
from dangvu.plans.models import Plan
from dangvu.plans.selectors import plan_as_json, plan_get_for_user


class Command(BaseCommand):
    help = _("Kế hoạch năm: chỉ tiêu đo từ dữ liệu và nhiệm vụ trọng tâm.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        show = actions.add_parser("show", help=_("Chỉ tiêu và nhiệm vụ của kế hoạch một năm"))
        show.add_argument("--year", required=True, help=_("Năm của kế hoạch"))
        show.add_argument("--org", help=_("Mã cấp ủy; mặc định gốc của cây tổ chức."))
        show.add_argument("--user", help=_("Chạy với phạm vi của người dùng này."))
        show.add_argument("--json", action="store_true", help=_("In một đối tượng JSON."))
        add_as_of(show)

    def handle(self, *args: object, **options: object) -> None:
        year = parse_year(options["year"])
        user, committee = cli_user(options["user"]), committee_of_year(options["org"], year)
        as_of = parse_as_of(options["as_of"], clock.today())
        found = Plan.objects.filter(committee=committee, year=year).first()
        if found is None:
            raise CommandError(
                _("%(code)s chưa có kế hoạch năm %(year)s.")
                % {"code": committee.code, "year": year}
            )
        try:
            plan = plan_get_for_user(user, found.pk)
        except Http404:
            raise CommandError(_("Kế hoạch nằm ngoài phạm vi của bạn.")) from None
        shown = plan_as_json(plan, as_of)
        if options["json"]:
            self.stdout.write(json.dumps(shown, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{plan.title} ({committee.code}, {as_of:%d/%m/%Y})")
        for target in shown["targets"]:
            actual = "—" if target["actual"] is None else f"{target['actual']:g}"
            self.stdout.write(
                f"  {target['name']}: {actual} / {target['target']:g} ({target['status']})"
            )
        for number, task in enumerate(shown["tasks"], start=1):
            self.stdout.write(
                f"  {number:02d}. {task['title']} – {task['deadline']} ({task['status']})"
            )
