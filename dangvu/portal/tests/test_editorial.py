"""The editorial rules as Wagtail applies them to our page types, with the rights the role
assignments give: an editor submits but cannot publish, a publisher can; the review
workflow covers every section; a page locked by one editor is closed to another; a page
scheduled for later goes live when `publish_scheduled` (run by scripts/run-server every
minute) finds its time come; revisions are kept and restorable; the editor's dates are
dd/mm/yyyy, as in the workspace."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from conftest import MakeUser, Tree
from dangvu.common.clock import now
from dangvu.organizations.roles import Role
from dangvu.portal.editors import WORKFLOW, groups_ensure, groups_sync
from dangvu.portal.models import ArticlePage
from dangvu.portal.tests.conftest import MakeArticle

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(tree: Tree, make_user: MakeUser) -> dict[str, User]:
    groups_ensure()
    users = {
        "bientap": make_user("bientap", Role.PORTAL_EDITOR, tree.committee),
        "bientap2": make_user("bientap2", Role.PORTAL_EDITOR, tree.committee),
        "duyettin": make_user("duyettin", Role.PORTAL_PUBLISHER, tree.committee),
    }
    for user in users.values():
        groups_sync(user)
    return {name: User.objects.get(pk=user.pk) for name, user in users.items()}


def test_an_editor_submits_and_only_a_publisher_publishes(
    staff: dict[str, User], make_article: MakeArticle
) -> None:
    article = make_article("Bản tin tháng 11", publish=False)

    editor = article.permissions_for_user(staff["bientap"])
    publisher = article.permissions_for_user(staff["duyettin"])

    assert editor.can_edit() and not editor.can_publish()
    assert publisher.can_edit() and publisher.can_publish()
    assert article.get_workflow().name == WORKFLOW


def test_a_page_locked_by_one_editor_is_closed_to_another(
    staff: dict[str, User], make_article: MakeArticle
) -> None:
    article = make_article("Bản tin tháng 11", publish=False)
    assert article.permissions_for_user(staff["bientap"]).can_lock()

    article.locked, article.locked_by, article.locked_at = True, staff["bientap"], now()
    article.save()

    lock = article.get_lock()
    assert lock is not None
    assert lock.for_user(staff["bientap2"]) and not lock.for_user(staff["bientap"])
    assert not article.permissions_for_user(staff["bientap2"]).can_unlock()
    assert article.permissions_for_user(staff["duyettin"]).can_unlock()


def test_a_scheduled_article_goes_live_when_its_time_comes(
    staff: dict[str, User], make_article: MakeArticle, frozen_clock: object
) -> None:
    article = make_article("Thông báo lịch tiếp công dân", publish=False)
    article.go_live_at = now() + dt.timedelta(hours=2)
    article.save_revision(user=staff["duyettin"]).publish(user=staff["duyettin"])
    article.refresh_from_db()
    assert not article.live

    call_command("publish_scheduled")
    assert not ArticlePage.objects.get(pk=article.pk).live

    frozen_clock.shift(dt.timedelta(hours=3))  # type: ignore[attr-defined]
    call_command("publish_scheduled")
    assert ArticlePage.objects.get(pk=article.pk).live


def test_revisions_are_kept_and_an_old_one_is_restorable(
    staff: dict[str, User], make_article: MakeArticle
) -> None:
    article = make_article("Bản tin tháng 11")
    first = article.get_latest_revision()
    article.title = "Bản tin tháng 11 (đã sửa)"
    article.save_revision(user=staff["bientap"])

    assert article.revisions.count() == 2
    assert first.as_object().title == "Bản tin tháng 11"
    assert ArticlePage.objects.get(pk=article.pk).title == "Bản tin tháng 11"  # still live


def test_the_editor_shows_and_reads_dates_as_dd_mm_yyyy(
    staff: dict[str, User], make_article: MakeArticle
) -> None:
    article = make_article("Hội nghị tổng kết năm 2021", date=dt.date(2022, 2, 28))
    client = Client()
    client.force_login(staff["bientap"])

    html = client.get(f"/cms/pages/{article.pk}/edit/").content.decode()
    form = ArticlePage.get_edit_handler().get_form_class()

    date_input = re.search(r'<input[^>]*name="date"[^>]*>', html)
    assert date_input and 'value="28/02/2022"' in date_input.group()
    assert '"format": "d/m/Y"' in html.replace("&quot;", '"')  # the picker writes the same
    assert form.base_fields["date"].clean("05/03/2022") == dt.date(2022, 3, 5)
    go_live = form.base_fields["go_live_at"]
    assert go_live.widget.format_value(dt.datetime(2022, 3, 5, 8, 30)) == "05/03/2022 08:30"
    assert go_live.clean("05/03/2022 08:30").replace(tzinfo=None) == dt.datetime(2022, 3, 5, 8, 30)
