from django.urls import path

from dangvu.members import correction_views, document_views, lifecycle_views, views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("wards/", views.wards, name="wards"),
    path("pick/", views.pick, name="pick"),
    path("export.<slug:fmt>", views.member_export, name="export"),
    path("<id:pk>/", views.member_detail, name="detail"),
    path("<id:pk>/photo/", views.member_photo, name="photo"),
    path("<id:pk>/edit/", views.member_edit, name="edit"),
    path("<id:pk>/do/<slug:action>/", lifecycle_views.member_action, name="action"),
    path("admissions/", lifecycle_views.admission_list, name="admission_list"),
    path("admissions/export.<slug:fmt>", lifecycle_views.admission_export, name="admission_export"),
    path("admissions/new/", lifecycle_views.admission_new, name="admission_new"),
    path("admissions/<id:pk>/", lifecycle_views.admission_detail, name="admission_detail"),
    path(
        "admissions/<id:pk>/do/<slug:action>/",
        lifecycle_views.admission_action,
        name="admission_action",
    ),
    path("deadlines/", lifecycle_views.deadlines, name="deadlines"),
    path("deadlines/export.<slug:fmt>", lifecycle_views.deadlines_export, name="deadlines_export"),
    path("badges/", lifecycle_views.badges_due, name="badges"),
    path("badges/export.xlsx", lifecycle_views.badges_export, name="badges_export"),
    path("corrections/", correction_views.correction_list, name="corrections"),
    path("corrections/new/", correction_views.correction_new, name="correction_new"),
    path("corrections/<id:pk>/", correction_views.correction_detail, name="correction_detail"),
    path("documents/<slug:name>/<id:pk>.docx", document_views.document, name="document"),
]
