from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    verbose_name = "Báo cáo"

    def ready(self) -> None:
        from dangvu.common.audit_display import audit_choices_register
        from dangvu.reports.models import Narrative, Section

        audit_choices_register("section", Section)
        # "status" also names a member's status (members.apps): the codes do not meet.
        audit_choices_register("status", Narrative.Status)
