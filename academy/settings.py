"""Settings, read from environment variables with safe defaults (see README "Configuration")."""

import importlib.util
import os
import secrets
import warnings
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

import academy.security
import core.languages

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ACADEMY_ENV = os.environ.get("ACADEMY_ENV", "development").strip().lower()
if ACADEMY_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("ACADEMY_ENV must be 'development' or 'production'.")
PRODUCTION = ACADEMY_ENV == "production"

DATA_DIR = Path(os.environ.get("ACADEMY_DATA_DIR") or "var").resolve()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
ACADEMY_BASE_URL = os.environ.get("ACADEMY_BASE_URL", "http://localhost:8000").rstrip("/")
# Branding (core/branding.py): the academy's name (empty: "Social Media Academy"), its logo
# (a URL, or a path under the static files; empty: a generated mark) and its primary colour
# (#rrggbb; white text must read on it, see the system check).
ACADEMY_NAME = os.environ.get("ACADEMY_NAME", "")
ACADEMY_LOGO = os.environ.get("ACADEMY_LOGO", "")
ACADEMY_PRIMARY_COLOUR = os.environ.get("ACADEMY_PRIMARY_COLOUR", "")
# Credentials (certification): the issuer's name (empty: "<firm> Social Media Academy"), its
# Ed25519 key (PEM or a path; empty: generated into DATA_DIR), verification requests per minute.
ACADEMY_ISSUER_NAME = os.environ.get("ACADEMY_ISSUER_NAME", "")
ACADEMY_ISSUER_KEY = os.environ.get("ACADEMY_ISSUER_KEY", "")
# The RS256/ES256 key of VC-JWTs (RSA or EC P-256, PEM or a path; empty: generated into DATA_DIR),
# and the issuer's branding on credentials and public pages (empty: defaults, see README).
ACADEMY_ISSUER_JWT_KEY = os.environ.get("ACADEMY_ISSUER_JWT_KEY", "")
ACADEMY_ISSUER_URL = os.environ.get("ACADEMY_ISSUER_URL", "")
ACADEMY_ISSUER_LOGO = os.environ.get("ACADEMY_ISSUER_LOGO", "")
ACADEMY_ISSUER_EMAIL = os.environ.get("ACADEMY_ISSUER_EMAIL", "")
ACADEMY_ISSUER_DESCRIPTION = os.environ.get("ACADEMY_ISSUER_DESCRIPTION", "")
ACADEMY_LINKEDIN_ORGANIZATION_ID = os.environ.get("ACADEMY_LINKEDIN_ORGANIZATION_ID", "")
ACADEMY_VERIFY_RATE_LIMIT = int(os.environ.get("ACADEMY_VERIFY_RATE_LIMIT", "60"))
# Requests a minute per API token (or per signed-in person), shared by all web processes.
ACADEMY_API_RATE_LIMIT = int(os.environ.get("ACADEMY_API_RATE_LIMIT", "600"))
# Social media policy: days after a major version takes effect for everyone to acknowledge it.
ACADEMY_POLICY_GRACE_DAYS = int(os.environ.get("ACADEMY_POLICY_GRACE_DAYS", "30"))


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when ACADEMY_ENV=production.")
    # Local use: generate once and keep it beside the database, so sessions survive restarts.
    path = DATA_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


SECRET_KEY = _secret_key()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "polymorphic",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # The project and apps come before allauth so that their templates override allauth's layout.
    "core",
    "academy",
    "people",
    "policies",
    "courses",
    "community",
    "certification",
    "notifications",
    "insights",
    "api",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "people.middleware.LocaleMiddleware",
    "academy.middleware.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "people.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "api.middleware.ProblemDetailsMiddleware",
]

ROOT_URLCONF = "academy.urls"
WSGI_APPLICATION = "academy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "people.context_processors.roles",
                "notifications.context_processors.unread",
            ],
        },
    },
]

# Every form renders through the same templates (academy/templates/academy/forms/).
FORM_RENDERER = "academy.forms.AcademyFormRenderer"

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'academy.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL: readers never wait for a writer (pages keep answering during an import); the busy
    # timeout makes a second writer wait its turn instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else a table in the database. Either way every web process
# (`academy serve` runs several) shares rate limits and the login lockout.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "academy",
        }
    }
    # Sessions read from Redis and written through to the database: no query per request
    # for the session, and nobody is signed out when Redis restarts.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "academy_cache",
        }
    }

# Background tasks (docs/decisions/0013-task-queue-and-deployment.md): run immediately unless a
# backend is chosen: "database" (a worker polls the database) or "rq" (Redis Queue: workers on
# any number of machines, retries, a failed-job view for the programme team).
TASK_BACKEND = os.environ.get("ACADEMY_TASK_BACKEND", "immediate")
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
}
if TASK_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured("ACADEMY_TASK_BACKEND must be one of: immediate, database, rq.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASK_BACKEND]}}
# How often a task is tried again after it failed or its worker died (rq).
ACADEMY_TASK_RETRIES = int(os.environ.get("ACADEMY_TASK_RETRIES", "3"))
# How soon a job whose worker died is noticed (rq): workers look every so many seconds, and a
# job counts as abandoned this long after its worker's last heartbeat.
ACADEMY_WORKER_MAINTENANCE_SECONDS = int(os.environ.get("ACADEMY_WORKER_MAINTENANCE_SECONDS", "60"))
ACADEMY_WORKER_HEARTBEAT_GRACE = int(os.environ.get("ACADEMY_WORKER_HEARTBEAT_GRACE", "60"))
if TASK_BACKEND == "rq":
    _QUEUE_URL = os.environ.get("ACADEMY_QUEUE_URL", REDIS_URL)
    if not _QUEUE_URL:
        raise ImproperlyConfigured(
            "ACADEMY_TASK_BACKEND=rq needs REDIS_URL (or ACADEMY_QUEUE_URL)."
        )
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS["default"]["QUEUES"] = ["default"]
    RQ_QUEUES = {"default": {"URL": _QUEUE_URL, "DEFAULT_TIMEOUT": 900}}
    RQ = {"QUEUE_CLASS": "academy.queue.RetryingQueue"}

# The scheduled pass (academy/scheduled.py) runs every this many minutes in `academy worker`; a
# background job still running after ACADEMY_STALE_JOB_MINUTES lost its worker and is retried.
ACADEMY_SCHEDULE_MINUTES = int(os.environ.get("ACADEMY_SCHEDULE_MINUTES", "10"))
ACADEMY_STALE_JOB_MINUTES = int(os.environ.get("ACADEMY_STALE_JOB_MINUTES", "60"))

# Email: console unless EMAIL_URL (or Django's EMAIL_* variables) is set.
if os.environ.get("EMAIL_URL"):
    globals().update(dj_email_url.parse(os.environ["EMAIL_URL"]))
    if os.environ["EMAIL_URL"].startswith("file:"):
        # file:///DIR writes each email as a file into /DIR (dj-email-url drops the leading
        # slash, which would make the folder relative to wherever the academy was started).
        from urllib.parse import unquote, urlsplit

        EMAIL_FILE_PATH = unquote(urlsplit(os.environ["EMAIL_URL"]).path) or str(DATA_DIR / "mail")
elif os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "academy@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# People and authentication.
AUTH_USER_MODEL = "people.Person"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "landing"

ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_SESSION_REMEMBER = None
# People come from the HR roster or single sign-on; open signup is off unless asked for.
ACADEMY_OPEN_SIGNUP = env_bool("ACADEMY_OPEN_SIGNUP", False)
# allauth counts failed logins per IP and per account in the cache (shared by all processes).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}

# Single sign-on (docs/single-sign-on.md): OpenID Connect and SAML through allauth, configured
# from the environment. The provider apps are always installed (their URLs exist); a provider
# shows on the login page only when configured. SAML needs the `saml` extra (python3-saml).
INSTALLED_APPS.append("allauth.socialaccount.providers.openid_connect")
if importlib.util.find_spec("onelogin") is not None:
    INSTALLED_APPS.append("allauth.socialaccount.providers.saml")
SOCIALACCOUNT_PROVIDERS: dict = {}
if os.environ.get("OIDC_SERVER_URL"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": os.environ.get("OIDC_PROVIDER_ID", "company-sso"),
                "name": os.environ.get("OIDC_PROVIDER_NAME", "Company single sign-on"),
                "client_id": os.environ.get("OIDC_CLIENT_ID", ""),
                "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": os.environ["OIDC_SERVER_URL"],
                    "scope": env_list("OIDC_SCOPES", "openid,profile,email"),
                },
            }
        ]
    }
if os.environ.get("SAML_METADATA_URL"):
    SOCIALACCOUNT_PROVIDERS["saml"] = {
        "APPS": [
            {
                "name": os.environ.get("SAML_PROVIDER_NAME", "Company single sign-on"),
                "provider_id": os.environ.get("SAML_ENTITY_ID", os.environ["SAML_METADATA_URL"]),
                # The organisation slug is part of the URLs: /accounts/saml/<slug>/acs/ etc.
                "client_id": os.environ.get("SAML_ORGANIZATION", "company"),
                "settings": {
                    "idp": {"metadata_url": os.environ["SAML_METADATA_URL"]},
                    "attribute_mapping": {
                        "uid": os.environ.get("SAML_UID_ATTRIBUTE", "name_id"),
                        "email": os.environ.get(
                            "SAML_EMAIL_ATTRIBUTE",
                            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
                        ),
                        "first_name": os.environ.get(
                            "SAML_FIRST_NAME_ATTRIBUTE",
                            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
                        ),
                        "last_name": os.environ.get(
                            "SAML_LAST_NAME_ATTRIBUTE",
                            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
                        ),
                    },
                    "advanced": {"strict": True, "want_assertion_signed": True},
                },
            }
        ]
    }
SOCIALACCOUNT_ADAPTER = "people.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
# The company's identity provider vouches for the email address: a first sign-in links the
# person with that address (from the HR roster or SCIM) or creates one.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
# Claims (OIDC) or attributes (SAML) that set a person's unit and roles at each sign-in; empty:
# not mapped. The unit claim holds a unit's slug or name; the roles claim a list of values, each
# an academy role (learner, trainer, champion, lead, programme) or mapped to one by
# ACADEMY_SSO_ROLE_MAP ("sg-academy-trainers=trainer,sg-comms=programme").
ACADEMY_SSO_UNIT_CLAIM = os.environ.get("ACADEMY_SSO_UNIT_CLAIM", "")
ACADEMY_SSO_ROLES_CLAIM = os.environ.get("ACADEMY_SSO_ROLES_CLAIM", "")
ACADEMY_SSO_ROLE_MAP = dict(
    item.split("=", 1) for item in env_list("ACADEMY_SSO_ROLE_MAP", "") if "=" in item
)
# Password login (and password reset, and the admin's password form) can be switched off, so
# that everyone signs in through the company's single sign-on.
ACADEMY_PASSWORD_LOGIN = env_bool("ACADEMY_PASSWORD_LOGIN", True)
SOCIALACCOUNT_ONLY = not ACADEMY_PASSWORD_LOGIN

# Internationalisation: English and Dutch.
LANGUAGE_CODE = "en"
LANGUAGES = core.languages.LANGUAGES
LANGUAGE_COOKIE_NAME = "academy_language"
LOCALE_PATHS: list[str] = []  # each app ships its own locale/ folder
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
# English dates in the British form (academy/formats/en/formats.py); Dutch uses Django's own.
FORMAT_MODULE_PATH = ["academy.formats"]
USE_TZ = True

# Static files and media (served by whitenoise; no CDN anywhere).
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Public media (video files, badge images) at MEDIA_URL; private files (submissions, exports)
# apart, without a URL, handed out only by permission-checked views (academy/storage.py).
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
PRIVATE_MEDIA_ROOT = DATA_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "core.storage.PrivateStorage"},
    "public": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads on S3-compatible storage (django-storages) when a bucket is named; the data folder
# otherwise. Files stay private: every download goes through a permission-checked view, which
# hands out a short-lived signed address.
ACADEMY_S3_BUCKET = os.environ.get("ACADEMY_S3_BUCKET", "")
if ACADEMY_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": ACADEMY_S3_BUCKET,
            "endpoint_url": os.environ.get("ACADEMY_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("ACADEMY_S3_REGION") or None,
            "access_key": os.environ.get("ACADEMY_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("ACADEMY_S3_SECRET_ACCESS_KEY") or None,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    # Static files come from the app folders here; STATIC_ROOT exists only after collectstatic.
    warnings.filterwarnings("ignore", message="No directory at")
WHITENOISE_AUTOREFRESH = DEBUG
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Request bodies above these are refused before they are read (academy/middleware.py): uploads
# are at most 10 MB; the admin takes video files.
ACADEMY_MAX_REQUEST_BYTES = int(os.environ.get("ACADEMY_MAX_REQUEST_MB", "12")) * 1024 * 1024
ACADEMY_MAX_ADMIN_REQUEST_BYTES = (
    int(os.environ.get("ACADEMY_MAX_ADMIN_REQUEST_MB", "1024")) * 1024 * 1024
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security: always-on basics, and production hardening with ACADEMY_ENV=production.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off when ACADEMY_ENV=production.")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", ACADEMY_BASE_URL)
    SILENCED_SYSTEM_CHECKS: list[str] = []


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Courses: hosts a video step may embed from (a host or any subdomain of it, https only).
# Default: YouTube's privacy-enhanced player, Vimeo's player and the academy's own host.
_OWN_HOST = ACADEMY_BASE_URL.split("//")[-1].split("/")[0].split(":")[0]
ACADEMY_VIDEO_EMBED_HOSTS = env_list(
    "ACADEMY_VIDEO_EMBED_HOSTS", f"youtube-nocookie.com,player.vimeo.com,{_OWN_HOST}"
)


# Content-Security-Policy (django-csp; the directives and why in academy/security.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": academy.security.content_security_policy(
        video_embed_hosts=ACADEMY_VIDEO_EMBED_HOSTS,
        s3_bucket=ACADEMY_S3_BUCKET,
        s3_endpoint_url=os.environ.get("ACADEMY_S3_ENDPOINT_URL", ""),
        logo=ACADEMY_LOGO,
        sign_on_urls=[
            os.environ.get("OIDC_SERVER_URL", ""),
            os.environ.get("SAML_METADATA_URL", ""),
        ],
    )
}
# Permissions-Policy (django-permissions-policy): no page needs the camera, microphone,
# location, payment or USB; video players in frames keep fullscreen and picture-in-picture.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
}
