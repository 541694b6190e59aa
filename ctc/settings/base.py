"""Settings for every environment; production differs only by environment variables.

With no environment at all the site runs on SQLite with Celery tasks executed in-process,
which is what `make run` relies on. See the configuration table in README.md.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env.smart_cast = False

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="insecure-local-only-key-change-me")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",  # widget templates for FORM_RENDERER below
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_celery_beat",
    "django_htmx",
    "template_partials",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ctc.accounts",
    "ctc.states",
    "ctc.organisations",
    "ctc.themes",
    "ctc.public",
    "ctc.files",
    "ctc.jobs",
    "ctc.revisions",
    "ctc.notifications",
    "assessments",
    "visits",
    "assistance",
    "docs_tracker",
    "programme",
    "reports",
    "publications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages (whitenoise serves static files, precompressed, before this); placed
    # above every middleware that writes the body. Django adds random bytes against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF: a body over the upload limit is answered 413 before anything parses it.
    "ctc.files.middleware.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # CTED staff and administrators give a second factor before any page (two_factor_views).
    "ctc.accounts.two_factor_views.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Widgets render through the project's template engine, so templates/ can override a widget
# template (templates/admin/widgets/split_datetime.html labels the date and time inputs).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "ctc.urls"
WSGI_APPLICATION = "ctc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "ctc.accounts.context_processors.navigation",
                "ctc.notifications.context_processors.notifications",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://ctc")}

# --- Auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "ctc.accounts.backends.UsernameOrEmailBackend",
]
# Brute-force protection: 5 failures for one account from one address lock it for an hour.
# Failures count per account, whichever of its identifiers was typed (see lockout_username).
AXES_USERNAME_CALLABLE = "ctc.accounts.backends.lockout_username"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Holds Django's common-passwords list (hashed) and, by setting, a bigger breach corpus.
    {"NAME": "ctc.accounts.validators.BreachedPasswordValidator"},
]
# A bigger breached-password corpus than the bundled one: a sorted, uncompressed file of
# SHA-1 hashes, one "HASH" or "HASH:COUNT" a line (Have I Been Pwned's download format).
BREACHED_PASSWORDS_FILE = env.str("CTC_BREACHED_PASSWORDS_FILE", default="")
# Two-factor (django-otp): a wrong code slows the next try down (seconds, doubling).
OTP_TOTP_ISSUER = "CTC Workspace"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:landing"
LOGOUT_REDIRECT_URL = "public:home"

# --- Languages ------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ru", _("Russian")),
    ("zh-hans", _("Chinese")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in the UN style of each language (ctc/formats/<locale>/formats.py).
FORMAT_MODULE_PATH = ["ctc.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media"))
# Uploaded files go through Django's storage API only: the file system by default, object
# storage (e.g. storages.backends.s3.S3Storage, django-storages) by DJANGO_STORAGE_BACKEND with
# its options as JSON in DJANGO_STORAGE_OPTIONS. Keep such a bucket private: every download
# goes through the app, which checks scope and the file's SHA-256.
STORAGES = {
    "default": {
        "BACKEND": env.str(
            "DJANGO_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json("DJANGO_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {
        "BACKEND": env.str(
            "DJANGO_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Uploads --------------------------------------------------------------------------
# The largest file accepted anywhere (a policy may accept less). A request body larger than
# this plus 64 KiB of form is answered 413 before it is read; a file passing it while
# streaming stops the upload at once (ctc/files/uploads.py, StreamingLimitHandler). The compose
# proxy has the same limit (NGINX_CLIENT_MAX_BODY_SIZE, deploy/nginx.conf).
CTC_UPLOAD_MAX_BYTES = env.int("CTC_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "ctc.files.uploads.StreamingLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Form fields other than files: 2.5 MB in memory at most; files spill to disk above 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_PERMISSIONS = 0o640
# What an office document (a ZIP package) may unpack to: entries, bytes, compression ratio.
CTC_ZIP_MAX_ENTRIES = env.int("CTC_ZIP_MAX_ENTRIES", default=2000)
CTC_ZIP_MAX_UNCOMPRESSED_BYTES = env.int(
    "CTC_ZIP_MAX_UNCOMPRESSED_BYTES", default=200 * 1024 * 1024
)
CTC_ZIP_MAX_RATIO = env.int("CTC_ZIP_MAX_RATIO", default=100)

# --- Security -------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("DJANGO_BEHIND_PROXY", default=False) else None
)
# Login failures are counted per client address: behind our proxy that is the address the
# proxy writes into X-Forwarded-For (it overwrites what the client sent); otherwise REMOTE_ADDR.
BEHIND_PROXY = bool(SECURE_PROXY_SSL_HEADER)
AXES_CLIENT_IP_CALLABLE = "ctc.accounts.backends.client_ip"
SECURE_CONTENT_TYPE_NOSNIFF = True
# A refused form (expired or missing token) gets the site's page in the visitor's language.
CSRF_FAILURE_VIEW = "ctc.accounts.views.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- Email ----------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="ctc-workspace@localhost")
# Where e-mails point people to (links built outside a request, by Celery tasks).
SITE_URL = env.str("CTC_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Celery ---------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
# Without a broker, tasks run in-process so `make run` needs nothing but Python.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task is acknowledged when it has run, not when it was received: a worker that dies
# mid-task leaves the message to be delivered again, so every task must be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Soft limit raises SoftTimeLimitExceeded inside the task (a job records it as failed);
# the hard limit kills the process. Jobs still "running" after the hard limit are stale.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
# One message at a time per process: long jobs do not hold others back in a prefetch buffer.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The worker logs through Django's LOGGING like the web process.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Secure-area credential rotation (E-19, ctc/accounts/rotation.py) ----------------
# When beat starts the quarter's rotation, as cron fields "minute hour day-of-month month
# day-of-week". The default ticks hourly over the first three days of each quarter: the
# first tick rotates, later ticks resume a run a dead worker left and otherwise do nothing.
ROTATION_CRONTAB = env.str("CTC_ROTATION_CRONTAB", default="0 * 1-3 1,4,7,10 *")
# How long a reveal link works.
ROTATION_LINK_DAYS = env.int("CTC_ROTATION_LINK_DAYS", default=7)
# How long the old login name and password keep working after a rotation (default: not at all).
ROTATION_GRACE_HOURS = env.int("CTC_ROTATION_GRACE_HOURS", default=0)
# Seconds to wait between changing an account and notifying it: tests only (to kill a worker
# mid-run); keep 0 in production.
ROTATION_ACCOUNT_DELAY = env.float("CTC_ROTATION_ACCOUNT_DELAY", default=0.0)

# --- REST API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # Tokens are stored as digests, expire, and are listed and revoked by their owner.
        "knox.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ctc.api.exception_handler",
    # "format" is a filter name of ours (assessment format), not an output-format switch.
    "URL_FORMAT_OVERRIDE": None,
}
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=env.int("CTC_API_TOKEN_TTL_HOURS", default=24 * 30)),
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": env.int("CTC_API_TOKENS_PER_USER", default=20),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CTC Workspace API",
    "DESCRIPTION": "Working system of the Counter-Terrorism Committee and CTED.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the sidecar package: no CDN, no inline script (strict CSP).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name for a choice set that several fields use (a distribution's group, the groups
    # of a distribution request).
    "ENUM_NAME_OVERRIDES": {"RecipientGroupEnum": "docs_tracker.enums.RecipientGroup"},
}

# --- Logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals_in_one_line": {"()": "ctc.logs.RefusalsInOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # A refused request is one line; a server error keeps its traceback.
    # WeasyPrint tells each step of every PDF it renders at INFO: only its warnings.
    "loggers": {
        "django.request": {"filters": ["refusals_in_one_line"]},
        "weasyprint.progress": {"level": "WARNING"},
    },
}

DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="")

# --- Document area (docs_tracker) ----------------------------------------------------------
# Days after which a document made available and not acknowledged is overdue, and between
# two reminders of the same receipt.
DOCS_REMINDER_DAYS = env.int("DOCS_REMINDER_DAYS", default=14)

# --- Visits (visits) -------------------------------------------------------------------------
# plan: the programme's yearly target, the years it covers, and the default time a State is
# given to answer a consent request.
VISITS_TARGET_PER_YEAR = env.int("VISITS_TARGET_PER_YEAR", default=14)
VISITS_PROGRAMME_YEARS = (2012, 2013)
VISITS_CONSENT_ANSWER_DAYS = env.int("VISITS_CONSENT_ANSWER_DAYS", default=31)
# plan: the visits' choice sets share field names with other apps' ("status", "report_status").
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
    {
        "VisitStatusEnum": "visits.enums.VisitStatus",
        "VisitReportStatusEnum": "visits.enums.ReportStatus",
        "DocumentReportStatusEnum": "docs_tracker.enums.ReportStatus",
    }
)
# --- Visits: follow-up (visits) --------------------------------------------------------------
# Follow-up is due "on a day" at UN Headquarters: an action is overdue once its due date has
# ended there, whatever the server's time zone.
VISITS_HQ_TIME_ZONE = env.str("VISITS_HQ_TIME_ZONE", default="America/New_York")
# Days (at headquarters) between two reminders of the same overdue follow-up action.
VISITS_REMINDER_DAYS = env.int("VISITS_REMINDER_DAYS", default=7)
# --- Assistance: match lifecycle (life) -------------------------------------------------------
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
    {
        "MatchStatusEnum": "assistance.enums.MatchStatus",
        "MatchActionEnum": "assistance.enums.MatchAction",
    }
)

# --- Technical assistance: matching (assistance) -----------------------------------------------
# The matching job keeps, per open need, at most this many proposals scoring at least the
# minimum (out of 100).
ASSISTANCE_PROPOSALS_PER_NEED = env.int("ASSISTANCE_PROPOSALS_PER_NEED", default=5)
ASSISTANCE_MIN_SCORE = env.int("ASSISTANCE_MIN_SCORE", default=50)
