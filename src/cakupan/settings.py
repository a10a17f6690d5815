"""Django settings for Cakupan.

Everything a deployment changes comes from the environment, with defaults that make
`cakupan demo` work on a fresh machine: an SQLite file in a data directory, no server.
Production sets DATABASE_URL (PostgreSQL), CAKUPAN_SECRET_KEY, CAKUPAN_ALLOWED_HOSTS and
CAKUPAN_PRODUCTION=1, which turns on the HTTPS-only settings that `check --deploy` asks for.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(os.environ.get("CAKUPAN_DATA_DIR", "cakupan-data")).resolve()
PRODUCTION = _env_bool("CAKUPAN_PRODUCTION")
DEBUG = _env_bool("CAKUPAN_DEBUG")


def _secret_key() -> str:
    """Read the key from the environment, else keep one per data directory.

    A generated key that survives restarts keeps demo sessions valid; production must set
    CAKUPAN_SECRET_KEY so the key lives with the deployment's other secrets, not on disk.
    """
    key = os.environ.get("CAKUPAN_SECRET_KEY")
    if key:
        return key
    key_file = DATA_DIR / "secret.key"
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("CAKUPAN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # its static Swagger UI, so /api/v1/docs works offline under our CSP
    "django_tasks",
    "django_tasks_db",
    "cakupan.regions",
    "cakupan.accounts",
    "cakupan.audit",
    "cakupan.registry",
    "cakupan.agreements",
    "cakupan.billing",
    "cakupan.claims",
    "cakupan.coverage",
    "cakupan.imports",
    "cakupan.calculators",
    "cakupan.web",
]

MIDDLEWARE = [
    "cakupan.web.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cakupan.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cakupan.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cakupan.web.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "cakupan.urls"
WSGI_APPLICATION = "cakupan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cakupan.web.context_processors.shell",
            ],
        },
    },
]

_sqlite_default = f"sqlite:///{DATA_DIR / 'cakupan.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _sqlite_default))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the page server read while an import writes; IMMEDIATE transactions take the
    # write lock up front, so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 60
if os.environ.get("CAKUPAN_TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["CAKUPAN_TEST_DB_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Indonesian first: most operators read nothing else. English must be complete, not partial.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Only production collects static files; the demo and tests serve them from the apps.
STATIC_ROOT = DATA_DIR / "static" if PRODUCTION else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploads (claim documents, rosters) are private: never under STATIC_ROOT, never served directly.
MEDIA_ROOT = DATA_DIR / "private"
# The largest document or photo a person may upload (bytes); `documents.uploads` checks it.
CAKUPAN_UPLOAD_MAX_BYTES = int(os.environ.get("CAKUPAN_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Sessions: a shared office PC must not stay logged in. Idle for 2 hours, or the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("CAKUPAN_SESSION_SECONDS", 2 * 60 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("CAKUPAN_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("CAKUPAN_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _env_bool("CAKUPAN_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [
        o.strip() for o in os.environ.get("CAKUPAN_CSRF_TRUSTED_ORIGINS", "").split(",") if o
    ]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cakupan.web.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("CAKUPAN_LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}

# Background work (imports, refreshes): a database-backed queue, so no broker is needed on
# SQLite or PostgreSQL. `cakupan demo` and `cakupan serve` run a worker beside the web server;
# production runs `cakupan manage db_worker` as its own service.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("CAKUPAN_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}

# Region code of the regency this installation serves first (the demo loads it).
CAKUPAN_DEFAULT_REGENCY = os.environ.get("CAKUPAN_DEFAULT_REGENCY", "62.08")

# Regencies whose coverage aggregates anyone may see at /cakupan/publik/ (small counts
# suppressed). An explicit choice: none in production unless set; the demo regency otherwise.
CAKUPAN_PUBLIC_REGENCIES = [
    c.strip()
    for c in os.environ.get(
        "CAKUPAN_PUBLIC_REGENCIES", "" if PRODUCTION else CAKUPAN_DEFAULT_REGENCY
    ).split(",")
    if c.strip()
]
