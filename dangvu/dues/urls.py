from django.urls import path

from dangvu.dues import views

app_name = "dues"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("member/<id:pk>/", views.member_dues, name="member"),
    path("member/<id:pk>/<slug:action>/", views.member_action, name="member_action"),
    path("<str:code>/<month:month>/", views.collect, name="collect"),
]
