"""Local development: DEBUG on, an explicit throw-away secret key, console email."""

from config.env import env_bool, env_str
from config.settings.base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
REQUIRE_2FA = env_bool("REQUIRE_2FA", False)
