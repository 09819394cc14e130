from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "dangvu.portal"
    verbose_name = "Cổng thông tin"

    def ready(self) -> None:
        from dangvu.portal import cache, editors

        cache.connect_signals()
        editors.connect_signals(self)
