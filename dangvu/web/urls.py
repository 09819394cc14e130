"""The workspace's own routes, and the page groups it assembles from several apps (the
organization pages, the audit trail), each under its namespace (see config/urls.py)."""

from django.urls import path

from dangvu.accounts import views as account_views
from dangvu.organizations import views as org_views
from dangvu.web.views import audit, home, me, orgs

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("me/", me.me, name="me"),
    path("login/", account_views.login, name="login"),
    path("logout/", account_views.logout, name="logout"),
]

org_urls = (
    [
        path("", orgs.tree, name="tree"),
        path("export.<slug:fmt>", org_views.export, name="export"),
        path("pick/", org_views.pick, name="pick"),
        path("<str:code>/", orgs.detail, name="detail"),
        path("<str:code>/children/", orgs.children, name="children"),
        path("<str:code>/do/<slug:action>/", org_views.structure_action, name="action"),
    ],
    "orgs",
)

audit_urls = (
    [
        path("", audit.entry_list, name="list"),
        path("<id:pk>/", audit.entry_detail, name="detail"),
        path("<id:pk>/revert/", audit.entry_revert, name="revert"),
    ],
    "audit",
)
