from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dangvu.common import clock
from dangvu.common.cli import add_as_of, parse_as_of, parse_date
from dangvu.common.dates import Fact
from dangvu.common.spreadsheets import write_workbook
from dangvu.documents.pdf import PdfConversionError
from dangvu.organizations.access import OutOfScope
from dangvu.organizations.cli import cli_user, committee_of_year, parse_org, parse_year
from dangvu.organizations.models import OrgVersion
from dangvu.reports.services import FORMATS, annual_report_file, report_register
from dangvu.reports.tables import standard_tables
from dangvu.stats.scope import Scope


def _output(raw: object, formats: tuple[str, ...]) -> tuple[Path, str]:
    path = Path(str(raw))
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in formats:
        raise CommandError(
            _("-o: tệp phải có đuôi %(formats)s.")
            % {"formats": ", ".join(f".{f}" for f in formats)}
        )
    if not path.parent.is_dir():
        raise CommandError(_("-o: không có thư mục %(dir)s.") % {"dir": path.parent})
    return path, fmt


class Command(BaseCommand):
    help = _("Báo cáo tổng kết năm và các biểu thống kê đảng viên.")

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        annual = actions.add_parser("annual", help=_("Báo cáo tổng kết công tác xây dựng Đảng"))
        annual.add_argument("--year", required=True, help=_("Năm của báo cáo"))
        annual.add_argument("--date", help=_("Ngày ký báo cáo; mặc định hôm nay."))
        annual.add_argument(
            "--register", action="store_true", help=_("Lấy số báo cáo trong sổ văn bản đi.")
        )
        tables = actions.add_parser("tables", help=_("Các biểu thống kê số lượng, chất lượng"))
        for sub in (annual, tables):
            sub.add_argument("--org", help=_("Mã cấp ủy; mặc định gốc của cây tổ chức."))
            sub.add_argument("--user", help=_("Chạy với phạm vi của người dùng này."))
            sub.add_argument("-o", "--output", required=True, help=_("Tệp kết quả."))
            add_as_of(sub)

    def handle(self, *args: object, **options: object) -> None:
        if options["action"] == "annual":
            self._annual(options)
        else:
            self._tables(options)

    def _annual(self, options: dict[str, object]) -> None:
        today = clock.today()
        year = parse_year(options["year"])
        path, fmt = _output(options["output"], FORMATS)
        user, committee = cli_user(options["user"]), committee_of_year(options["org"], year)
        as_of = parse_as_of(options["as_of"], today)
        issued_on = parse_date(options["date"], Fact.AS_OF, "--date", today)
        try:
            if options["register"]:
                summary = _("Báo cáo tổng kết công tác xây dựng Đảng năm %(year)s") % {"year": year}
                entry = report_register(actor=user, committee=committee, summary=summary,
                                        issued_on=issued_on)  # fmt: skip
                self.stdout.write(_("Số báo cáo: %(number)s") % {"number": entry.number})
            data = annual_report_file(user=user, committee=committee, year=year, as_of=as_of,
                                      issued_on=issued_on, fmt=fmt)  # fmt: skip
        except OutOfScope:
            raise CommandError(
                _("%(code)s nằm ngoài phạm vi của bạn.") % {"code": committee.code}
            ) from None
        except PdfConversionError as error:
            raise CommandError(
                _("Không chuyển được sang PDF: %(error)s") % {"error": error}
            ) from None
        path.write_bytes(data)
        self.stdout.write(str(path))

    def _tables(self, options: dict[str, object]) -> None:
        path, _fmt = _output(options["output"], ("xlsx",))
        as_of = parse_as_of(options["as_of"], clock.today())
        user, root = cli_user(options["user"]), parse_org(options["org"])
        version = OrgVersion.objects.as_of(as_of).filter(org=root).first() if root else None
        if root is not None and version is None:
            raise CommandError(_("Ngày %(day)s chưa có hoặc không còn tổ chức %(code)s.")
                               % {"day": f"{as_of:%d/%m/%Y}", "code": root.code})  # fmt: skip
        name = version.name if version is not None else _("Toàn bộ cây tổ chức")
        scope = Scope(user=user, root=root, start=as_of.replace(month=1, day=1), end=as_of,
                      as_of=as_of)  # fmt: skip
        write_workbook(path, standard_tables(scope, name))
        self.stdout.write(str(path))
