"""Environment readers that fail loudly on bad values (after Healthchecks and HackSoft)."""

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    """Read NAME, or the file named by NAME_FILE (for secrets mounted as files)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {choices}, got {value!r}")
    return value


def env_json(name: str, default: dict[str, Any]) -> dict[str, Any]:
    """A JSON object, e.g. RULE_SETTINGS='{"BadgesHD06": {"posthumous_lookback_months": 24}}'."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = json.loads(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a JSON object, got {raw!r}") from None
    if not isinstance(value, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object, got {raw!r}")
    return value


def env_ints(name: str, default: list[int]) -> list[int]:
    """A comma-separated list of whole numbers."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return [int(item) for item in raw.split(",") if item.strip()]
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be whole numbers separated by commas, got {raw!r}"
        ) from None


def env_dates_by_key(name: str, default: dict[str, list[str]]) -> dict[str, tuple[dt.date, ...]]:
    """A JSON object of lists of ISO dates, each list sorted, e.g.
    DOCUMENT_TERM_STARTS='{"": ["2020-09-01", "2025-09-01"], "DBUB": ["2025-07-20"]}'."""
    raw = env_json(name, dict(default))
    try:
        return {
            str(key): tuple(sorted(dt.date.fromisoformat(day) for day in days))
            for key, days in raw.items()
        }
    except (TypeError, ValueError):
        raise ImproperlyConfigured(
            f"{name} must map keys to lists of dates (YYYY-MM-DD), got {raw!r}"
        ) from None
