"""Settings shared by every environment. Every deployment value comes from the
environment (see the table in README.md); dev.py, production.py, test.py and
bench.py only choose defaults for their environment.

This module holds the project's frame (apps, middleware, templates, language,
e-mail, API, logging); each concern's settings live in a module of its own,
imported here: environment (env vars, BASE_DIR, BASE_URL), databases, services
(Redis: cache, channel layer, Celery), security (accounts, lock-outs, rate
limits), storage (static, media, uploads), content_security (CSP), library
(Wagtail and the page cache), assessments (and certificates), live, privacy,
movement."""

from email.utils import parseaddr

from .assessments import *  # noqa: F403
from .assessments import _BEAT_SCHEDULE as _ASSESSMENTS_BEAT
from .content_security import *  # noqa: F403
from .databases import *  # noqa: F403
from .environment import *  # noqa: F403
from .environment import BASE_DIR, env
from .library import *  # noqa: F403
from .live import *  # noqa: F403
from .movement import *  # noqa: F403
from .movement import _BEAT_SCHEDULE as _MOVEMENT_BEAT
from .privacy import *  # noqa: F403
from .privacy import _BEAT_SCHEDULE as _PRIVACY_BEAT
from .security import *  # noqa: F403
from .services import *  # noqa: F403
from .storage import *  # noqa: F403

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "lms.accounts",
    "lms.units",
    "lms.core",
    "lms.audit",
    "lms.framework",
    "lms.backup",
    "lms.privacy",
    "assessments",
    "courses",
    "movement",
    "cms",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    # Django and third-party
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "axes",
    "channels",
    "csp",
    # Last, as the apps of assessments' sub-packages (settings/assessments.py, live.py).
    "assessments.certificates",
    "assessments.live",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so cached pages get the header too (lms/core/csp.py).
    "lms.core.csp.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages come from the page cache (cms/middleware.py), invalidated on
    # publish: a hit is answered right after the static files, before sessions, auth
    # and CSRF; a miss is stored as the middleware below made it (its Vary,
    # X-Frame-Options, Content-Language), once the user and the session are known.
    "cms.middleware.PageCacheFirstMiddleware",
    # The kept certificate verify page, the same way: its row is read on every visit
    # (assessments/certificates/middleware.py).
    "assessments.certificates.middleware.VerifyPageFirstMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Right after Django's: an unchanged CSRF cookie renewed only when it matters
    # (lms/core/csrf_token.py).
    "lms.core.csrf_token.CsrfRenewalMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Names the request's user in audit events of writes made by admin forms.
    "lms.audit.actor.AuditActorMiddleware",
    # Django's, built only for requests that use messages (lms/core/middleware.py).
    "lms.core.middleware.LazyMessageMiddleware",
    "lms.privacy.middleware.ConsentDueMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"
ASGI_APPLICATION = "lms.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "lms.core.i18n_context.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "lms.inclusion.easy_mode.context",
                # Django's token, made in fewer calls (replaces the built-in csrf processor's).
                "lms.core.csrf_token.context",
            ],
        },
    },
]

# --- Language and time ------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]

# --- Email ---------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Học vụ số <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who gets operational alerts (mail_admins), e.g. "Vận hành <ops@example.vn>,b@example.vn".
ADMINS = [parseaddr(address) for address in env.list("ADMINS", default=[])]

# --- API --------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "lms.token_auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "lms.pagination.BoundedLimitOffsetPagination",
    "EXCEPTION_HANDLER": "lms.api_errors.exception_handler",
    "PAGE_SIZE": 100,
    "DEFAULT_THROTTLE_CLASSES": [
        "lms.throttles.AnonRateThrottle",
        "lms.throttles.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_RATE", default="120/minute"),
        "user": env("API_USER_RATE", default="600/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Học vụ số API",
    "DESCRIPTION": "Units, framework, library and assessments of the Học vụ số platform.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["lms.api.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "lms.api_schema.document_error_responses",
    ],
    # Swagger UI from the installed sidecar package, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# The password seed_demo gives demo accounts where logins are shown (dev only).
DEMO_PASSWORD = env("DEMO_PASSWORD", default="hocvuso2025")

# Every module's periodic tasks, for Celery beat.
CELERY_BEAT_SCHEDULE = {**_ASSESSMENTS_BEAT, **_PRIVACY_BEAT, **_MOVEMENT_BEAT}
