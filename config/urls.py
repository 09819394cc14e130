from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    # The public portal will live at "/"; until it exists, "/" leads to the workspace.
    path("", RedirectView.as_view(pattern_name="web:home", permanent=False)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("app/", include("dangvu.web.urls")),
    path("app/orgs/", include("dangvu.organizations.urls")),
    path("app/members/", include("dangvu.members.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
