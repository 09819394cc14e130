from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from dangvu.accounts.two_factor import two_factor_link_issue
from dangvu.common import clock
from dangvu.organizations.access import OPERATOR


class Command(BaseCommand):
    help = "Tài khoản người dùng."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        enrol = actions.add_parser(
            "enrol-2fa",
            help="In liên kết đăng ký xác thực hai lớp (dùng một lần, có hạn) cho người dùng.",
        )
        enrol.add_argument("username")

    def handle(self, *args: object, **options: object) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có người dùng {options['username']!r}.")
        token = two_factor_link_issue(actor=OPERATOR, user=user, now=clock.now())
        link = settings.SITE_URL.rstrip("/") + reverse("accounts:two_factor_enrol", args=[token])
        hours = settings.TWO_FACTOR_ENROLMENT_HOURS
        self.stdout.write(
            f"Liên kết đăng ký xác thực hai lớp cho {user.get_username()} "
            f"(dùng một lần, trong {hours} giờ; mở sau khi đăng nhập bằng tài khoản này):"
        )
        self.stdout.write(link)
