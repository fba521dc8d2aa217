"""Settings shared by every environment. Every deployment value comes from the
environment (see the table in README.md); the modules beside this one only
choose defaults for their environment."""

from email.utils import parseaddr
from pathlib import Path

import environ
from celery.schedules import crontab

from lms.core.replica import REPLICA, replica_database
from lms.core.replica import ROUTER as REPLICA_ROUTER
from lms.dbpool import configure as configure_pool

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SITE_NAME = "Học vụ số"
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")
BASE_URL = WAGTAILADMIN_BASE_URL

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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so cached pages get the header too (lms/core/csp.py).
    "lms.core.csp.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "lms.inclusion.easy_mode.context",
            ],
        },
    },
]

# --- Data stores -----------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# PostgreSQL: a pool of DB_POOL_MIN_SIZE..DB_POOL_MAX_SIZE connections per process
# (lms/dbpool.py; sizes per server kind in README "Hiệu năng"). DB_POOL=false
# falls back to persistent connections kept CONN_MAX_AGE seconds (default 60).
DATABASES["default"] = configure_pool(
    DATABASES["default"],
    enabled=env.bool("DB_POOL", default=True),
    conn_max_age=env.int("CONN_MAX_AGE", default=None),
    min_size=env.int("DB_POOL_MIN_SIZE", default=1),
    max_size=env.int("DB_POOL_MAX_SIZE", default=4),
    timeout=env.float("DB_POOL_TIMEOUT", default=10.0),
)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded mode still serves a whole classroom: WAL lets readers and a
    # writer overlap, IMMEDIATE transactions take the write lock up front (no
    # "database is locked" on upgrade), and busy writers wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # One connection per thread, kept CONN_MAX_AGE seconds (configure_pool's default,
    # 60) under WSGI: gunicorn's workers and threads each reuse theirs (opening one
    # with its PRAGMAs was a third of a small page's time) and runserver closes each
    # request's. Not under ASGI (lms/asgi.py sets HVS_ASGI): sync views there run in
    # a thread per request, and Django's docs say persistent connections must be off.
    # A restore writes into the same file (lms/backup), so kept connections see it.
    if env.bool("HVS_ASGI", default=False):
        DATABASES["default"]["CONN_MAX_AGE"] = 0
# An optional streaming replica that report reads go to (lms/core/replica.py,
# docs/scale-out.md); without DATABASE_REPLICA_URL there is no router.
_replica = replica_database(env("DATABASE_REPLICA_URL", default=""), DATABASES["default"])
if _replica is not None:
    DATABASES[REPLICA] = _replica
    DATABASE_ROUTERS = [REPLICA_ROUTER]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# HTTP requests one ASGI process lets into Django at once (lms/asgi_gate.py);
# 0: the connection pool's DB_POOL_MAX_SIZE.
ASGI_HTTP_CONCURRENCY = env.int("ASGI_HTTP_CONCURRENCY", default=0)

# One switch for the embedded mode: without REDIS_URL, Celery runs in process,
# the cache is local memory and the channel layer lives in memory.
REDIS_URL = env("REDIS_URL", default="")
# Messages one WebSocket may have waiting in the channel layer before new ones
# are dropped. The instructor's screens get one answer count per answer: at a
# hall of 1,000 phones answering within seconds, the default 100 drops counts
# and even the next state. Phones get a handful per question. Sized for
# LIVE_MAX_PARTICIPANTS answers in flight plus the state events.
LIVE_MAX_PARTICIPANTS = env.int("LIVE_MAX_PARTICIPANTS", default=1000)
CHANNELS_CAPACITY = env.int("CHANNELS_CAPACITY", default=LIVE_MAX_PARTICIPANTS + 500)
# The cache may live on its own Redis with maxmemory and LRU eviction (compose's
# redis-cache); the broker and channel layer stay on REDIS_URL, which never evicts.
CACHE_REDIS_URL = env("CACHE_REDIS_URL", default=REDIS_URL)

if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, but clear() deletes only the cache's own keys, never the
            # broker's queued tasks on a shared Redis (a restore clears the cache).
            "BACKEND": "lms.core.scoped_cache.RedisCache",
            "LOCATION": CACHE_REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="hvs"),
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": env("CHANNELS_PREFIX", default="hvs"),
                "capacity": CHANNELS_CAPACITY,
                "expiry": 60,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels.layers.InMemoryChannelLayer",
            "CONFIG": {"capacity": CHANNELS_CAPACITY},
        }
    }

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or "cache+memory://")
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"

# --- Accounts and security -----------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Refuses locked-out accounts and IPs before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "lms.accounts.backends.PhoneOrUsernameBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "/"

# How many proxies we run in front of Django (deploy/nginx.conf: 1). 0 trusts no
# header: the socket's address is the client (the embedded mode). lms/client_ip.py
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours
# Per account, never per address: a community hall or a carrier's NAT puts dozens of
# people behind one address, and one of them mistyping must not lock the others out.
# The account + address pair adds nothing at the same limit (its failures are a subset
# of the account's) but says so to axes' check W006, which wants an address in the list.
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "lms.accounts.backends.axes_identity"
AXES_LOCKOUT_CALLABLE = "lms.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Wrong passwords typed while locked are refused unseen: the lock ends when it said it would.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "lms.client_ip.client_ip"

# django-ratelimit counts in the cache (lms/ratelimits.py). Not in INSTALLED_APPS: its
# system check refuses the embedded mode's local-memory cache, right for one process.
RATELIMIT_CACHE_PREFIX = "hvs:rl:"
# Password reset by email: requests per address (a hall) and per e-mail address typed.
PASSWORD_RESET_RATE_PER_ADDRESS = env("PASSWORD_RESET_RATE_PER_ADDRESS", default="60/h")
PASSWORD_RESET_RATE_PER_ACCOUNT = env("PASSWORD_RESET_RATE_PER_ACCOUNT", default="5/h")
# Class login cards (courses.classes.cards): wrong codes count per card, so a hall
# full of learners behind one address never locks the class out; unknown cards
# count per address with room for a whole class mistyping.
LOGIN_CARD_FAILURES_PER_CARD = env("LOGIN_CARD_FAILURES_PER_CARD", default="10/h")
LOGIN_CARD_FAILURES_PER_ADDRESS = env("LOGIN_CARD_FAILURES_PER_ADDRESS", default="200/h")
# How long a session's check-in QR code stays valid, in seconds.
CLASS_CHECK_IN_MAX_AGE = env.int("CLASS_CHECK_IN_MAX_AGE", default=4 * 60 * 60)
# Wrong reset codes (/accounts/password/code/) per address and per account named.
RESET_CODE_FAILURE_RATE_PER_ADDRESS = env("RESET_CODE_FAILURE_RATE_PER_ADDRESS", default="60/h")
RESET_CODE_FAILURE_RATE_PER_ACCOUNT = env("RESET_CODE_FAILURE_RATE_PER_ACCOUNT", default="10/h")
# Sign-ups answered "this phone or username already has an account", per address.
SIGNUP_TAKEN_RATE_PER_ADDRESS = env("SIGNUP_TAKEN_RATE_PER_ADDRESS", default="60/h")

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 24 * 30)
CSRF_COOKIE_HTTPONLY = False  # the quiz autosave script reads it
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview panel frames our own pages

# --- Content-Security-Policy (django-csp 4) ---------------------------------------
# No inline script anywhere on the site; sources beyond our own origin only where a
# deployment needs them: S3 media, video sites for embeds.
from urllib.parse import urlsplit  # noqa: E402

from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE  # noqa: E402


def _origin(url: str | None) -> list[str]:
    parts = urlsplit(url or "")
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


CSP_MEDIA_SOURCES = env.list("CSP_MEDIA_SOURCES", default=[])
CSP_FRAME_SOURCES = env.list(
    "CSP_FRAME_SOURCES",
    default=[
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://www.facebook.com",
    ],
)
_CSP_REPORT_URI = env("CSP_REPORT_URI", default="")
# The two admin interfaces ship inline scripts and styles of their own.
CSP_RELAXED_URL_PREFIXES = ["/admin/", "/django-admin/"]
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

# --- Static and media -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "lms" / "static"]
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Media goes to S3-compatible object storage when a bucket is named, to MEDIA_ROOT otherwise.
AWS_STORAGE_BUCKET_NAME = env("S3_BUCKET", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("S3_REGION", default=None)
    AWS_ACCESS_KEY_ID = env("S3_ACCESS_KEY_ID", default=None)
    AWS_SECRET_ACCESS_KEY = env("S3_SECRET_ACCESS_KEY", default=None)
    AWS_S3_CUSTOM_DOMAIN = env("S3_CUSTOM_DOMAIN", default=None)
    AWS_QUERYSTRING_AUTH = env.bool("S3_QUERYSTRING_AUTH", default=False)
    AWS_DEFAULT_ACL = None
    MEDIA_BACKEND = "storages.backends.s3.S3Storage"
else:
    MEDIA_BACKEND = "django.core.files.storage.FileSystemStorage"

# Private files (certificate PDFs) are never under MEDIA_ROOT nor in a public bucket:
# only views that check who is asking stream them (lms/core/storage.py).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")
if AWS_STORAGE_BUCKET_NAME:
    PRIVATE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_PRIVATE_BUCKET", default=AWS_STORAGE_BUCKET_NAME),
            "location": env("S3_PRIVATE_LOCATION", default="private"),
            "default_acl": "private",
            "querystring_auth": True,
            "custom_domain": None,
        },
    }
else:
    PRIVATE_STORAGE = {"BACKEND": "lms.core.storage.PrivateFileSystemStorage"}

_MEDIA_ORIGINS = [
    *_origin(MEDIA_URL),
    *(
        _origin(f"https://{env('S3_CUSTOM_DOMAIN', default='')}")
        if env("S3_CUSTOM_DOMAIN", default="")
        else []
    ),
    *(_origin(env("S3_ENDPOINT_URL", default="")) if AWS_STORAGE_BUCKET_NAME else []),
    *CSP_MEDIA_SOURCES,
]
_SITE_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:", *_MEDIA_ORIGINS],
    "media-src": [SELF, *_MEDIA_ORIGINS],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": [SELF, *CSP_FRAME_SOURCES],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
    **({"report-uri": _CSP_REPORT_URI} if _CSP_REPORT_URI else {}),
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _SITE_DIRECTIVES}
CSP_ADMIN_DIRECTIVES = {
    **_SITE_DIRECTIVES,
    "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *_MEDIA_ORIGINS],
    "media-src": [SELF, "blob:", *_MEDIA_ORIGINS],
}

STORAGES = {
    "default": {"BACKEND": MEDIA_BACKEND},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Upload limits, in megabytes, checked by the forms that accept files.
MAX_IMAGE_UPLOAD_MB = env.int("MAX_IMAGE_UPLOAD_MB", default=10)
MAX_DOCUMENT_UPLOAD_MB = env.int("MAX_DOCUMENT_UPLOAD_MB", default=20)
MAX_VIDEO_UPLOAD_MB = env.int("MAX_VIDEO_UPLOAD_MB", default=200)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = MAX_IMAGE_UPLOAD_MB * 1024 * 1024
# Images over this many pixels are refused (lms/images.py; Pillow's bomb guard too);
# question images are shrunk to IMAGE_MAX_SIDE_PX, the library's by its renditions.
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=50_000_000)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
IMAGE_MAX_SIDE_PX = env.int("IMAGE_MAX_SIDE_PX", default=1600)
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "pptx", "vtt", "txt"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Email ---------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Học vụ số <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who gets operational alerts (mail_admins), e.g. "Vận hành <ops@example.vn>,b@example.vn".
ADMINS = [parseaddr(address) for address in env.list("ADMINS", default=[])]

# --- Wagtail ---------------------------------------------------------------------------
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea"}
}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp", "gif": "webp", "bmp": "webp"}

# --- API --------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
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

# --- Library (cms) -------------------------------------------------------------------
# Anonymous pages come from the page cache (cms/middleware.py), invalidated on publish:
# a hit is answered right after the static files, before sessions, auth and CSRF; the
# pages are stored last, once the locale and the CSRF cookie are known.
MIDDLEWARE = [*MIDDLEWARE, "cms.middleware.AnonymousPageCacheMiddleware"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "cms.middleware.PageCacheFirstMiddleware",
)
# Paths outside the Wagtail page tree: never cached, so not even looked up.
PAGE_CACHE_SKIP_PREFIXES = [
    "/_bench/",
    "/.well-known/",
    "/accounts/",
    "/admin/",
    "/api/",
    "/audit/",
    "/certificates/",
    "/classes/",
    "/courses/",
    "/display/",
    "/django-admin/",
    "/documents/",
    "/healthz",
    "/i18n/",
    "/jsi18n/",
    "/learning/",
    # Not "/live/" itself: the join form is cached for anonymous phones (a whole
    # hall opens it at once). The projector page needs a sign-in cookie, which
    # skips the cache before any lookup.
    "/live/new/",
    "/live/s/",
    "/offline/",
    "/phong-trao/",
    "/privacy/",
    "/quizzes/",
    "/sitemap.xml",
    "/sw.js",
    "/units/",
    "/ws/",
    STATIC_URL,
    MEDIA_URL,
]
LIBRARY_PAGE_CACHE_SECONDS = env.int("LIBRARY_PAGE_CACHE_SECONDS", default=600)
# A course's outline (courses/outline_cache.py): the same for every learner; any
# save of a course, step, quiz or page makes it stale at once.
COURSE_OUTLINE_CACHE_SECONDS = env.int("COURSE_OUTLINE_CACHE_SECONDS", default=3600)
LIBRARY_VIEW_COUNT_BATCH = env.int("LIBRARY_VIEW_COUNT_BATCH", default=50)
# Slugs without Vietnamese marks: links survive being pasted into Zalo and SMS.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Videos are uploaded as documents (never transcoded); cms/uploads.py checks them.
WAGTAILDOCS_EXTENSIONS = [*WAGTAILDOCS_EXTENSIONS, "mp4", "webm"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.uploads.LibraryDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.uploads.LibraryImageForm"
WAGTAILAPI_BASE_URL = BASE_URL
WAGTAILAPI_LIMIT_MAX = 50

# --- Assessments -----------------------------------------------------------------
# "học tiếp" links on quiz results: a function (codes, audience, limit) -> [(title, url)];
# empty shows no links. assessments never imports cms, so the project wires it here.
ASSESSMENTS_RECOMMENDER = env(
    "ASSESSMENTS_RECOMMENDER", default="cms.recommend.items_for_competencies"
)
ASSESSMENTS_MAX_IMPORT_MB = env.int("ASSESSMENTS_MAX_IMPORT_MB", default=10)
# An .xlsx is a zip: judged by its unpacked size and row count before it is parsed.
ASSESSMENTS_XLSX_MAX_UNCOMPRESSED_MB = env.int("ASSESSMENTS_XLSX_MAX_UNCOMPRESSED_MB", default=50)
ASSESSMENTS_XLSX_MAX_ROWS = env.int("ASSESSMENTS_XLSX_MAX_ROWS", default=5000)
# A completion quiz publishes only when each random rule's reviewed pool holds this
# many times the questions it draws (fewer, and answers are memorised in a few tries).
ASSESSMENTS_POOL_MULTIPLE = env.float("ASSESSMENTS_POOL_MULTIPLE", default=3.0)
CELERY_BEAT_SCHEDULE = {
    **globals().get("CELERY_BEAT_SCHEDULE", {}),
    "assessments-submit-expired-attempts": {
        "task": "assessments.submit_expired_attempts",
        "schedule": 60.0,
    },
    "cms-publish-scheduled": {"task": "cms.publish_scheduled", "schedule": 60.0},
}

# --- Certificates ---------------------------------------------------------------
INSTALLED_APPS = [*INSTALLED_APPS, "assessments.certificates"]
# The platform's Ed25519 key that signs credentials: created (mode 0600) on first
# use; back it up with the database. Never under MEDIA_ROOT (a system check refuses).
CERTIFICATE_SIGNING_KEY_PATH = env.path(
    "CERTIFICATE_SIGNING_KEY_PATH",
    default=Path(env("XDG_DATA_HOME", default=str(Path.home() / ".local" / "share")))
    / "hocvuso"
    / "certificate-signing-key.pem",
)
# Public verification (page and API together): lookups per IP per window.
CERTIFICATE_VERIFY_LIMIT = env.int("CERTIFICATE_VERIFY_LIMIT", default=30)
CERTIFICATE_VERIFY_WINDOW_SECONDS = env.int("CERTIFICATE_VERIFY_WINDOW_SECONDS", default=60)
CERTIFICATE_LOGO_MAX_KB = env.int("CERTIFICATE_LOGO_MAX_KB", default=1024)
# Every competency area of the audience must have been assessed (Phụ lục II).
CERTIFICATE_REQUIRE_ALL_AREAS = env.bool("CERTIFICATE_REQUIRE_ALL_AREAS", default=True)
CERTIFICATE_PRINT_MAX = env.int("CERTIFICATE_PRINT_MAX", default=500)
# The integrity job recomputes every certificate's content hash daily at this hour
# (site time), reading this many rows per query, and mails ADMINS what is altered.
CERTIFICATE_INTEGRITY_BATCH_SIZE = env.int("CERTIFICATE_INTEGRITY_BATCH_SIZE", default=500)
CERTIFICATE_INTEGRITY_HOUR = env.int("CERTIFICATE_INTEGRITY_HOUR", default=2)
CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,
    "certificates-check-integrity": {
        "task": "certificates.check_integrity",
        "schedule": crontab(hour=CERTIFICATE_INTEGRITY_HOUR, minute=30),
    },
}

# --- Live classroom ---------------------------------------------------------------
INSTALLED_APPS = [*INSTALLED_APPS, "assessments.live"]
# Wrong PINs and rejoin codes one address may type per window before it must wait;
# right PINs never count. Far above what a hall of 300 phones mistypes (see
# assessments/live/guessing.py); a guesser gets ~0.07 % of the PIN space per window.
LIVE_PIN_FAILURE_LIMIT = env.int("LIVE_PIN_FAILURE_LIMIT", default=600)
LIVE_PIN_FAILURE_WINDOW = env.int("LIVE_PIN_FAILURE_WINDOW_SECONDS", default=600)
# Wrong rejoin codes against one session (from any address) before its rejoining pauses.
LIVE_REJOIN_FAILURE_LIMIT = env.int("LIVE_REJOIN_FAILURE_LIMIT", default=30)
LIVE_NAME_MAX_LENGTH = env.int("LIVE_NAME_MAX_LENGTH", default=40)
LIVE_MAX_QUESTIONS = env.int("LIVE_MAX_QUESTIONS", default=100)
# Network slack after a question's time is up (the phone sent in time, the packet was slow).
LIVE_ANSWER_GRACE_MS = env.int("LIVE_ANSWER_GRACE_MS", default=1000)
# With "advance automatically", how long the answer and top five stay on screen.
LIVE_REVEAL_SECONDS = env.int("LIVE_REVEAL_SECONDS", default=8)
LIVE_MAX_MESSAGE_BYTES = 4096
# Answer-count updates a screen gets per question at most (one per answer in a
# class smaller than this; the reveal carries the exact count).
LIVE_COUNT_UPDATES = env.int("LIVE_COUNT_UPDATES", default=50)
# Display names containing these words are refused (see assessments/live/names.py for
# how marks and spacing are matched). Replace the list with LIVE_BLOCKED_NAME_WORDS.
LIVE_BLOCKED_NAME_WORDS = env.list(
    "LIVE_BLOCKED_NAME_WORDS",
    default=[
        "địt", "đụ", "đù má", "lồn", "buồi", "cặc", "đéo", "đĩ", "cave", "đm", "đmm", "đcm",
        "dm", "dmm", "dcm", "vcl", "vkl", "vl", "clgt", "cmm", "cc", "dit me", "dit mia",
        "du ma", "djt", "đờ mờ", "óc chó", "mẹ mày", "con mẹ mày", "thằng chó", "con chó",
        "súc vật", "fuck", "shit", "bitch", "porn",
    ],
)  # fmt: skip

# --- Personal data (lms/privacy) -------------------------------------------------
# Who processes the data (the unit running this site), named in the privacy notice.
# Required in production.
PRIVACY_CONTROLLER = env("PRIVACY_CONTROLLER", default="")
PRIVACY_CONTACT = env("PRIVACY_CONTACT", default="")
# Bump when the notice's text changes: everyone is asked again at next sign-in.
PRIVACY_NOTICE_VERSION = env("PRIVACY_NOTICE_VERSION", default="2026-12")
# Nghị định 13/2023: under this age a parent's or guardian's consent is needed.
PRIVACY_GUARDIAN_CONSENT_AGE = env.int("PRIVACY_GUARDIAN_CONSENT_AGE", default=16)
PRIVACY_GUEST_RETENTION_DAYS = env.int("PRIVACY_GUEST_RETENTION_DAYS", default=30)
PRIVACY_EXPORT_KEEP_DAYS = env.int("PRIVACY_EXPORT_KEEP_DAYS", default=7)
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=5 * 365)
PRIVACY_RETENTION_HOUR = env.int("PRIVACY_RETENTION_HOUR", default=3)
CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,
    "privacy-apply-retention": {
        "task": "privacy.apply_retention",
        "schedule": crontab(hour=PRIVACY_RETENTION_HOUR, minute=15),
    },
}

# --- Movement (community teams, targets, indicators, quarterly reports) -------------
# "1 kèm 5": how many learners one digital ambassador follows at most.
MOVEMENT_AMBASSADOR_MAX_LEARNERS = env.int("MOVEMENT_AMBASSADOR_MAX_LEARNERS", default=5)
# A team member's evidence photo or scan (JPEG, PNG, WebP or PDF) for a reported value.
MOVEMENT_EVIDENCE_MAX_MB = env.int("MOVEMENT_EVIDENCE_MAX_MB", default=5)
# How long a dashboard's figures may be served from the cache when nothing was
# written (movement/figures_cache.py); a write makes them stale at once.
MOVEMENT_FIGURES_CACHE_SECONDS = env.int("MOVEMENT_FIGURES_CACHE_SECONDS", default=600)
# Hour (site time) of the nightly rebuild of the certified-learner roll-up.
MOVEMENT_ROLLUP_HOUR = env.int("MOVEMENT_ROLLUP_HOUR", default=3)
CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,
    "movement-rebuild-rollup": {
        "task": "movement.rebuild_rollup",
        "schedule": crontab(hour=MOVEMENT_ROLLUP_HOUR, minute=10),
    },
    # Drafts on the 1st of a quarter's last month; reminders until the 15th.
    "movement-prepare-quarterly-drafts": {
        "task": "movement.prepare_quarterly_drafts",
        "schedule": crontab(hour=6, minute=0),
    },
}

# --- Backups ---------------------------------------------------------------------
# manage.py backup / restore (lms/backup). BACKUP_ENCRYPTION_KEY is read from the
# environment by those commands only, never kept in settings.
for _cache in CACHES.values():
    # The installation's cache epoch in every key: a restore makes old entries unreachable.
    _cache["KEY_FUNCTION"] = "lms.backup.epoch.make_key"
