"""Production: refuses to start without its required environment variables
(SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL) instead of falling back to
an insecure default."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL, env

for required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"):
    if not env(required, default=""):
        raise ImproperlyConfigured(f"Set the {required} environment variable (see README.md).")

if DATABASES["default"]["ENGINE"].endswith("sqlite3") and not env.bool(
    "ALLOW_SQLITE_IN_PRODUCTION", default=False
):
    raise ImproperlyConfigured("Production needs PostgreSQL: set DATABASE_URL=postgres://…")
if not REDIS_URL:
    raise ImproperlyConfigured("Production needs Redis: set REDIS_URL=redis://…")

DEBUG = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SHOW_DEMO_LOGINS = False

SILENCED_SYSTEM_CHECKS = [
    # SAMEORIGIN on purpose: Wagtail's live preview frames our own pages.
    "security.W019",
    # HSTS preload commits the whole domain for years: the domain's owner opts in
    # with SECURE_HSTS_PRELOAD=true, we do not decide it for them.
    "security.W021",
]
