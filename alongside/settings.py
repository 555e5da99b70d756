"""Alongside settings: everything comes from the environment, with safe defaults.

Production hardening is the default. ``ALONGSIDE_MODE=demo`` relaxes only what a laptop on
http://127.0.0.1 needs (plain HTTP cookies, a generated secret and encryption key kept in ``var/``).
``ALONGSIDE_MODE=test`` is set by the test suite.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ALONGSIDE_VAR_DIR", BASE_DIR / "var"))

MODE = os.environ.get("ALONGSIDE_MODE", "production")
DEMO = MODE == "demo"
TESTING = MODE == "test"
RELAXED = DEMO or TESTING


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _owner_only_dir(path: Path) -> Path:
    """``path`` as a directory only its owner can enter (var/ holds keys and, in the demo, the database)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        path.chmod(0o700)  # made before this rule, or by hand
    return path


def _owner_only_file(path: Path, text: str = "") -> None:
    """Create ``path`` readable by its owner only from the first byte (never write, then chmod)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
            path.chmod(0o600)
        return
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _local_secret(name: str, make) -> str:
    """A secret kept in var/ for the demo and tests; production must set it in the environment."""
    path = _owner_only_dir(VAR_DIR) / name
    if not path.exists():
        _owner_only_file(path, make())
    _owner_only_file(path)  # tightens one written before this rule
    return path.read_text().strip()


def _new_secret_key() -> str:
    import secrets

    return secrets.token_urlsafe(64)


def _new_fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or (_local_secret("secret-key", _new_secret_key) if RELAXED else "")
if not SECRET_KEY:
    raise RuntimeError("Set DJANGO_SECRET_KEY (or ALONGSIDE_MODE=demo for a local demo).")

# Encryption at rest: a comma-separated list of Fernet keys, newest first. The first encrypts;
# all of them decrypt. `manage.py rotate_encryption_key` re-encrypts everything with the first.
ENCRYPTION_KEY_FILE = VAR_DIR / "encryption-keys"
ENCRYPTION_KEYS = env_list("ALONGSIDE_ENCRYPTION_KEYS") or (
    _local_secret("encryption-keys", _new_fernet_key).split() if RELAXED else []
)
if not ENCRYPTION_KEYS:
    raise RuntimeError("Set ALONGSIDE_ENCRYPTION_KEYS (Fernet keys, newest first).")

# Backups (resilience/): sealed with their own key, not the field keys (those are inside each backup,
# so this one key, split between trustees, reads a backup after everything else is lost; see
# docs/backups.md). Only `manage.py backup` and `restore` need it. The erasure ledger is a file of its
# own, never in the database the backups copy.
BACKUP_KEY = os.environ.get("ALONGSIDE_BACKUP_KEY", "")
# A directory import checking or saving that says nothing for this long reads as stopped (its worker is gone).
DIRECTORY_IMPORT_STOPPED_AFTER_MINUTES = int(os.environ.get("ALONGSIDE_IMPORT_STOPPED_AFTER_MINUTES", "15"))
# The erasure ledger: a file (one server), or a postgres:// URL of a database of its own (several servers).
_ledger = os.environ.get("ALONGSIDE_ERASURE_LEDGER", str(VAR_DIR / "erasure-ledger.sqlite3"))
ERASURE_LEDGER: Path | str = _ledger if _ledger.startswith(("postgres://", "postgresql://")) else Path(_ledger)

DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if RELAXED else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours, one app per part of the domain.
    "accounts",
    "organisations",
    "access",
    "people",
    "consent",
    "agreements",
    "datarights",
    "batches",
    "offers",
    "audit",
    "encryption",
    "resilience",
    "home",
    "matching",
    "demo",
    "intake",
    "absences",
    "training",
    "diary",
    "directory",
    "goals",
    "competence",
    "contacts",
    "continuity",
    "safeguarding",
    "referrals",
    "supervision",
    "wellbeing",
    "recruitment",
    # Django and the libraries we build on.
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "home.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.idle.IdleTimeoutMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "organisations.middleware.TenancyMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
]

ROOT_URLCONF = "alongside.urls"
WSGI_APPLICATION = "alongside.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "home.context_processors.navigation",
            ],
            # Django's i18n tags with fixed text translated once per language (home/templatetags/i18n_once.py).
            "libraries": {"i18n": "home.templatetags.i18n_once"},
        },
    },
]
# That library takes the name "i18n" from Django's on purpose; the check that two libraries share a
# name would otherwise warn about it on every start.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# Databases: SQLite (WAL) by default, PostgreSQL when DATABASE_URL says so.
DEFAULT_SQLITE = f"sqlite:///{VAR_DIR / 'alongside.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", DEFAULT_SQLITE))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _sqlite_file = Path(str(DATABASES["default"]["NAME"]))
    if _sqlite_file.parent == VAR_DIR:
        # The database in var/ is owner-only before SQLite first opens it (its -wal and -shm files
        # take the same mode). A file elsewhere is left as its operator set it.
        _owner_only_dir(VAR_DIR)
        for _suffix in ("", "-wal", "-shm"):
            if _suffix == "" or Path(f"{_sqlite_file}{_suffix}").exists():
                _owner_only_file(Path(f"{_sqlite_file}{_suffix}"))
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
# Connections are kept between requests (each worker its own; checked before reuse), on SQLite too:
# opening one per request re-read the schema and started with a cold page cache every time.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "alongside_cache",
    }
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "ALONGSIDE_TASK_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend" if RELAXED else "django_tasks_db.DatabaseBackend",
        )
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Messages stay on the server (in the session), never in a cookie: a cookie is signed, not encrypted.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:dashboard"

# django-allauth: sign in by email, no open sign-up (invitations only), MFA by TOTP.
ACCOUNT_ADAPTER = "accounts.adapter.InvitationOnlyAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
# Every account's sign-in address is verified (by the invitation, or by the administrator who made it).
# Changing it adds the new address beside the old one; only when the link sent to the new address is
# opened does it replace the old one. An address another account holds can never be verified here.
ACCOUNT_CHANGE_EMAIL = True
# A reset link goes only to an address the account has proved (accounts.services.owns_address).
ACCOUNT_FORMS = {"reset_password": "accounts.forms.ProvedAddressResetPasswordForm"}
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
# After 5 failed sign-ins for one account within 15 minutes, that account is locked for the rest
# of the window; one address may try 20 times a minute.
ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip,5/15m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Alongside"
MFA_ADAPTER = "accounts.adapter.MFAAdapter"

# Sessions end after a period of inactivity (default 30 minutes), with a warning first. The idle
# clock moves at most once a minute (accounts/idle.py), so reading a page does not write the session.
IDLE_TIMEOUT_MINUTES = int(os.environ.get("ALONGSIDE_IDLE_TIMEOUT_MINUTES", "30"))
SESSION_COOKIE_AGE = IDLE_TIMEOUT_MINUTES * 60
# Database sessions in a table that says whose each is, so a user or their admin can end one (resilience/sessions.py).
SESSION_ENGINE = "resilience.sessions"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The CSRF token reaches htmx from the page (base.html's hx-headers), so no script reads the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# HTTPS hardening; the demo on http://127.0.0.1 is the only place it is relaxed.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not RELAXED
CSRF_COOKIE_SECURE = not RELAXED
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not RELAXED)
SECURE_HSTS_SECONDS = 0 if RELAXED else int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not RELAXED
SECURE_HSTS_PRELOAD = not RELAXED
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The neutral page the quick-exit control leaves for.
QUICK_EXIT_URL = os.environ.get("ALONGSIDE_QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("ALONGSIDE_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if RELAXED
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = RELAXED
if RELAXED:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise looks for it even when using finders

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if RELAXED else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Alongside <no-reply@localhost>")
# Where Alongside is reached, for links in emails sent outside a request (the diary's reminders).
SITE_URL = os.environ.get("ALONGSIDE_SITE_URL", "http://localhost:8000")

# Logs carry no personal data: an error is written as its status, method, URL pattern, view and the
# exception's type and frames, never the path, the query string or the exception's message
# (alongside/logs.py). 4xx answers are not logged; every 500 is.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"()": "alongside.logs.WithoutPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ALONGSIDE_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}
