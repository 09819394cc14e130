from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "dangvu.web"
    verbose_name = "Giao diện làm việc"
