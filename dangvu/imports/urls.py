from django.urls import path

from dangvu.imports import downloads, org_views, views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/file/", downloads.batch_file, name="file"),
    path("<int:pk>/remap/", views.remap, name="remap"),
    path("<int:pk>/commit/", views.commit, name="commit"),
    path("<int:pk>/undo/", views.undo, name="undo"),
    path("reconcile/", views.reconcile_upload, name="reconcile"),
    path("<int:pk>/reconcile/", views.reconcile_report, name="reconcile_report"),
    path("organizations/", org_views.org_upload, name="org_upload"),
    path("organizations/<int:pk>/", org_views.org_detail, name="org_detail"),
    path("organizations/<int:pk>/remap/", org_views.org_remap, name="org_remap"),
    path("organizations/<int:pk>/commit/", org_views.org_commit, name="org_commit"),
]
