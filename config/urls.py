from django.urls import include, path
from django.views.i18n import set_language
from wagtail.admin import urls as wagtailadmin_urls

from dangvu.common.http import public
from dangvu.web.urls import audit_urls, org_urls

urlpatterns = [
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("app/", include("dangvu.web.urls")),
    path("app/account/", include("dangvu.accounts.urls")),
    path("app/audit/", include(audit_urls)),
    path("app/document-templates/", include("dangvu.documents.urls")),
    path("app/imports/", include("dangvu.imports.urls")),
    path("app/orgs/", include(org_urls)),
    path("app/members/", include("dangvu.members.urls")),
    path("app/evaluation/", include("dangvu.evaluation.urls")),
    path("app/discipline/", include("dangvu.discipline.urls")),
    path("app/dues/", include("dangvu.dues.urls")),
    path("app/plans/", include("dangvu.plans.urls")),
    path("app/reports/", include("dangvu.reports.urls")),
    path("app/users/", include("dangvu.accounts.user_urls")),
    # The portal's editors (Wagtail's admin; who may enter: dangvu/portal/editors.py).
    path("cms/", include(wagtailadmin_urls)),
    # The public portal: last, since its pages take every path left.
    path("", include("dangvu.portal.urls")),
]

handler400 = "dangvu.common.http.bad_request"
