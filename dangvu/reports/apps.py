from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    verbose_name = "Báo cáo"

    def ready(self) -> None:
        from dangvu.common.audit_display import audit_choices_register
        from dangvu.reports.models import Section

        audit_choices_register("section", Section)
