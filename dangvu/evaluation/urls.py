from django.urls import path

from dangvu.evaluation import results_views, views

app_name = "evaluation"
urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("<id:pk>/", views.round_detail, name="round"),
    path("<id:pk>/htxsnv/", results_views.excellent, name="excellent"),
    path("<id:pk>/ket-qua.xlsx", results_views.results_export, name="results_export"),
    path("<id:pk>/rate/<id:decider>/<slug:kind>/", views.entry, name="entry"),
    path("<id:pk>/rate/<id:decider>/<slug:kind>/check/", views.entry_check, name="check"),
    path("<id:pk>/do/<slug:action>/", views.step, name="step"),
]
