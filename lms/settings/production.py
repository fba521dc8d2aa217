"""Production: refuses to start without its required environment variables
(SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, BASE_URL, EMAIL_URL,
CERTIFICATE_SIGNING_KEY_PATH, PRIVACY_CONTROLLER) instead of falling back to an insecure or wrong
default."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_URL, DATABASES, REDIS_URL, env

REQUIRED_VARIABLES = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    # BASE_URL is printed into every certificate's QR code and signed into every
    # credential's issuer id: a forgotten one makes permanently wrong certificates.
    "BASE_URL",
    # Without it password-reset mail would go to the console and never arrive.
    "EMAIL_URL",
    # The key that signs credentials must live on a volume that is backed up.
    "CERTIFICATE_SIGNING_KEY_PATH",
    # Named in the privacy notice as who processes the data (Nghị định 13/2023).
    "PRIVACY_CONTROLLER",
)
for required in REQUIRED_VARIABLES:
    if not env(required, default=""):
        raise ImproperlyConfigured(f"Set the {required} environment variable (see README.md).")

_base = urlsplit(BASE_URL)
if _base.scheme not in ("http", "https") or not _base.hostname:
    raise ImproperlyConfigured(
        f"BASE_URL must be an absolute http(s) address such as https://hocvuso.example.gov.vn "
        f"(got {BASE_URL!r})."
    )
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")  # noqa: S104 (a check, not a bind)
if _base.hostname in _LOCAL_HOSTS or _base.hostname.endswith(".localhost"):
    raise ImproperlyConfigured(
        f"BASE_URL points at this machine ({BASE_URL!r}): certificates would carry an address "
        "nobody else can open. Set it to the site's public address."
    )

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
