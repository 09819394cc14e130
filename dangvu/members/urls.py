from django.urls import path

from dangvu.members import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("wards/", views.wards, name="wards"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/edit/", views.member_edit, name="edit"),
]
