from django.apps import AppConfig


class DisciplineConfig(AppConfig):
    name = "dangvu.discipline"
    verbose_name = "Kiểm tra, giám sát, kỷ luật"

    def ready(self) -> None:
        from dangvu.common.audit_display import audit_choices_register
        from dangvu.discipline import effects, rulesets  # noqa: F401  registers the topic
        from dangvu.discipline.models import Appeal, Check, Program
        from dangvu.discipline.rules import Form

        effects.register()
        audit_choices_register("holder", Program.Holder)
        audit_choices_register("activity", Check.Activity)
        audit_choices_register("check_kind", Check.Kind)
        audit_choices_register("form", Form)
        audit_choices_register("outcome", Appeal.Outcome)
