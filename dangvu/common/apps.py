from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "dangvu.common"
    verbose_name = "Dùng chung"

    def ready(self) -> None:
        from django.core import checks
        from django.urls import register_converter

        from dangvu.common.ids import IdConverter
        from dangvu.common.sort_keys import sort_keys_check

        register_converter(IdConverter, "id")
        checks.register(sort_keys_check)
