from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "dangvu.common"
    verbose_name = "Dùng chung"
