from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "dangvu.plans"
    verbose_name = "Kế hoạch, hội nghị, sinh hoạt chi bộ"

    def ready(self) -> None:
        from django.urls import reverse

        from dangvu.common.audit_display import audit_choices_register, audit_value_register
        from dangvu.documents.register import SUBJECT_PAGES
        from dangvu.plans import effects, measures, rulesets  # noqa: F401  registers them
        from dangvu.plans.models import Meeting, Target
        from dangvu.plans.rules import TaskStatus

        effects.register()
        # A meeting's invitation is registered about the meeting.
        SUBJECT_PAGES[Meeting._meta.label_lower] = lambda pk: reverse("plans:meeting", args=[pk])
        audit_choices_register("meeting_kind", Meeting.Kind)
        audit_choices_register("target_kind", Target.Kind)
        audit_choices_register("task_result", TaskStatus)
        audit_value_register("measure", measures.measure_label)
