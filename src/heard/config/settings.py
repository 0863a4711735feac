"""Heard settings: one module, read from the environment.

With nothing set, Heard runs locally on an embedded SQLite database under ``var/`` with a
secret generated once into ``var/secret_key``. ``DATABASE_URL=postgres://...`` switches to
PostgreSQL.
"""

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("HEARD_HOME", SRC_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("HEARD_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # Heard's core comes before crispy_forms_gds so its templates can override the pack's.
    "heard.core",
    "crispy_forms",
    "crispy_forms_gds",
    "heard.people",
    "heard.safeguarding",
    "heard.groups",
    "heard.participation",
    "heard.voice",
    "heard.involvement",
    "heard.portal",
    "heard.privacy",
    "heard.plans",
    "heard.audits",
    "heard.decisions",
    "heard.consultations",
    "heard.opportunities",
    "heard.resources",
    "heard.rewards",
    "heard.indicators",
    "heard.api",
    "heard.demo",
    # Last: Django's own form widget templates, which Heard's core overrides (FORM_RENDERER).
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A view that cannot reach the database answers 503, not 500 (heard.core.database).
    "heard.core.database.DatabaseUnavailableMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Every request is one audit operation: the entries it writes share an id.
    "heard.core.audit.AuditOperationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A body over HEARD_MAX_REQUEST_BYTES is answered 413 before anything reads it (no earlier
    # middleware reads the body; CSRF reads it only in process_view, after every __call__).
    "heard.core.uploads.RequestBodyLimitMiddleware",
    "heard.core.security.IdleTimeoutMiddleware",
    "heard.core.security.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Request bodies (heard.core.uploads): the whole body is capped at 11 MB, the largest evidence
# file (10 MB) and its form, before it is read; a body that is not a file (form fields, API JSON)
# up to 2.5 MB, as Django's default; an uploaded file over 2.5 MB goes to a temporary file, not
# memory.
HEARD_MAX_REQUEST_BYTES = 11 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)

ROOT_URLCONF = "heard.config.urls"
WSGI_APPLICATION = "heard.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "heard.core.context_processors.navigation",
            ],
        },
    },
]

# Form widgets render through the project's templates, so core can override one (the select).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'heard.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # gunicorn's workers and threads write at once: writers must queue, never fail with
    # "database is locked" (issue 15). WAL lets readers go on while one writer writes;
    # IMMEDIATE takes the write lock when a transaction starts, so a transaction that read
    # first never finds it cannot upgrade (that fails at once, the busy timeout unused); the
    # timeout (seconds) is how long a writer waits its turn. synchronous=NORMAL is durable
    # across a crash of Heard in WAL mode (only a power cut can lose the last commits).
    # Measured (tests/core/test_concurrent_writes.py, 8 writers x 200 API writes through
    # gunicorn): 1,164 of 1,600 answered 500 before, none now.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A persistent connection that died with a database restart is replaced at the next
    # request, not used to fail it (tests/core/test_database_restart.py).
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's JIT compiles large aggregates before running them: on the home counts at
    # national scale it cost about 250 ms of compilation for queries that run in less (bench/).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# A database cache, shared by every gunicorn worker: sign-in rate limits hold across workers.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "heard_cache",
    }
}
RATELIMIT_USE_CACHE = "default"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (the session log's and the views' date indexes carry the columns the reports
# count by) are PostgreSQL's; SQLite, the embedded database, keeps their keys, as intended.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
AUTH_USER_MODEL = "people.User"
LOGIN_URL = "core:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "core:sign-in"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Twelve spaces, or one character typed twelve times, pass the length rule: not a password.
    {"NAME": "heard.core.passwords.NotBlankPasswordValidator"},
]
#: A password reset link works once (its token depends on the password) and for one hour.
PASSWORD_RESET_TIMEOUT = 60 * 60
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: it refuses sign-ins while an account is locked out.
    "heard.core.security.SignInLockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = (
    [BASE_DIR / "build" / "static"] if (BASE_DIR / "build" / "static").exists() else []
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and not env_bool("HEARD_TESTING", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
#: Signed out after this long without a request.
HEARD_IDLE_TIMEOUT = int(os.environ.get("HEARD_IDLE_TIMEOUT", str(30 * 60)))
#: Signed out this long after signing in, whatever the activity (the cookie's age above is renewed
#: by activity; this limit is not): heard.core.security.IdleTimeoutMiddleware.
HEARD_SESSION_MAX_AGE = int(os.environ.get("HEARD_SESSION_MAX_AGE", str(12 * 60 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind TLS in production: HEARD_HTTPS=1 turns on secure cookies, HSTS and the redirect.
HTTPS = env_bool("HEARD_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Sign-in rate limiting and lockout: django-axes refuses a locked sign-in and shows the lockout
# page; Heard's handler counts, from its sign-in events (heard.core.lockout): an account locks at
# its 5th failure within 15 minutes from any mix of addresses, an address at its 20th whichever
# accounts they name; a lock lasts 15 minutes; attempts refused while locked count for nothing.
AXES_FAILURE_LIMIT = int(os.environ.get("HEARD_SIGN_IN_FAILURE_LIMIT", "5"))
HEARD_SIGN_IN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("HEARD_SIGN_IN_ADDRESS_FAILURE_LIMIT", str(4 * AXES_FAILURE_LIMIT))
)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_HANDLER = "heard.core.lockout.SignInLockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
# Heard's handler never deletes counts; a refused attempt is flagged so it counts for nothing.
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "heard.core.security.lockout_response"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# The client's address, everywhere Heard records or limits one (heard.core.security.client_address):
# REMOTE_ADDR, or behind HEARD_TRUSTED_PROXY_COUNT trusted proxies that many hops from the right of
# X-Forwarded-For. Unset: X-Forwarded-For is ignored (anyone can send it).
HEARD_TRUSTED_PROXY_COUNT = int(os.environ.get("HEARD_TRUSTED_PROXY_COUNT", "0") or "0")
AXES_CLIENT_IP_CALLABLE = "heard.core.security.client_address"

# Two-factor sign-in (django-otp, TOTP, with single-use backup codes). Every role that can open a
# child's record must verify a code after their password before any page works
# (heard.core.security.TwoFactorRequiredMiddleware); board members, who cannot, may opt in. API
# token requests are exempt: a token is a separate credential that an administrator issues.
HEARD_TWO_FACTOR_ROLES = (
    "administrator",
    "participation_lead",
    "participation_officer",
    "theme_lead",
    "partner_worker",
    "safeguarding_lead",
)
#: Backup codes each member of staff is given (django_otp.plugins.otp_static), each usable once.
HEARD_BACKUP_CODE_COUNT = 10
OTP_TOTP_ISSUER = os.environ.get("HEARD_TOTP_ISSUER", "Heard")

# Content Security Policy (django-csp): no inline scripts or styles anywhere, the API reference
# included (drawn on the server by heard.api.reference).
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
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# The REST API and its OpenAPI document (Django REST framework, drf-spectacular).
from heard.config.api_settings import REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: E402, F401

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs can carry query strings with names: keep them at WARNING.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        # Every sign-in would otherwise log a line; failures and lockouts still reach WARNING.
        "axes": {"level": "WARNING"},
    },
}

# Password-reset emails: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "heard@localhost")

if env_bool("HEARD_TESTING", False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Council-ready parts (issue 20): single sign-on, messages, background jobs, storage, cache and
# sessions, operations. Each reads its own variables (heard.config.parts).
from heard.config.parts import configure_all  # noqa: E402

configure_all(globals(), os.environ)
