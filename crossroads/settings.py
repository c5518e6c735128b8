"""Django settings for Crossroads, driven by environment variables.

Every setting a deployment may change is read here from the environment and is
documented in docs/configuration.md (a test keeps the two in step).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent


def env(name: str, default: str = "") -> str:
    """Return an environment variable, or ``default`` when it is unset or empty."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    """Return an environment variable read as a boolean (1/true/yes/on)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Return a comma-separated environment variable as a list."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def default_var_dir() -> Path:
    """The state directory: ``var/`` in a source checkout, else in the working directory."""
    if (SOURCE_ROOT / "pyproject.toml").exists():
        return SOURCE_ROOT / "var"
    return Path.cwd() / "var"


VAR_DIR = Path(env("CROSSROADS_VAR_DIR", str(default_var_dir())))
PRODUCTION = env("CROSSROADS_ENV", "development") == "production"


def load_secret_key() -> str:
    """Read SECRET_KEY from the environment, else from var/secret_key (made on first run).

    Production refuses to invent a key: a key that changes on every deploy would
    log every user out and invalidate every signed token.
    """
    key = env("SECRET_KEY")
    if key:
        return key
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    if PRODUCTION:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SECRET_KEY must be set in production (CROSSROADS_ENV=production)"
        )
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = load_secret_key()
DEBUG = env_bool("CROSSROADS_DEBUG", False)
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "crossroads.core",
    "crossroads.reference",
    "crossroads.users",
    "crossroads.evidence",
    "crossroads.governance",
    "crossroads.profiles",
    "crossroads.people",
    "crossroads.watchlists",
    "crossroads.borders",
    "crossroads.protection",
    "crossroads.analytics",
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
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "crossroads.core.middleware.RequestContextMiddleware",
    "crossroads.core.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
    "crossroads.protection.middleware.ReadOnlyCaseMiddleware",
]

ROOT_URLCONF = "crossroads.urls"
WSGI_APPLICATION = "crossroads.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "crossroads.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'crossroads.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the job worker write while the web server reads.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["TEST"] = {"NAME": env("SQLITE_TEST_NAME", "")} if env(
        "SQLITE_TEST_NAME"
    ) else {}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "users.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "crossroads.users.backends.ObjectPermissionBackend",
]
CROSSROADS_PERMISSION_BACKEND = "crossroads.users.backends.ObjectPermissionBackend"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(env("PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Failed-login rate limiting (django-axes): lock a username+address after N failures.
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "users/locked_out.html"
AXES_ENABLED = env_bool("LOGIN_RATE_LIMIT", True)
# Behind N reverse proxies, the client is the Nth address from the right of X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "crossroads.core.middleware.client_address"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(env("SESSION_AGE_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = False  # HTMX reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

HTTPS = env_bool("CROSSROADS_HTTPS", PRODUCTION)
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    if not SECURE_HSTS_PRELOAD:
        # Preloading commits the whole domain to HTTPS for good: a deliberate opt-in,
        # so its absence is not a warning of `check --deploy`.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on a missing directory
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "crossroads.users.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["crossroads.core.api.permissions.RestrictedObjectPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "crossroads.core.api.pagination.CrossroadsPagination",
    "PAGE_SIZE": int(env("API_PAGE_SIZE", "50")),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", "60/minute"),
        "user": env("API_THROTTLE_USER", "3000/minute"),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Crossroads API",
    "DESCRIPTION": "Migration-governance information system. Every list is filtered by the "
    "same FilterSets as the web interface; every object is checked by restrict(user, action).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # served locally: works offline
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Stable names for enums that two apps define alike (evidence's SexEnum came first).
    "ENUM_NAME_OVERRIDES": {"SexEnum": "crossroads.evidence.choices.Sex",
                            # Emergency mode (crossroads.borders.emergencies):
                            "GroupKindEnum": "crossroads.borders.choices.GroupKind",
                            "OperationStatusEnum": "crossroads.borders.choices.OperationStatus",
                            "ReferralStatusEnum": "crossroads.borders.choices.ReferralStatus",
                            "ReferralDecisionEnum": "crossroads.borders.emergencies.api.DECISIONS",
                            "WatchlistKindEnum": "crossroads.watchlists.choices.WatchlistKind",
                            "PersonSexEnum": "crossroads.people.choices.Sex",
                            "IdentityDocumentKindEnum": "crossroads.people.choices.DocumentKind",
                            # Protection cases (crossroads.protection):
                            "CaseStatusEnum": "crossroads.protection.choices.CaseStatus",
                            "ConsentPurposeEnum": "crossroads.protection.choices.ConsentPurpose",
                            "NrmServiceEnum": "crossroads.protection.choices.Service",
                            "NrmReferralStatusEnum":
                                "crossroads.protection.choices.ReferralStatus",
                            "PurposeEnum": "crossroads.borders.choices.Purpose"},
}

TASKS = {
    "default": {
        "BACKEND": env("TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

DJANGO_TABLES2_TEMPLATE = "core/table.html"
PAGINATE_BY = int(env("PAGINATE_BY", "50"))
#: Protection retention when no RetentionRule applies: years after closing a case is
#: archived, then anonymised (crossroads.protection.retention).
PROTECTION_RETENTION = {
    "archive_after_years": int(env("PROTECTION_ARCHIVE_AFTER_YEARS", "2")),
    "anonymise_after_years": int(env("PROTECTION_ANONYMISE_AFTER_YEARS", "10")),
}
#: Protection reports: counts from 1 to this minus one are shown as "<5" to viewers of
#: aggregates only and in donor exports (small-cell protection).
PROTECTION_SMALL_CELL = 5
#: Public release of counter-trafficking data: every released combination of
#: quasi-identifiers describes at least K victims; at most this share of rows is suppressed.
PROTECTION_RELEASE_K = 11
PROTECTION_RELEASE_MAX_SUPPRESSION = 0.05

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
