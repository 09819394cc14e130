from django.apps import AppConfig


class DuesConfig(AppConfig):
    name = "dangvu.dues"
    verbose_name = "Đảng phí"

    def ready(self) -> None:
        from django.urls import register_converter

        from dangvu.common.audit import reverter_register
        from dangvu.common.audit_display import audit_choices_register
        from dangvu.common.events import Event
        from dangvu.dues.converters import MonthConverter
        from dangvu.dues.corrections import dues_correction_revert
        from dangvu.dues.deadlines import KINDS, dues_arrears_due
        from dangvu.dues.rules import ReliefKind
        from dangvu.dues.selectors import dues_paid_until
        from dangvu.members.deadlines import due_provider_register
        from dangvu.members.dues_paid import paid_until_register

        register_converter(MonthConverter, "month")
        audit_choices_register("relief", ReliefKind)
        due_provider_register(KINDS, dues_arrears_due)
        paid_until_register(dues_paid_until)
        for event in (Event.DUES_PAYMENT_CORRECTED, Event.DUES_PAYMENT_REMOVED):
            reverter_register(event, dues_correction_revert)
