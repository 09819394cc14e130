from django.urls import path

from dangvu.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/remap/", views.remap, name="remap"),
    path("<int:pk>/commit/", views.commit, name="commit"),
    path("<int:pk>/undo/", views.undo, name="undo"),
    path("reconcile/", views.reconcile_upload, name="reconcile"),
    path("<int:pk>/reconcile/", views.reconcile_report, name="reconcile_report"),
]
