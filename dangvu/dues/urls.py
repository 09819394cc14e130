from django.urls import path

from dangvu.dues import views

app_name = "dues"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("<str:code>/<month:month>/", views.collect, name="collect"),
]
