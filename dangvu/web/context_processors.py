from django.http import HttpRequest
from django.utils import timezone

from dangvu.organizations.access import may
from dangvu.organizations.roles import Action, Resource


def today(request: HttpRequest) -> dict[str, object]:
    """Today's date in the committee's time zone, for the page header."""
    return {"today": timezone.localdate()}


def navigation(request: HttpRequest) -> dict[str, object]:
    """Which parts of the workspace the user may open: menus show only those."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "can": {
            "orgs": may(user, Resource.ORG, Action.VIEW),
            "members": may(user, Resource.MEMBER, Action.VIEW),
            "change_members": may(user, Resource.MEMBER, Action.CHANGE),
            "audit": may(user, Resource.AUDIT, Action.VIEW),
            "revert": may(user, Resource.AUDIT, Action.REVERT),
            "settings": may(user, Resource.SETTINGS, Action.CHANGE),
            "change_orgs": may(user, Resource.ORG, Action.CHANGE),
        }
    }
