from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "dangvu.evaluation"
    verbose_name = "Đánh giá, xếp loại"

    def ready(self) -> None:
        from dangvu.common.audit_display import audit_choices_register
        from dangvu.evaluation.models import Level, Stage

        audit_choices_register("stage", Stage)
        for field in ("self_level", "proposed_level", "level"):
            audit_choices_register(field, Level)
