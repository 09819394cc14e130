from django.apps import AppConfig


class DisciplineConfig(AppConfig):
    name = "dangvu.discipline"
    verbose_name = "Kiểm tra, giám sát, kỷ luật"

    def ready(self) -> None:
        from dangvu.discipline import effects, rulesets  # noqa: F401  registers the topic

        effects.register()
