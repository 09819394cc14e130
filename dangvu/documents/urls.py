from django.urls import path

from dangvu.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.templates, name="templates"),
    path("<slug:name>.docx", views.template_download, name="template"),
]
