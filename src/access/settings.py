"""Django settings for ACCESS.

Everything that differs between machines comes from the environment:
DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, ACCESS_ENV (``development`` | ``test`` | ``production``).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("ACCESS_VAR_DIR", PROJECT_DIR / "var"))
# The online store inquiry workers map (``access records publish``); one per host.
ONLINE_STORE_DIR = Path(os.environ.get("ACCESS_ONLINE_STORE_DIR", VAR_DIR / "online-store"))
# A model file pinned instead of the active model version: benchmarks and tests only (the
# inquiry benchmark's gunicorn workers get it here). Refused in production.
INQUIRIES_MODEL_PATH = os.environ.get("ACCESS_INQUIRIES_MODEL_PATH") or None

ACCESS_ENV = os.environ.get("ACCESS_ENV", "development")
PRODUCTION = ACCESS_ENV == "production"
DEBUG = os.environ.get("DEBUG", "") == "1" and not PRODUCTION
# Under DEBUG the app's own error pages are shown (core.errors); 1 keeps Django's technical ones.
DEBUG_TECHNICAL_ERRORS = os.environ.get("ACCESS_DEBUG_TECHNICAL_ERRORS", "") == "1"

if PRODUCTION:
    try:
        SECRET_KEY = os.environ["SECRET_KEY"]
        ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")
    except KeyError as missing:
        raise ImproperlyConfigured(
            f"{missing.args[0]} must be set when ACCESS_ENV=production"
        ) from None
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production")
    if INQUIRIES_MODEL_PATH:
        raise ImproperlyConfigured(
            "ACCESS_INQUIRIES_MODEL_PATH pins a model file for benchmarks and tests only: "
            "production identifies with the active model version (`access matching activate`)"
        )
else:
    # A development-only key: production refuses to start without its own.
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-" + "x" * 60)
    ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "template_partials",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "access.core",
    "access.site",
    "access.benchmarks",
    "access.accounts",
    "access.audit",
    "access.agencies",
    "access.partnerships",
    "access.agreements",
    "access.records",
    "access.officers",
    "access.complaints",
    "access.inquiries",
    "access.enforcement",
    "access.detention",
    "access.cap",
    "access.taskforces",
    "access.intelligence",
    "access.messaging",
]

MIDDLEWARE = [
    "access.core.middleware.RequestIdMiddleware",
    "access.core.middleware.ApiBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "access.accounts.middleware.SessionPolicyMiddleware",
    "access.core.middleware.LoginRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "access.core.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
    "access.core.errors.DevelopmentErrorPagesMiddleware",
]

ROOT_URLCONF = "access.urls"
WSGI_APPLICATION = "access.wsgi.application"
ASGI_APPLICATION = "access.asgi.application"

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
                "access.site.context_processors.shell",
            ],
            "builtins": [
                "template_partials.templatetags.partials",
                "access.core.templatetags.display",
                "access.audit.templatetags.audit_display",
            ],
        },
    }
]
FORM_RENDERER = "access.core.forms.USWDSFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'access.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
# SQLite (``make run``) serves a web process and the job worker side by side: WAL lets readers
# run beside the one writer; IMMEDIATE takes the write lock when a transaction starts (no
# failed lock upgrade half-way); a writer waits up to 20 s for the lock instead of failing
# with "database is locked". Writers keep their transactions short (docs/operations.md).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "access.accounts.passwords.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"

# Sessions: database-backed so that sign-out-everywhere can end them on the server.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
ACCESS_SESSION_IDLE = timedelta(minutes=30)
ACCESS_SESSION_ABSOLUTE = timedelta(hours=12)
ACCESS_PASSWORD_MAX_AGE = timedelta(days=365)
ACCESS_ACCOUNT_INACTIVE_DAYS = 90

# Lockout: 5 consecutive failures within 15 minutes lock the account until released.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = None
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_HANDLER = "access.accounts.lockout.WindowedAxesHandler"
AXES_LOCKOUT_CALLABLE = "access.accounts.lockout.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
ACCESS_LOCKOUT_WINDOW = timedelta(minutes=15)

OTP_TOTP_ISSUER = "ACCESS"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("uswds", PROJECT_DIR / "node_modules" / "@uswds" / "uswds" / "dist"),
    ("htmx", PROJECT_DIR / "node_modules" / "htmx.org" / "dist"),
    ("chartjs", PROJECT_DIR / "node_modules" / "chart.js" / "dist"),
    BASE_DIR / "static",
]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "media"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "access.accounts.api.authentication.ExpiringTokenAuthentication",
        "access.accounts.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["access.core.api.parsers.BoundedJSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "access.core.api.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,  # access.core.api.pagination.DEFAULT_PAGE_SIZE; at most MAX_PAGE_SIZE
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "access.core.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=12),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": 5,  # nosec B105
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ACCESS API",
    "DESCRIPTION": (
        "REST API of the ACCESS program system. Authenticate with `Authorization: Token <key>`; "
        "tokens are issued only to MFA-verified users, expire after 12 hours and can be revoked. "
        'Every error has the shape `{"error": {"status", "code", "message", "fields", '
        '"request_id"}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for the supervisor's decision, requested (``decision``) and returned
    # (``supervisor_decision``).
    "ENUM_NAME_OVERRIDES": {
        "SupervisorDecisionEnum": "access.inquiries.choices.SupervisorDecision.choices",
        "ComplaintFindingEnum": "access.complaints.choices.Finding.choices",
        "MisuseFindingEnum": "access.inquiries.choices.Finding.choices",
        "RosterStatusEnum": "access.cap.choices.RosterStatus.choices",
        "ScreeningReviewStatusEnum": "access.cap.choices.ReviewStatus.choices",
        "BookingStatusEnum": "access.cap.choices.BookingStatus.choices",
        "InterviewOutcomeEnum": "access.cap.choices.InterviewOutcome.choices",
        "EncounterDocumentEnum": "access.enforcement.choices.Document.choices",
        "IntelligenceRecordStatusEnum": "access.intelligence.choices.RecordStatus.choices",
        "CriminalActivityEnum": "access.intelligence.choices.CriminalActivity.choices",
        "IntelligenceSourceTypeEnum": "access.intelligence.choices.SourceType.choices",
        "SourceReliabilityEnum": "access.intelligence.choices.SourceReliability.choices",
        "TaskForceMemberRoleEnum": "access.taskforces.choices.MemberRole.choices",
        "OperationStatusEnum": "access.taskforces.choices.OperationStatus.choices",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "access.core.api.schema.add_error_responses",
        "access.core.api.docs.markdown_backticks",
    ],
}

# Criminal intelligence (28 CFR Part 23, docs/intelligence.md): a record is kept at most this
# many years from entry or last validation (23.20(h) allows 5 at most; 1-5 accepted), and
# comes into the review queue this many days before its review date.
INTELLIGENCE_RETENTION_YEARS = 5
INTELLIGENCE_REVIEW_NOTICE_DAYS = 90

TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if ACCESS_ENV == "test"
        else os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Outbound Nlets messages (IARs): where the job worker hands them over. The default writes one
# file per message into var/nlets-outbox/; production names its Nlets switch interface here
# (docs/operations.md, access/messaging/transports.py).
NLETS_TRANSPORT = {
    "BACKEND": os.environ.get("NLETS_TRANSPORT", "access.messaging.transports.FileOutbox"),
    "OPTIONS": {"directory": os.environ.get("NLETS_OUTBOX_DIR", str(VAR_DIR / "nlets-outbox"))}
    if "NLETS_TRANSPORT" not in os.environ
    else {},
}

# Email (supervisor notifications): the console in development, SMTP from the environment in
# production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1" if PRODUCTION else "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ACCESS <no-reply@access.invalid>")

DJANGO_TABLES2_TEMPLATE = "core/table.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}

ACCESS_BANNER = (
    "You are accessing a U.S. Government information system, which includes this computer, "
    "this network, and all attached devices and storage media. This system holds criminal "
    "justice information and is restricted to authorized users for authorized purposes. "
    "Use of this system is monitored, recorded and subject to audit. Unauthorized use is "
    "prohibited and subject to criminal and civil penalties. By using this system you consent "
    "to this monitoring and recording."
)

# Lockout is per account (CJIS AC-7), so rotating user agents or addresses cannot bypass it;
# axes warns because it also supports per-address lockout. See docs/decisions.md.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Database triggers forbid UPDATE/DELETE of audit events; tests flush tables, so they opt out.
ACCESS_AUDIT_DB_TRIGGERS = ACCESS_ENV != "test"

# Every refusal (403, and 404 from scoping) of a signed-in user is an ``access.denied`` audit
# event. Off under ACCESS_ENV=test only because existing tests assert an unchanged audit trail
# around refusals; tests/security turn it on (see docs/decisions.md).
ACCESS_AUDIT_DENIALS = ACCESS_ENV != "test"
