from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "dangvu.plans"
    verbose_name = "Kế hoạch, hội nghị, sinh hoạt chi bộ"

    def ready(self) -> None:
        from dangvu.common.audit_display import audit_choices_register, audit_value_register
        from dangvu.plans import effects, measures, rulesets  # noqa: F401  registers them
        from dangvu.plans.models import Meeting, Target
        from dangvu.plans.rules import TaskStatus

        effects.register()
        audit_choices_register("meeting_kind", Meeting.Kind)
        audit_choices_register("target_kind", Target.Kind)
        audit_choices_register("task_result", TaskStatus)
        audit_value_register("measure", measures.measure_label)
