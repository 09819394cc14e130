"""Settings shared by every environment. Values that differ come from the environment."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import (
    env_bool,
    env_choice,
    env_dates_by_key,
    env_int,
    env_ints,
    env_json,
    env_list,
    env_str,
)
from dangvu.imports.limits import MB, ReadLimits

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "dangvu"

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    # The public portal (dangvu/portal): Wagtail and the parts of it we use.
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.contrib.settings",
    "wagtail",
    "modelcluster",
    "taggit",
]
LOCAL_APPS = [
    "dangvu.common",
    "dangvu.accounts",
    "dangvu.organizations",
    "dangvu.members",
    "dangvu.evaluation",
    "dangvu.discipline",
    "dangvu.dues",
    "dangvu.plans",
    "dangvu.stats",
    "dangvu.reports",
    "dangvu.documents",
    "dangvu.imports",
    "dangvu.demo",
    "dangvu.web",
    "dangvu.portal",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before the session reads its cookie: a NUL there (or in the path) fails PostgreSQL.
    "dangvu.common.middleware.NulFreeRequestMiddleware",
    "dangvu.common.middleware.UploadSizeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dangvu.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dangvu.accounts.middleware.IdleSessionMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dangvu.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's admin: only the holders of the portal's roles, groups synced on each request.
    "dangvu.portal.middleware.EditorsMiddleware",
    # django-csp's, with the admin's own policy under /cms/ (PORTAL_ADMIN_CSP).
    "dangvu.portal.middleware.PolicyMiddleware",
    # Last, as django-axes requires: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "dangvu.web.context_processors.today",
                "dangvu.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'dangvu.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker both write: take the write lock when a transaction
    # begins, so two writers queue instead of one failing with "database is locked" midway.
    # Batch inserts rely on it to take ids (common/bulk.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
# The first path wins over the next, and both over the installed apps' catalogues: our own
# catalogues, then the Vietnamese of the Wagtail admin screens (Wagtail's own vi is partial).
# Not named "locale": makemessages would write the portal's own strings there.
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "portal" / "wagtail_locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["dangvu.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))

# Uploads (member lists, photos, document templates) are personal data: a private root that
# no web server publishes, files under random names, served only by views that check the
# reader's scope (dangvu/common/files.py). No MEDIA_URL: these files have no public address.
UPLOAD_ROOT = Path(env_str("UPLOAD_ROOT", str(BASE_DIR / "var" / "uploads")))
# Who sends a checked file's bytes: Django itself (""), or the web server in front, told by
# X-Accel-Redirect ("nginx", to the internal location below) or X-Sendfile ("apache").
PRIVATE_FILES_SERVER = env_choice("PRIVATE_FILES_SERVER", "", ("", "nginx", "apache"))
PRIVATE_FILES_NGINX_LOCATION = "/_private/"
# An import's file goes when its batch is committed or undone; one left unfinished is
# deleted after this many days (`dangvu purge_uploads`, daily).
IMPORT_FILE_RETENTION_DAYS = env_int("IMPORT_FILE_RETENTION_DAYS", 7)
# Where `dangvu restore` keeps a backup of what it replaces.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "var" / "backups")))
STORAGES = {
    "default": {
        "BACKEND": "dangvu.common.files.PrivateFileStorage",
        "OPTIONS": {"location": UPLOAD_ROOT},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Imports: what one uploaded spreadsheet may ask of the server (docs/ARCHITECTURE.md,
# "Spreadsheets in and out"). The defaults, and why, are in dangvu/imports/limits.py: a
# committee's list is a few thousand rows, the national-scale import 100,000.
_READ = ReadLimits()
IMPORT_MAX_UPLOAD_MB = env_int("IMPORT_MAX_UPLOAD_MB", _READ.max_bytes // MB)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", _READ.max_rows)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", _READ.max_columns)
IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", _READ.max_cells)
IMPORT_MAX_UNPACKED_MB = env_int("IMPORT_MAX_UNPACKED_MB", _READ.max_uncompressed // MB)
IMPORT_MAX_ZIP_RATIO = env_int("IMPORT_MAX_ZIP_RATIO", _READ.max_ratio)
IMPORT_READER_MEMORY_MB = env_int("IMPORT_READER_MEMORY_MB", _READ.memory // MB)
IMPORT_READER_SECONDS = env_int("IMPORT_READER_SECONDS", _READ.cpu_seconds)
# Problems listed on the page and by the CLI; the others are counted ("và N lỗi khác").
IMPORT_MAX_PROBLEMS = env_int("IMPORT_MAX_PROBLEMS", 1000)
# A background import, check or reconciliation: its time, and how much its process may grow
# (0: no limit).
IMPORT_TASK_SECONDS = env_int("IMPORT_TASK_SECONDS", 30 * 60)
IMPORT_TASK_MEMORY_MB = env_int("IMPORT_TASK_MEMORY_MB", 2048)
# A batch "in progress" with no sign of its task for this long is failed when next looked at
# (a worker killed or restarted mid-task); longer than a task may run.
IMPORT_STALE_MINUTES = env_int("IMPORT_STALE_MINUTES", 45)
# Other uploads (dangvu/common/uploads.py): evidence files of plans and document templates,
# and members' photos (a scanned 4x6 photo is well under 1 MB). A Word template may unpack
# to at most DOCUMENT_TEMPLATE_MAX_UNPACKED_MB before it is rendered (a zip bomb otherwise).
ATTACHMENT_MAX_UPLOAD_MB = env_int("ATTACHMENT_MAX_UPLOAD_MB", 20)
PHOTO_MAX_UPLOAD_MB = env_int("PHOTO_MAX_UPLOAD_MB", 5)
DOCUMENT_TEMPLATE_MAX_UNPACKED_MB = env_int("DOCUMENT_TEMPLATE_MAX_UNPACKED_MB", 100)
# Uploads: small files in memory, larger ones streamed to a temporary file; never more
# than ten files a request. A request larger than the largest file limit (plus 1 MB for
# its other fields) is refused before Django reads it; the proxy in front should refuse it
# too (nginx `client_max_body_size`).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# Strict CSP: every script and style is a vendored static file; nothing inline, nothing remote.
# Bootstrap's form controls draw their icons from data: SVG URIs, hence img-src data:.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Wagtail's admin (/cms/) under the narrowest policy it works with (docs/ARCHITECTURE.md,
# "The portal"; dangvu/portal/tests/test_admin_policy.py): the site's, except for what the
# admin needs and states below. Nothing from another origin, as on the public site.
PORTAL_ADMIN_CSP = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    # The date and time pickers, the inline panels and the blocks a StreamField adds run
    # inline scripts written by Wagtail's templates, which carry no nonce.
    "script-src": ["'self'", "'unsafe-inline'"],
    # The rich text editor and the menus (Wagtail's vendor.js) set style attributes whose
    # content varies (positions), so no hash can list them.
    "style-src": ["'self'", "'unsafe-inline'"],
}

# Check a CCCD's province, gender/century and birth-year digits (Thông tư 59/2021/TT-BCA
# Điều 7), not only its 12 digits. On by default; a site importing legacy data with known
# bad numbers can switch it off.
CCCD_CHECK_STRUCTURE = env_bool("CCCD_CHECK_STRUCTURE", True)

# Rule numbers whose source is uncertain are settings of their rule set (docs/rules.md lists
# each with its default, source and confidence); a site that has the text may override them,
# keyed by rule set: {"BadgesHD06": {"posthumous_lookback_months": 24}}.
RULE_SETTINGS = env_json("RULE_SETTINGS", {})

# Party card numbers are digits only, of one of these lengths. The format is not published
# (DOMAIN.md, "Gaps"): 8 is the length the demo and the examples use, not checked against a
# real card. A committee whose cards differ (the 2025 reissue under Chỉ thị 51-CT/TW) sets
# its lengths, e.g. PARTY_CARD_NUMBER_LENGTHS=8,12.
PARTY_CARD_NUMBER_LENGTHS = tuple(env_ints("PARTY_CARD_NUMBER_LENGTHS", [8]))

# Idle timeout: a session ends after this long unused (accounts.middleware.
# IdleSessionMiddleware renews it, once a minute at most).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 120) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Printed documents (HD 36-HD/VPTW): the body above the committee, the place, and who signs.
DOCUMENT_SUPERIOR = env_str("DOCUMENT_SUPERIOR", "Đảng bộ tỉnh Thanh Hóa")
DOCUMENT_PLACE = env_str("DOCUMENT_PLACE", "Thanh Hóa")
DOCUMENT_SIGNER_AUTHORITY = env_str("DOCUMENT_SIGNER_AUTHORITY", "T/M Ban Thường vụ")
DOCUMENT_SIGNER_POSITION = env_str("DOCUMENT_SIGNER_POSITION", "Phó Bí thư")
DOCUMENT_SIGNER_NAME = env_str("DOCUMENT_SIGNER_NAME", "")
# The committee's symbol in document numbers ("12-QĐ/ĐUK"), until its signers are recorded.
DOCUMENT_ISSUER_SYMBOL = env_str("DOCUMENT_ISSUER_SYMBOL", "ĐUK")
# Cấp ủy terms (nhiệm kỳ): a committee numbers its documents from 1 per kind within a term
# (HD 36-HD/VPTW), which runs from the day after its congress closes to the close of the
# next one. The first day of each term, by committee code; "" for every committee not named.
# The default is LOW (docs/rules.md): the day after August of each congress year (the
# congresses of the level above grassroots, Chỉ thị 35-CT/TW for 2020–2025, Chỉ thị
# 45-CT/TW for 2025–2030); a committee sets the day after its own congress closed, e.g.
# DOCUMENT_TERM_STARTS='{"": ["2020-09-01", "2025-09-01"], "DBUB": ["2025-07-26"]}'.
DOCUMENT_TERM_STARTS = env_dates_by_key(
    "DOCUMENT_TERM_STARTS", {"": ["2010-09-01", "2015-09-01", "2020-09-01", "2025-09-01"]}
)
SESSION_COOKIE_SAMESITE = "Lax"

# The public portal (Wagtail). Its editors log in through the workspace's login (two-factor
# and lockout included) and their accounts are managed at /app/users/, not in Wagtail.
WAGTAIL_SITE_NAME = env_str("PORTAL_SITE_NAME", "Cổng thông tin Đảng ủy Khối")
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "web:login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_I18N_ENABLED = False
# Addresses in ASCII ("hoi-nghi-tong-ket-…"), as Vietnamese sites write them.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The editor's date and time pickers write dd/mm/yyyy, as the workspace does (Wagtail's
# default is ISO); the format modules (dangvu/formats) read them back.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_ENABLE_UPDATE_CHECK = False  # it would call wagtail.org
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # nothing fetched from outside
WAGTAILEMBEDS_FINDERS: list[dict[str, object]] = []
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "mp4", "webm"]
# Photos of the portal and its videos (Wagtail images and documents); the request cap of
# common.middleware takes them into account.
PORTAL_IMAGE_MAX_UPLOAD_MB = env_int("PORTAL_IMAGE_MAX_UPLOAD_MB", 10)
PORTAL_VIDEO_MAX_UPLOAD_MB = env_int("PORTAL_VIDEO_MAX_UPLOAD_MB", 200)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = PORTAL_IMAGE_MAX_UPLOAD_MB * MB
WAGTAILDOCS_MAX_UPLOAD_SIZE = PORTAL_VIDEO_MAX_UPLOAD_MB * MB
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# Originals stay in the private uploads; the sizes the pages show (renditions) are public
# files under /anh/ (dangvu/portal/urls.py).
PORTAL_MEDIA_ROOT = Path(env_str("PORTAL_MEDIA_ROOT", str(BASE_DIR / "var" / "portal-media")))
WAGTAILIMAGES_RENDITION_STORAGE = "portal_renditions"
STORAGES["portal_renditions"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PORTAL_MEDIA_ROOT, "base_url": "/anh/"},
}
# Public pages as anonymous readers get them, shared by the server's processes
# (dangvu/portal/cache.py); emptied whenever something is published.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "portal": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("PORTAL_CACHE_DIR", str(BASE_DIR / "var" / "cache" / "portal")),
        "TIMEOUT": env_int("PORTAL_CACHE_SECONDS", 300),
    },
}

# Days whose per-cell figures are kept (dangvu/stats/cell_counts.py): today, the year-ends
# of the dashboard's charts since 2020 and the dates users last asked for. Each costs a row
# per cell with members; the oldest counted goes first.
STATS_COUNTED_DAYS = env_int("STATS_COUNTED_DAYS", 16)

# Lockout after repeated failed logins (django-axes, dangvu/accounts/lockout.py): per user
# name across addresses, and per address across user names, each within the cool-off.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "dangvu.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "dangvu.accounts.lockout.client_address"
# Reverse proxies in front of the application (nginx: 1, set in the production preset): the
# client's address is then read from X-Forwarded-For. 0 trusts REMOTE_ADDR alone.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Two-factor login (TOTP) for staff roles. Production requires it unless switched off;
# the development preset (the demo) does not.
REQUIRE_2FA = env_bool("REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "dangvu"
# A staff account gets its authenticator secret only through a link an administrator issues
# (`dangvu users enrol-2fa USERNAME`), valid this long and once.
TWO_FACTOR_ENROLMENT_HOURS = env_int("TWO_FACTOR_ENROLMENT_HOURS", 72)
# The address users reach dangvu at, for links made outside a request (the console).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "dangvu@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
