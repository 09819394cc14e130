from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "dangvu.demo"
    verbose_name = "Dữ liệu mẫu"
