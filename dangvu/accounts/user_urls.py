from django.urls import path

from dangvu.accounts import user_views

app_name = "users"
urlpatterns = [
    path("", user_views.user_list, name="list"),
    path("new/", user_views.user_new, name="new"),
    path("<id:pk>/", user_views.user_detail, name="detail"),
    path("<id:pk>/do/<slug:action>/", user_views.user_action, name="action"),
]
