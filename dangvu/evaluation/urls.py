from django.urls import path

from dangvu.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("open/", views.round_open_page, name="open"),
    path("<id:pk>/", views.round_detail, name="round"),
    path("<id:pk>/rate/<id:decider>/<slug:kind>/", views.entry, name="entry"),
    path("<id:pk>/rate/<id:decider>/<slug:kind>/check/", views.entry_check, name="check"),
    path("<id:pk>/do/<slug:action>/", views.step, name="step"),
]
