"""Settings shared by every environment. Deploy-specific values come from the environment."""

from ipaddress import ip_network
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from .env import config
from .media import s3_media_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(config("INTEGRAAL_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = config("SECRET_KEY")
DEBUG = config("DEBUG", False, cast=bool)
ALLOWED_HOSTS = config("ALLOWED_HOSTS", ["127.0.0.1", "localhost"], cast=list)
CSRF_TRUSTED_ORIGINS = config("CSRF_TRUSTED_ORIGINS", [], cast=list)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "accounts",
    "projects",
    "analysis",
    "kernbeleid",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Tenancy safety net: requests start with scopes on and no gemeente (projects/scopes.py).
    "projects.scopes.TenantScopeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes goes last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
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
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
# The embedded default (SQLite): WAL lets readers and one writer work side by side, and a
# writer waits up to 5 s for another (a background task, config/background.py) instead of
# failing with "database is locked"; transactions take the write lock when they begin.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;",
    "transaction_mode": "IMMEDIATE",
}
DATABASES = {
    "default": dj_database_url.parse(
        config("DATABASE_URL", f"sqlite:///{VAR_DIR / 'integraal.sqlite3'}"),
        conn_max_age=config("DB_CONN_MAX_AGE", 60, cast=int),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite holds a connection open poorly across threads.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Single sign-on per gemeente (OpenID Connect); its settings come from the OidcProvider
    # row in the database, not from here (accounts/oidc.py).
    "accounts.oidc.ProviderBackend",
    "django.contrib.auth.backends.ModelBackend",
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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "projects:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failed logins (django-axes): per account and address, for half an hour.
AXES_FAILURE_LIMIT = config("AXES_FAILURE_LIMIT", 5, cast=int)
AXES_COOLOFF_TIME = config("AXES_COOLOFF_MINUTES", 30, cast=int) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True

# The address the lockout counts is the client's, also behind a reverse proxy, where every
# request comes from the proxy. TRUSTED_PROXY_COUNT is the number of proxies in front of
# the app (0: none, only REMOTE_ADDR counts; 1: the TLS proxy of the docker-compose shape).
# Each trusted proxy appends the address it saw to X-Forwarded-For, so the client is that
# many entries from the right; anything further left the client wrote itself and is
# ignored. TRUSTED_PROXY_IPS (addresses or networks, optional) narrows who counts as the
# nearest proxy: a request from any other address is counted by its REMOTE_ADDR, whatever
# header it carries. accounts.lockout reads the header with django-ipware. It replaces
# axes' own AXES_IPWARE_* settings: with those, ipware expects the nearest proxy in the
# header as well (AXES_IPWARE_PROXY_COUNT = 1 finds no client behind one proxy and takes
# a forged first entry), and nothing checks REMOTE_ADDR against the proxy.
TRUSTED_PROXY_COUNT = config("TRUSTED_PROXY_COUNT", 0, cast=int)
TRUSTED_PROXY_IPS = config("TRUSTED_PROXY_IPS", [], cast=list)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT is the number of proxies: 0 or more.")
if TRUSTED_PROXY_IPS and not TRUSTED_PROXY_COUNT:
    raise ImproperlyConfigured("TRUSTED_PROXY_IPS needs TRUSTED_PROXY_COUNT of 1 or more.")
try:
    TRUSTED_PROXY_IPS = [str(ip_network(entry, strict=False)) for entry in TRUSTED_PROXY_IPS]
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_IPS: {error}") from error
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip_address"

OTP_TOTP_ISSUER = "Integraal"

# --- Mail: console by default; EMAIL_HOST switches to SMTP.
DEFAULT_FROM_EMAIL = config("DEFAULT_FROM_EMAIL", "Integraal <noreply@integraal.local>")
# Where the app is reached from outside: links in mails sent by background jobs.
SITE_URL = config("SITE_URL", "http://127.0.0.1:8000")
EMAIL_HOST = config("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = config("EMAIL_PORT", 587, cast=int)
    EMAIL_HOST_USER = config("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = config("EMAIL_USE_TLS", True, cast=bool)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Language and time
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files (served by WhiteNoise) and files (Django's storage API).
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(config("MEDIA_ROOT", str(VAR_DIR / "media")))
# No MEDIA_URL is served: every uploaded or generated file is private and reaches a user
# only through a view that checks membership first. The file storages take their folder
# from MEDIA_ROOT (point it at a shared volume when running several web or worker
# machines), or, with MEDIA_S3_BUCKET set, keep every file in that S3-compatible bucket
# (config/settings/media.py; credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).
PRIVATE_STORAGE_ALIAS = "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_S3_BUCKET = config("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = STORAGES["private"] = s3_media_storage(
        bucket=MEDIA_S3_BUCKET,
        endpoint_url=config("MEDIA_S3_ENDPOINT_URL", ""),
        region=config("MEDIA_S3_REGION", ""),
        prefix=config("MEDIA_S3_PREFIX", ""),
        addressing_style=config("MEDIA_S3_ADDRESSING_STYLE", ""),
    )
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
LOGO_MAX_BYTES = 2 * 1024 * 1024

# --- Forms
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security headers. Every script and style comes from our own static files, so the
# policy allows nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Trix (the text editor) adds one <style> element at run time; it carries the
        # per-request nonce, which only pages with the editor put in the header.
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10

# --- Cache: Redis when configured (shared by every web process), else local memory per
# process. It holds only values whose key names everything they depend on (the drawn charts
# are keyed by a digest of their input: analysis/figures/chart_cache.py), so nothing has to
# be deleted when data changes and a local cache per process cannot serve a stale value.
CACHE_URL = config("CACHE_URL", config("REDIS_URL", ""))
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "integraal",
            "TIMEOUT": 60 * 60 * 24,
        }
    }
    # Sessions read from Redis and written through to the database: one query less per
    # request. Only with a shared cache: a per-process cache would keep a session another
    # process ended (logout) alive in this one.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "integraal",
            "TIMEOUT": 60 * 60 * 24,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

# --- Celery -------------------------------------------------------------------------
# REDIS_URL switches from in-process execution (tasks run eagerly: quick ones inside the
# request, long ones in a background thread of the app) to a real broker with separate
# workers. Tasks take ids, are idempotent and ack late, so a worker lost mid-task hands the
# task to another; one task at a time per worker process, and processes are recycled because
# document rendering (WeasyPrint) holds on to memory.
REDIS_URL = config("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"

CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# Without a broker, the long tasks (the `import` and `render` queues) run in a small pool of
# threads of the app, so no request waits for them; quick ones stay inline (config/background.py).
# Tests turn it off (config/settings/test.py).
TASKS_IN_BACKGROUND = config("TASKS_IN_BACKGROUND", CELERY_TASK_ALWAYS_EAGER, cast=bool)
BACKGROUND_TASK_THREADS = config("BACKGROUND_TASK_THREADS", 2, cast=int)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = config("CELERY_MAX_TASKS_PER_CHILD", 50, cast=int)
CELERY_TASK_SOFT_TIME_LIMIT = config("CELERY_SOFT_TIME_LIMIT", 300, cast=int)
CELERY_TASK_TIME_LIMIT = config("CELERY_TIME_LIMIT", 360, cast=int)
# A render (reports.tasks) that outlives the soft limit fails with a message and keeps the
# previous file; at the hard limit the worker process is killed and replaced.
RENDER_SOFT_TIME_LIMIT = config("RENDER_SOFT_TIME_LIMIT", 240, cast=int)
RENDER_TIME_LIMIT = config("RENDER_TIME_LIMIT", 300, cast=int)
CELERY_TASK_DEFAULT_QUEUE = "default"
# Imports and renders get queues of their own, so a long render never blocks an import.
CELERY_TASK_ROUTES = {
    "analysis.tasks.*": {"queue": "import"},
    "reports.tasks.render_report": {"queue": "render"},
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_TIMEZONE = TIME_ZONE
# Run `celery beat` exactly once; it enqueues these periodic tasks.
CELERY_BEAT_SCHEDULE = {
    "deadline-reminders": {
        "task": "kernbeleid.tasks.send_deadline_reminders",
        "schedule": crontab(hour=7, minute=0),  # CELERY_TIMEZONE: 07:00 Europe/Amsterdam
    },
    "consultation-reminders": {
        "task": "reports.tasks.send_consultation_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    "access-ending-warnings": {
        "task": "projects.tasks.warn_access_ending",
        "schedule": crontab(hour=7, minute=30),
    },
    "final-report-files": {
        "task": "reports.tasks.ensure_final_files",
        "schedule": crontab(hour=3, minute=30),
    },
    "raw-file-retention": {
        "task": "analysis.tasks.purge_raw_files",
        "schedule": crontab(hour=4, minute=0),
    },
}
# ------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": config("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint reports every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Where the privacy statement sends questions about personal data (the platform's side; a
# gemeente's own functionaris gegevensbescherming is named on the page as well).
PRIVACY_CONTACT_EMAIL = config("PRIVACY_CONTACT_EMAIL", "privacy@integraal.local")

# Survey imports: the largest respondent file accepted (bytes).
SURVEY_MAX_UPLOAD_BYTES = config("SURVEY_MAX_UPLOAD_BYTES", 200 * 1024 * 1024, cast=int)
