from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "dangvu.members"
    verbose_name = "Đảng viên"

    def ready(self) -> None:
        from dangvu.common.audit import reverter_register
        from dangvu.common.audit_display import audit_choices_register, audit_value_register
        from dangvu.common.events import Event
        from dangvu.common.sort_keys import KeyedTable, sort_keys_register
        from dangvu.common.text import person_sort_key
        from dangvu.members.admission_list import DATE_FIELDS
        from dangvu.members.models import (
            AdmissionCase,
            ExitReason,
            GapReason,
            Gender,
            Member,
            Status,
            Transfer,
        )
        from dangvu.members.services import member_revert_change

        reverter_register(Event.UPDATED, member_revert_change)
        sort_keys_register(KeyedTable(Member, "sort_key", "full_name", person_sort_key))
        audit_choices_register("kind", Transfer.Kind)
        audit_choices_register("reason", ExitReason)
        # Its own key: GapReason shares codes with ExitReason under other labels.
        audit_choices_register("gap_reason", GapReason)
        audit_choices_register("status", Status)
        audit_choices_register("gender", Gender)
        # The admission list's download: its step and the step whose dates narrowed it.
        audit_choices_register("step", AdmissionCase.State)
        audit_value_register("dated_by", lambda code: str(DATE_FIELDS.get(code, code)))
