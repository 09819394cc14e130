from django.urls import path

from dangvu.accounts import views as account_views
from dangvu.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", account_views.login, name="login"),
    path("logout/", account_views.logout, name="logout"),
]
