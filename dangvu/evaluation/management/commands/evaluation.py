import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.evaluation.cli import Invocation, subcommands
from dangvu.evaluation.models import Level, Round
from dangvu.evaluation.selectors import evaluation_results, round_get_for_user
from dangvu.evaluation.services import round_open
from dangvu.organizations.access import OutOfScope, User
from dangvu.organizations.cli import cli_user, committee_of_year, parse_year
from dangvu.organizations.models import OrgUnit


def _round(user: User, committee: OrgUnit, year: int) -> Round:
    found = Round.objects.filter(committee=committee, year=year).first()
    if found is None:
        raise CommandError(
            _("%(code)s chưa có đợt đánh giá năm %(year)s.")
            % {"code": committee.code, "year": year}
        )
    try:
        return round_get_for_user(user, found.pk)
    except Http404:
        raise CommandError(_("Đợt đánh giá nằm ngoài phạm vi của bạn.")) from None


class Command(BaseCommand):
    help = _("Đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        round_ = actions.add_parser("round", help=_("Đợt đánh giá"))
        round_.add_argument("round_action", choices=["open"])
        results = actions.add_parser("results", help=_("Kết quả xếp loại"))
        registered = []
        for name, subcommand in subcommands().items():
            registered.append(actions.add_parser(name, help=subcommand.help))
            subcommand.add_arguments(registered[-1])
        for sub in (round_, results, *registered):
            sub.add_argument("--year", required=True, help=_("Năm đánh giá"))
            sub.add_argument("--org", help=_("Mã cấp ủy; mặc định gốc của cây tổ chức."))
            sub.add_argument("--user", help=_("Chạy với phạm vi của người dùng này."))
        results.add_argument("--json", action="store_true")

    def handle(self, *args: object, **options: object) -> None:
        year = parse_year(options["year"])
        user, committee = cli_user(options["user"]), committee_of_year(options["org"], year)
        if options["action"] == "round":
            try:
                opened = round_open(actor=user, committee=committee, year=year, today=clock.today())
            except (ValidationError, OutOfScope) as refused:
                raise CommandError(" ".join(getattr(refused, "messages", [str(refused)]))) from None
            self.stdout.write(
                _("Đã mở đợt đánh giá năm %(year)s của %(code)s: %(count)s người và tổ chức.")
                % {"year": year, "code": committee.code, "count": opened.ratings.count()}
            )
            return
        found = _round(user, committee, year)
        registered = subcommands().get(str(options["action"]))
        if registered is not None:
            registered.run(Invocation(self, user, found, options))
            return
        results = evaluation_results(user=user, round_=found)
        if options["json"]:
            self.stdout.write(json.dumps(results.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{results.round} – {committee.code} ({results.rule_set})")
        for title, counts in (
            (_("Tổ chức cơ sở đảng"), results.organizations),
            (_("Đảng viên"), results.members),
        ):
            self.stdout.write(f"{title}: {counts.rated}")
            for level in Level:
                self.stdout.write(f"  {level.label}: {counts.levels[level.value]}")
