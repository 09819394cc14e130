from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "dangvu.imports"
    verbose_name = "Nhập dữ liệu"
