from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "dangvu.evaluation"
    verbose_name = "Đánh giá, xếp loại"

    def ready(self) -> None:
        from django.urls import reverse

        from dangvu.common.audit_display import audit_choices_register
        from dangvu.documents.register import SUBJECT_PAGES
        from dangvu.evaluation.models import Level, Round, Stage

        # A commendation's decision and certificates are registered about their round.
        SUBJECT_PAGES[Round._meta.label_lower] = lambda pk: reverse(
            "evaluation:commendations", kwargs={"pk": pk}
        )

        audit_choices_register("stage", Stage)
        for field in ("self_level", "proposed_level", "level"):
            audit_choices_register(field, Level)
