from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "dangvu.common"
    verbose_name = "Dùng chung"

    def ready(self) -> None:
        from django.urls import register_converter

        from dangvu.common.ids import IdConverter

        register_converter(IdConverter, "id")
