"""The door of Wagtail's admin (/cms/), and its content security policy.

`EditorsMiddleware` lets in only those whose role assignments give them the admin (their
groups synced first, dangvu/portal/editors.py): an anonymous visitor goes to the
workspace's login, with a "next" short enough to be redirected to (Wagtail's own redirect
carried the whole query and answered 400 on a hostile one); anyone else gets the 403 page.

`PolicyMiddleware` is django-csp's, with the admin's policy (settings.PORTAL_ADMIN_CSP)
in place of the site's strict one under /cms/ only."""

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse

from dangvu.common.http import login_redirect
from dangvu.portal.editors import groups_sync


def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


class EditorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.prefix = admin_prefix()

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info.startswith(self.prefix):
            user = request.user
            if not user.is_authenticated:
                return login_redirect(request)
            groups_sync(user)
            if not user.has_perm("wagtailadmin.access_admin"):
                raise PermissionDenied
        return self.get_response(request)


class PolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(admin_prefix()):
            parts.config = settings.PORTAL_ADMIN_CSP
        return parts
