from django.urls import path

from dangvu.discipline import views

app_name = "discipline"
urlpatterns = [
    path("", views.decisions, name="decisions"),
    path("decisions/new/", views.decision_new, name="decision_new"),
    path("decisions/<id:pk>/", views.decision, name="decision"),
    path("decisions/<id:pk>/<slug:action>/", views.decision_action, name="decision_action"),
    path("programs/", views.programs, name="programs"),
    path("programs/<id:pk>/", views.program, name="program"),
    path("checks/<id:pk>/", views.check, name="check"),
    path("checks/<id:pk>/<slug:action>/", views.check_action, name="check_action"),
    path("complaints/", views.complaints, name="complaints"),
    path("complaints/<id:pk>/", views.complaint, name="complaint"),
]
