from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from dangvu.accounts.selectors import may_administer
from dangvu.common import clock
from dangvu.common.dates import Fact, date_range
from dangvu.members.correction_list import own_member_id
from dangvu.organizations.access import may
from dangvu.organizations.roles import Action, Resource
from dangvu.organizations.selectors import account_summary


def today(request: HttpRequest) -> dict[str, object]:
    """Today's date in the committee's time zone, for the page header, and the dates a page
    may show (the date policy's AS_OF), for the date pickers' bounds."""
    day = clock.today()
    return {"today": day, "as_of_range": date_range(Fact.AS_OF, day)}


def navigation(request: HttpRequest) -> dict[str, object]:
    """Which parts of the workspace the user may open: menus show only those; and, read only
    when a page shows them, the user's roles and committee (the account menu, the header of
    printed pages)."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "account": SimpleLazyObject(lambda: account_summary(user, clock.today())),
        "can": {
            "orgs": may(user, Resource.ORG, Action.VIEW),
            "members": may(user, Resource.MEMBER, Action.VIEW),
            "change_members": may(user, Resource.MEMBER, Action.CHANGE),
            "audit": may(user, Resource.AUDIT, Action.VIEW),
            "revert": may(user, Resource.AUDIT, Action.REVERT),
            "settings": may(user, Resource.SETTINGS, Action.CHANGE),
            # Accounts are managed by those who hold the whole system's settings.
            "users": may_administer(user),
            "change_orgs": may(user, Resource.ORG, Action.CHANGE),
            "evaluation": may(user, Resource.EVALUATION, Action.VIEW),
            "documents": may(user, Resource.DOCUMENTS, Action.VIEW),
            "decisions": may(user, Resource.DECISIONS, Action.VIEW),
            "cases": may(user, Resource.DISCIPLINE, Action.VIEW),
            "plans": may(user, Resource.PLANS, Action.VIEW),
            "change_cases": may(user, Resource.DISCIPLINE, Action.CHANGE),
            # The portal's editor (/cms/): its editors, its publishers and the administrators.
            "portal": may(user, Resource.PORTAL, Action.CHANGE),
            # Hồ sơ của tôi: the account names a member's own record.
            "own_record": own_member_id(user) is not None,
        },
    }
