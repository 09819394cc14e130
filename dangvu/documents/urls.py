from django.urls import path

from dangvu.documents import register_views, views

app_name = "documents"
urlpatterns = [
    path("", views.templates, name="templates"),
    path("<slug:name>.docx", views.template_download, name="template"),
    path("signers/", register_views.signers, name="signers"),
    path("signers/<id:pk>/", register_views.signer, name="signer"),
    path("register/", register_views.register, name="register"),
]
