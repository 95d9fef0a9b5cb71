"""Settings, driven by the environment (django-environ).

The embedded default needs nothing but Python: SQLite under var/, Celery tasks run in-process, and
development secrets generated into var/ on first run (never committed, readable by the owner only). DEBUG is
off unless the environment turns it on (`make run` and the tests do); with DEBUG off SECRET_KEY and
FIELD_ENCRYPTION_KEY must be provided.
"""

from __future__ import annotations

import base64
import os
import secrets
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

from config.openapi import enum_name_overrides

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)


def _dev_secret(name: str, make) -> str:
    """A secret from the environment; in DEBUG a generated one kept in var/ (production must set it)."""
    value = env.str(name, default="")
    if value:
        return value
    if not DEBUG:
        raise ImproperlyConfigured(
            f"{name} must be set when DEBUG is off (for development: DEBUG=true or make)."
        )
    path = VAR_DIR / f"dev-{name.lower()}"
    if not path.exists():
        # owner-only from the first byte (O_EXCL: never through a file someone else placed there)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(make())
    path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _dev_secret("SECRET_KEY", lambda: secrets.token_urlsafe(50))
FIELD_ENCRYPTION_KEY = _dev_secret(
    "FIELD_ENCRYPTION_KEY", lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_htmx",
    "csp",
    "regions",
    "accounts",
    "staffing",
    "windows",
    "procurement",
    "evaluation",
    "training",
    "supervision",
    "oversight",
    "changes",
    "config.apps.ShellConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # the audit context and the second factor before the account rules: a session owing its code gives it first
    "regions.middleware.AuditMiddleware",
    "regions.middleware.TwoFactorMiddleware",
    "accounts.middleware.AccountSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "config.context_processors.region_scope",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
# connections kept DB_CONN_MAX_AGE s, checked before reuse (issue 17: one a request forked a PostgreSQL backend)
DATABASES["default"] |= {"CONN_MAX_AGE": env.int("DB_CONN_MAX_AGE", default=60), "CONN_HEALTH_CHECKS": True}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Writers (a request, an in-process task) queue behind the busy timeout: each transaction takes the write lock
    # at BEGIN (IMMEDIATE), so the loser of two steps reads the winner's state (409), never "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("timeout", 20)
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    # Browser tests serve pages from a live-server thread: an in-memory test database shared between threads fails
    # two requests at once ("database table is locked"); `make test-browser` names a file: each thread waits its turn.
    if env.str("SQLITE_TEST_FILE", default=""):
        DATABASES["default"]["TEST"] = {"NAME": env.str("SQLITE_TEST_FILE")}
# A streaming replica for dashboards and exports (core/db.py, docs/scaling.md); tests point it at the test database.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.db.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Password policy at the level-3 expectation (GB/T 22239-2019 8.1.4.1 身份鉴别, issue 13): at least
# PASSWORD_MIN_LENGTH characters of at least PASSWORD_MIN_CLASSES of four classes, none of the last
# PASSWORD_HISTORY_COUNT reused, changed at first login and after an administrator's reset (accounts.middleware),
# and every PASSWORD_MAX_AGE_DAYS days (0 turns rotation off: OWASP ASVS 2.1.10 advises against forced rotation;
# the setting exists for the assessors of 等级保护).
PASSWORD_MIN_LENGTH = env.int("PASSWORD_MIN_LENGTH", default=12)
PASSWORD_MIN_CLASSES = env.int("PASSWORD_MIN_CLASSES", default=3)
PASSWORD_HISTORY_COUNT = env.int("PASSWORD_HISTORY_COUNT", default=5)
PASSWORD_MAX_AGE_DAYS = env.int("PASSWORD_MAX_AGE_DAYS", default=90)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.CharacterClassesValidator"},
    {"NAME": "accounts.validators.PasswordHistoryValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 30 minutes without activity (each request renews the clock).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
# API tokens (regions.ApiToken): valid through this many days after the day they are made
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=90)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A session ends this long after login whatever the activity (accounts.middleware), default 12 hours; a user keeps
# at most SESSION_MAX_PER_USER sessions at once (the oldest is ended at the next login; 0: no limit).
SESSION_ABSOLUTE_AGE = env.int("SESSION_ABSOLUTE_AGE", default=12 * 60 * 60)
SESSION_MAX_PER_USER = env.int("SESSION_MAX_PER_USER", default=3)

# django-axes: wrong passwords within 30 minutes lock out at whichever limit is reached first: 5 for one
# username from one address, 10 for one username from any address (a distributed guess at one account), 20 from one
# address across usernames (password spraying; an office behind one address still has room for typos).
# axes itself has one AXES_FAILURE_LIMIT for every parameter set; regions.lockout applies the per-set limits.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_LOCKOUT_LIMITS = {
    "username,ip_address": AXES_FAILURE_LIMIT,
    "username": env.int("AXES_USERNAME_FAILURE_LIMIT", default=10),
    "ip_address": env.int("AXES_IP_FAILURE_LIMIT", default=20),
}
AXES_HANDLER = "regions.lockout.TieredLockoutHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

ANONYMOUS_USER_NAME = None  # guardian: anonymous users hold no object permissions
GUARDIAN_RAISE_403 = False

# shown on the error pages (403/404/500): whom a clerk calls for help; set it per deployment
HELP_CONTACT = env.str("HELP_CONTACT", default="本县民政局社会救助股（系统管理员）")

LANGUAGE_CODE = "zh-hans"
# list filters: an unchosen select reads "全部" (all), not "---------" (issue 14)
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("全部")
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploads: a file over UPLOAD_MAX_BYTES is refused before it is read (core.tabular.check_upload); a request body
# that is not a file is capped by DATA_UPLOAD_MAX_MEMORY_SIZE. Imports read at most IMPORT_MAX_ROWS rows, and an
# .xlsx whose parts would unpack to more than IMPORT_MAX_UNPACKED_BYTES is refused unread (a zip bomb).
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=50_000)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=200 * 1024 * 1024)
# A caseload import still "saving" this long after its last progress is taken to have lost its worker.
IMPORT_STALE_AFTER = timedelta(minutes=env.int("IMPORT_STALE_MINUTES", default=30))

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@localhost")
EMAIL_NOTIFICATIONS = env.bool("EMAIL_NOTIFICATIONS", default=False)

# Text messages to applicants who asked for them (core/sms.py): logged by default; set SMS_GATEWAY_URL to send through
# an HTTP SMS gateway. PUBLIC_BASE_URL (https://…) lets a message carry the public status page's address.
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_BACKEND = env.str(
    "SMS_BACKEND", default="core.sms.HttpGatewaySender" if SMS_GATEWAY_URL else "core.sms.LogSender"
)
SMS_OPTIONS = {"sign": env.str("SMS_SIGN", default="民政局")}
if SMS_BACKEND == "core.sms.HttpGatewaySender":
    SMS_OPTIONS.update(url=SMS_GATEWAY_URL, token=env.str("SMS_GATEWAY_TOKEN", default=""))
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="").rstrip("/")
# A refused message is retried after 5, 10, 20, 40 minutes (SMS_RETRY_MINUTES doubling), SMS_MAX_ATTEMPTS in all.
SMS_MAX_ATTEMPTS = env.int("SMS_MAX_ATTEMPTS", default=5)
SMS_RETRY_MINUTES = env.int("SMS_RETRY_MINUTES", default=5)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an API client with a bad token gets 401 with a WWW-Authenticate challenge.
        "regions.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_RATES": {"public_status": "20/min", "anon": "60/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "基层社会救助经办服务 API",
    "DESCRIPTION": "粤民发〔2018〕170号: government purchase of social-assistance services and grassroots capacity.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": enum_name_overrides(BASE_DIR),
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.add_error_codes",
    ],
}

# Celery: with no broker configured, tasks run in-process (eagerly) so the embedded default needs no Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or "cache+memory://")
if not CELERY_BROKER_URL:
    # Eager tasks still borrow a producer: an in-process transport with a host, so kombu does not fall back to
    # AMQP on localhost and log "No hostname was supplied" on every task of `make run`.
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Periodic jobs come from each app's schedule.py (see config/celery.py).

# Webhooks (changes/): links in a webhook's body are SITE_URL + the resource's path. A webhook may only be sent to
# a public address; WEBHOOK_ALLOWED_NETWORKS lists networks allowed all the same (CIDRs, e.g. a provincial
# system inside the government network). Tests allow 127.0.0.1 for their local receiver. Never 0.0.0.0/0.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
WEBHOOK_ALLOWED_NETWORKS = env.list("WEBHOOK_ALLOWED_NETWORKS", default=[])
# The change feed keeps its entries this many days (0: for ever); a cursor before what was removed gets 410.
CHANGES_RETENTION_DAYS = env.int("CHANGES_RETENTION_DAYS", default=183)

AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # eager tasks would log every run at INFO; a worker process sets its own level (-l info)
    "loggers": {"django.db.backends": {"level": "WARNING"}, "celery.app.trace": {"level": "WARNING"}},
}

# Production hardening: on when DEBUG is off, so `manage.py check --deploy` reports nothing.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

AUDITLOG_MASK_CALLABLE = "regions.rules.mask_for_audit"

# The security audit trail (regions.audit; 等保2.0 三级, 网络安全法 第二十一条: network logs kept no less than six
# months). Records are kept AUDIT_RETENTION_DAYS (at least 183: a smaller value is raised to it), then archived to
# gzip JSON-lines files under AUDIT_ARCHIVE_DIR with their chain hash and purged by the beat job.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=183)
AUDIT_ARCHIVE_DIR = Path(env.str("AUDIT_ARCHIVE_DIR", default=str(VAR_DIR / "audit-archive")))
# Database backups (regions.backup: files kept, warning age, pg_dump timeout, a "running" run taken for dead after).
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_KEEP, BACKUP_MAX_AGE_HOURS = (
    env.int("BACKUP_KEEP", default=14),
    env.int("BACKUP_MAX_AGE_HOURS", default=26),
)
BACKUP_PG_DUMP_TIMEOUT, BACKUP_STALE_HOURS = (
    env.int("BACKUP_PG_DUMP_TIMEOUT", default=10800),
    env.int("BACKUP_STALE_HOURS", default=6),
)
# Two-factor login (regions.twofactor): always for the three administrators, county admins and above and the
# superuser; also for every account working in a region listed here (codes, comma-separated: a county, a city …).
TWO_FACTOR_REQUIRED_REGIONS = env.list("TWO_FACTOR_REQUIRED_REGIONS", default=[])
OTP_TOTP_ISSUER = "基层社会救助经办服务"

# Models whose change (as django-auditlog records it, personal fields masked) is an account change in the trail.
AUDIT_ACCOUNT_MODELS = ["accounts.Account"]
# Reference tables a county runs on: each change is also a security audit record (with before/after).
AUDIT_REFERENCE_MODELS = (
    "windows.DeadlineRule windows.Holiday windows.RoutingRule windows.FollowUpLimit staffing.StaffingRuleSet "
    "staffing.StaffingRule procurement.CatalogueItem procurement.ThresholdSet procurement.LocalCondition "
    "evaluation.EvaluationTemplate evaluation.TemplateIndicator oversight.Threshold oversight.FundingReference"
).split()

# Content-Security-Policy (django-csp): scripts only from our origin (vendored htmx and ECharts) or inline with the
# request's nonce; no inline event handlers (static/js/page.js wires data-confirm, data-autosubmit, data-print).
# Styles allow inline attributes (progress bars, chart boxes, htmx's indicator style); nothing is framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": [SELF, NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
