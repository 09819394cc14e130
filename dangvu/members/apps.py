from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "dangvu.members"
    verbose_name = "Đảng viên"

    def ready(self) -> None:
        from dangvu.common.audit import reverter_register
        from dangvu.common.audit_display import audit_choices_register
        from dangvu.common.events import Event
        from dangvu.members.models import ExitReason, GapReason, Gender, Status, Transfer
        from dangvu.members.services import member_revert_change

        reverter_register(Event.UPDATED, member_revert_change)
        audit_choices_register("kind", Transfer.Kind)
        audit_choices_register("reason", ExitReason)
        # Its own key: GapReason shares codes with ExitReason under other labels.
        audit_choices_register("gap_reason", GapReason)
        audit_choices_register("status", Status)
        audit_choices_register("gender", Gender)
