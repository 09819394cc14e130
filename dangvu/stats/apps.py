from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "dangvu.stats"
    verbose_name = "Thống kê"
