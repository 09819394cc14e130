from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "dangvu.imports"
    verbose_name = "Nhập dữ liệu"

    def ready(self) -> None:
        from dangvu.common.audit_display import audit_choices_register, audit_value_register
        from dangvu.dues.cli import subcommand_register as dues_subcommand_register
        from dangvu.evaluation.cli import subcommand_register
        from dangvu.imports.columns import shown_mapping
        from dangvu.imports.dues.cli import IMPORT as DUES_IMPORT
        from dangvu.imports.evaluation.cli import IMPORT
        from dangvu.imports.models import ImportBatch

        audit_choices_register("kind", ImportBatch.Kind)
        audit_value_register("mapping", shown_mapping)
        subcommand_register("import", IMPORT)
        dues_subcommand_register("import", DUES_IMPORT)
