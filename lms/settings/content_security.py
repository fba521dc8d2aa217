"""Content-Security-Policy (django-csp 4). No inline script anywhere on the site;
sources beyond our own origin only where a deployment needs them: S3 media, video
sites for embeds."""

from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE

from .environment import env
from .storage import AWS_STORAGE_BUCKET_NAME, MEDIA_URL


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
