from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "dangvu.evaluation"
    verbose_name = "Đánh giá, xếp loại"

    def ready(self) -> None:
        from dangvu.common.audit import reverter_register
        from dangvu.common.audit_display import audit_choices_register
        from dangvu.common.events import Event
        from dangvu.evaluation.deadlines import KINDS, evaluation_due
        from dangvu.evaluation.models import Level, Stage
        from dangvu.evaluation.reverting import ratings_revert
        from dangvu.members.deadlines import due_provider_register

        audit_choices_register("stage", Stage)
        for field in ("self_level", "proposed_level", "level"):
            audit_choices_register(field, Level)
        due_provider_register(KINDS, evaluation_due)
        reverter_register(Event.EVALUATION_RATED, ratings_revert)
