from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "dangvu.organizations"
    verbose_name = "Tổ chức đảng"

    def ready(self) -> None:
        from dangvu.common.audit_display import audit_choices_register
        from dangvu.organizations.models import Membership, OrgEvent, OrgKind
        from dangvu.organizations.roles import Role

        for key in ("kind_code", "old_kind", "new_kind"):
            audit_choices_register(key, OrgKind)
        audit_choices_register("start", Membership.Start)
        audit_choices_register("role", Role)
        audit_choices_register("events", OrgEvent.Kind)
