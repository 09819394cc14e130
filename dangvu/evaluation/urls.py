from django.urls import path

from dangvu.evaluation import commendation_views, results_views, views

app_name = "evaluation"
urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("open/", views.round_open_page, name="open"),
    path("<id:pk>/", views.round_detail, name="round"),
    path("<id:pk>/htxsnv/", results_views.excellent, name="excellent"),
    path("<id:pk>/ket-qua.xlsx", results_views.results_export, name="results_export"),
    path("<id:pk>/rate/<id:decider>/<slug:kind>/", views.entry, name="entry"),
    path("<id:pk>/rate/<id:decider>/<slug:kind>/check/", views.entry_check, name="check"),
    path("<id:pk>/do/<slug:action>/", views.step, name="step"),
    path("<id:pk>/commendations/", commendation_views.commendations, name="commendations"),
    path(
        "<id:pk>/commendations/<id:commendation>/<slug:document>.<slug:fmt>",
        commendation_views.commendation_document,
        name="commendation_document",
    ),
]
