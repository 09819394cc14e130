from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "dangvu.dues"
    verbose_name = "Đảng phí"

    def ready(self) -> None:
        from dangvu.common.audit_display import audit_choices_register
        from dangvu.dues.rules import ReliefKind

        audit_choices_register("relief", ReliefKind)
