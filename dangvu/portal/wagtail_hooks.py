"""The portal's additions to Wagtail's admin: the linked websites as snippets, Wagtail's
own Users and Groups menus taken away (accounts and roles live at /app/users/; the views
are closed anyway, since no group holds the `auth` permissions: dangvu/portal/editors.py),
and the help menu's links to wagtail.org (its editor guide, its release notes) taken away:
the product runs on an intranet, where they lead nowhere."""

from typing import Any
from urllib.parse import urlsplit

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from dangvu.portal.models import LinkedWebsite

register_snippet(LinkedWebsite)


@hooks.register("construct_settings_menu")
def hide_accounts_menus(request: Any, menu_items: list[Any]) -> None:
    menu_items[:] = [item for item in menu_items if item.name not in ("users", "groups")]


@hooks.register("construct_help_menu")
def hide_outside_help(request: Any, menu_items: list[Any]) -> None:
    menu_items[:] = [item for item in menu_items if not urlsplit(item.url).netloc]
