from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "dangvu.evaluation"
    verbose_name = "Đánh giá, xếp loại"

    def ready(self) -> None:
        from django.urls import reverse

        from dangvu.common.audit import reverter_register
        from dangvu.common.audit_display import audit_choices_register
        from dangvu.common.events import Event
        from dangvu.documents.register import SUBJECT_PAGES
        from dangvu.evaluation.deadlines import KINDS, evaluation_due
        from dangvu.evaluation.models import Level, Round, Stage
        from dangvu.evaluation.reverting import ratings_revert
        from dangvu.members.deadlines import due_provider_register

        # A commendation's decision and certificates are registered about their round.
        SUBJECT_PAGES[Round._meta.label_lower] = lambda pk: reverse(
            "evaluation:commendations", kwargs={"pk": pk}
        )

        audit_choices_register("stage", Stage)
        for field in ("self_level", "proposed_level", "level"):
            audit_choices_register(field, Level)
        due_provider_register(KINDS, evaluation_due)
        reverter_register(Event.EVALUATION_RATED, ratings_revert)
