"""Django settings for netwerkregie.

Everything that differs per installation comes from the environment, so the same
settings serve development, CI and production.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def env_flag(name: str, default: bool) -> bool:
    """An on/off variable: "1", "true", "yes" or "on" switch it on."""
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("NETWERKREGIE_HOME", Path.cwd())).resolve()
VAR_DIR = BASE_DIR / "var"

# Off unless asked for: `make run` switches it on, a server never has it.
DEBUG = env_flag("NETWERKREGIE_DEBUG", False)
SECRET_KEY = os.environ.get("NETWERKREGIE_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "NETWERKREGIE_SECRET_KEY is not set. Set it to a long random value (for example the output of "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`) and keep it secret, "
            "or set NETWERKREGIE_DEBUG=1 on a development machine."
        )
    SECRET_KEY = "dev-only-insecure-key-never-use-on-a-server-0123456789abcdef"
ALLOWED_HOSTS = env_list("NETWERKREGIE_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("NETWERKREGIE_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # serves the API docs (Swagger UI) from its own static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "netwerkregie.core",
    "netwerkregie.registry",
    "netwerkregie.audit",
    "netwerkregie.governance",
    "netwerkregie.assessments",
    "netwerkregie.analysis",
    "netwerkregie.organising",
    "netwerkregie.monitoring",
    "netwerkregie.funding",
    "netwerkregie.accounts",
    "netwerkregie.overview",
    "netwerkregie.reports",
    "netwerkregie.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "netwerkregie.core.middleware.DutchByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "netwerkregie.urls"

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
                "netwerkregie.core.context_processors.current_network",
            ],
        },
    },
]

WSGI_APPLICATION = "netwerkregie.wsgi.application"

DEFAULT_SQLITE = VAR_DIR / "netwerkregie.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DEFAULT_SQLITE}", conn_health_checks=True
    )
}
# Each web process (and the worker) keeps its connection for CONN_MAX_AGE seconds, so an
# installation holds at most one per gunicorn process and thread (+ the worker); see docs/deploy.md.
# On SQLite too: opening a connection with its PRAGMAs costs about 2 ms of CPU, a fifth of a
# survey request.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("NETWERKREGIE_CONN_MAX_AGE", "60"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a background task writes. Transactions take the write
    # lock when they begin (IMMEDIATE), so a concurrent writer waits up to `timeout` seconds for
    # it instead of failing halfway with "database is locked": no submitted answer is lost.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    })

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login attempts: five wrong passwords for one username from one address lock that pair for
# 15 minutes (django-axes); API tokens have their own limiter in core.ratelimit.
AUTHENTICATION_BACKENDS = [
    "netwerkregie.core.ratelimit.LoginAttemptsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("NETWERKREGIE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "errors/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "netwerkregie.core.ratelimit.client_ip"
AXES_VERBOSE = False
TOKEN_FAILURE_LIMIT = int(os.environ.get("NETWERKREGIE_TOKEN_FAILURE_LIMIT", "20"))
TOKEN_FAILURE_WINDOW = timedelta(minutes=15)

LOGIN_URL = "login"

# Single sign-on by OpenID Connect (netwerkregie.accounts.oidc; docs/deploy.md): off unless an issuer
# (whose /.well-known/openid-configuration names the endpoints) or the endpoints themselves are set.
OIDC_ISSUER = os.environ.get("NETWERKREGIE_OIDC_ISSUER", "").rstrip("/")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("NETWERKREGIE_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("NETWERKREGIE_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("NETWERKREGIE_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("NETWERKREGIE_OIDC_JWKS_ENDPOINT", "")
OIDC_ENABLED = bool(OIDC_ISSUER or OIDC_OP_AUTHORIZATION_ENDPOINT)
OIDC_RP_CLIENT_ID = os.environ.get("NETWERKREGIE_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("NETWERKREGIE_OIDC_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("NETWERKREGIE_OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = os.environ.get("NETWERKREGIE_OIDC_SIGN_ALGO", "RS256")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 15
# The provider's e-mail address counts as verified only with `email_verified: true` in its claims,
# unless the provider is the organisation's own directory that vouches for every address (Entra ID).
OIDC_TRUST_EMAIL = env_flag("NETWERKREGIE_OIDC_TRUST_EMAIL", False)
OIDC_BUTTON_LABEL = os.environ.get("NETWERKREGIE_OIDC_BUTTON_LABEL", "")
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
if OIDC_ENABLED:
    if not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
        raise ImproperlyConfigured("Single sign-on needs NETWERKREGIE_OIDC_CLIENT_ID and "
                                   "NETWERKREGIE_OIDC_CLIENT_SECRET beside the issuer (docs/deploy.md).")
    AUTHENTICATION_BACKENDS.append("netwerkregie.accounts.oidc.SingleSignOnBackend")
# Two-factor authentication (django-otp): the issuer name authenticator apps show beside the code.
OTP_TOTP_ISSUER = os.environ.get("NETWERKREGIE_OTP_ISSUER", "netwerkregie")
# The model a network is, found by core.access.get_network_model() (core imports no domain app).
NETWERKREGIE_NETWORK_MODEL = "registry.Network"
# How long the link in an invitation to join a network works (registry.invitations).
MEMBER_INVITATION_DAYS = int(os.environ.get("NETWERKREGIE_MEMBER_INVITATION_DAYS", "14"))
# Survey respondents are anonymised this many days after their round closed (assessments.retention;
# `netwerkregie expire-answers`, run by `serve --production` on start). Empty: kept until decided.
SURVEY_ANSWER_RETENTION_DAYS = (int(os.environ["NETWERKREGIE_SURVEY_ANSWER_RETENTION_DAYS"])
                                if os.environ.get("NETWERKREGIE_SURVEY_ANSWER_RETENTION_DAYS") else None)
# Downloads of a large network made by the background worker (reports.PreparedDownload): files with
# unguessable names, outside the static files, served only through the download's page; kept this long.
PREPARED_DOWNLOAD_DIR = Path(os.environ.get("NETWERKREGIE_DOWNLOAD_DIR", VAR_DIR / "downloads"))
PREPARED_DOWNLOAD_HOURS = int(os.environ.get("NETWERKREGIE_DOWNLOAD_HOURS", "24"))
# How long the audit log (exports, raw answers, roles, invitations) keeps its events.
AUDIT_RETENTION_DAYS = int(os.environ.get("NETWERKREGIE_AUDIT_RETENTION_DAYS", "730"))
LOGIN_REDIRECT_URL = "registry:network_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
# Production serves compressed files with hashed names (collectstatic by `serve --production`);
# development and tests use the plain finders, so no collectstatic is needed there.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_flag("NETWERKREGIE_STATIC_MANIFEST", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# E-mail over SMTP as soon as NETWERKREGIE_EMAIL_HOST is set; otherwise printed to the console.
EMAIL_HOST = os.environ.get("NETWERKREGIE_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("NETWERKREGIE_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("NETWERKREGIE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("NETWERKREGIE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_flag("NETWERKREGIE_EMAIL_STARTTLS", EMAIL_PORT == 587)
EMAIL_USE_SSL = env_flag("NETWERKREGIE_EMAIL_SSL", EMAIL_PORT == 465)
EMAIL_TIMEOUT = 30
EMAIL_BACKEND = os.environ.get(
    "NETWERKREGIE_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
SERVER_EMAIL = os.environ.get("NETWERKREGIE_SERVER_EMAIL", os.environ.get("NETWERKREGIE_FROM_EMAIL", "root@localhost"))
DEFAULT_FROM_EMAIL = os.environ.get("NETWERKREGIE_FROM_EMAIL", "netwerkregie@localhost")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Caches shared by every server process (the API token limiter counts across workers).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": VAR_DIR / "cache",
    }
}

# HTTPS: on by default outside debug. Behind a reverse proxy that terminates TLS, set
# NETWERKREGIE_PROXY_SSL_HEADER=1 so the proxy's X-Forwarded-Proto tells Django the request was secure
# (and NETWERKREGIE_BEHIND_PROXY=1 so X-Forwarded-For names the client).
HTTPS = env_flag("NETWERKREGIE_HTTPS", not DEBUG)
BEHIND_PROXY = env_flag("NETWERKREGIE_BEHIND_PROXY", False)
if env_flag("NETWERKREGIE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("NETWERKREGIE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("NETWERKREGIE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("NETWERKREGIE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: scripts and style sheets only from our own static files (the vendored
# libraries included). Style *attributes* stay allowed: templates size progress bars and colour
# organisation types with them, and they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Errors go to the server's log (stderr, picked up by journald under systemd).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("NETWERKREGIE_LOG_LEVEL", "WARNING")},
}
