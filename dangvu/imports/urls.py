from django.urls import path

from dangvu.imports import downloads, dues_views, org_views, rating_views, views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/file/", downloads.batch_file, name="file"),
    path("<id:pk>/remap/", views.remap, name="remap"),
    path("<id:pk>/commit/", views.commit, name="commit"),
    path("<id:pk>/undo/", views.undo, name="undo"),
    path("reconcile/", views.reconcile_upload, name="reconcile"),
    path("<id:pk>/reconcile/", views.reconcile_report, name="reconcile_report"),
    path("organizations/", org_views.org_upload, name="org_upload"),
    path("organizations/<id:pk>/", org_views.org_detail, name="org_detail"),
    path("organizations/<id:pk>/remap/", org_views.org_remap, name="org_remap"),
    path("organizations/<id:pk>/commit/", org_views.org_commit, name="org_commit"),
    path("ratings/<id:pk>/", rating_views.ratings_upload, name="ratings"),
    path("dues/<str:code>/<month:month>/", dues_views.dues_upload, name="dues"),
]
