from django.apps import AppConfig
from django.db.models.signals import post_save


class ImportsConfig(AppConfig):
    name = "dangvu.imports"
    verbose_name = "Nhập dữ liệu"

    def ready(self) -> None:
        from dangvu.common.audit_display import audit_choices_register, audit_value_register
        from dangvu.imports.columns import shown_mapping
        from dangvu.imports.files import discard_when_final
        from dangvu.imports.models import ImportBatch

        audit_choices_register("kind", ImportBatch.Kind)
        audit_value_register("mapping", shown_mapping)

        # Every path that commits or undoes a batch saves it; one receiver deletes the file
        # for all of them, including paths added later.
        post_save.connect(discard_when_final, sender=ImportBatch, dispatch_uid="import-file")
