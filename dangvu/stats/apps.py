from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _after_migrate(using: str, **_kwargs: Any) -> None:
    from dangvu.stats.triggers import sync_triggers

    sync_triggers(connections[using])


class StatsConfig(AppConfig):
    name = "dangvu.stats"
    verbose_name = "Thống kê"

    def ready(self) -> None:
        post_migrate.connect(_after_migrate, sender=self)
