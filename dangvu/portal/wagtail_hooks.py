"""The portal's additions to Wagtail's admin: the linked websites as snippets, and Wagtail's
own Users and Groups menus taken away (accounts and roles live at /app/users/; the views
are closed anyway, since no group holds the `auth` permissions: dangvu/portal/editors.py)."""

from typing import Any

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from dangvu.portal.models import LinkedWebsite

register_snippet(LinkedWebsite)


@hooks.register("construct_settings_menu")
def hide_accounts_menus(request: Any, menu_items: list[Any]) -> None:
    menu_items[:] = [item for item in menu_items if item.name not in ("users", "groups")]
