from django.urls import path

from dangvu.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plans, name="list"),
    path("<id:pk>/", views.plan, name="plan"),
    path("<id:pk>/<slug:action>/", views.plan_action, name="plan_action"),
    path("targets/<id:pk>/", views.target, name="target"),
    path("targets/<id:pk>/evidence/", views.target_evidence, name="target_evidence"),
    path("tasks/<id:pk>/", views.task, name="task"),
    path("tasks/<id:pk>/<slug:action>/", views.task_action, name="task_action"),
    path("progress/<id:pk>/evidence/", views.progress_evidence, name="progress_evidence"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<id:pk>/", views.meeting, name="meeting"),
    path(
        "meetings/<id:pk>/<slug:document>.<slug:fmt>",
        views.meeting_document,
        name="meeting_document",
    ),
    path("meetings/<id:pk>/<slug:action>/", views.meeting_action, name="meeting_action"),
    path("meeting-papers/<id:pk>/", views.meeting_paper, name="meeting_paper"),
]
