"""Tests: fast hashing, in-memory email and cache, tasks run immediately."""

from config.settings.base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False  # the lockout test switches it on
REQUIRE_2FA = False  # the two-factor tests switch it on
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "portal": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "dangvu.common.files.PrivateMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "portal_renditions": {
        "BACKEND": "django.core.files.storage.InMemoryStorage",
        "OPTIONS": {"base_url": "/anh/"},
    },
}
# The test process is the worker (tasks run immediately): never lower its own memory limit.
IMPORT_TASK_MEMORY_MB = 0
