from django.urls import path

from dangvu.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.annual, name="annual"),
    path("tai-ve/", views.annual_file, name="annual_file"),
    path("<str:code>/<id:year>/<slug:section>/", views.section, name="section"),
    path(
        "<str:code>/<id:year>/<slug:section>/<slug:action>/",
        views.section_action,
        name="section_action",
    ),
]
