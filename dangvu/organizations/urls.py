from django.urls import path

from dangvu.organizations import views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("export.<slug:fmt>", views.export, name="export"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/do/<slug:action>/", views.structure_action, name="action"),
]
