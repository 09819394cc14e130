from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    verbose_name = "Báo cáo"
