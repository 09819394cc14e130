from django.urls import path

from dangvu.common import views

app_name = "audit"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("<int:pk>/", views.entry_detail, name="detail"),
    path("<int:pk>/revert/", views.entry_revert, name="revert"),
]
