"""Wagtail and the library (cms): search, editors, image formats, the anonymous page
cache, slugs, uploads and the library's API."""

from .environment import BASE_URL, env
from .storage import MEDIA_URL, STATIC_URL

# --- Wagtail admin and search -----------------------------------------------------
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea"}
}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp", "gif": "webp", "bmp": "webp"}

# --- Library (cms) -------------------------------------------------------------------
# Anonymous pages come from the page cache (cms/middleware.py; its two middleware are
# in base.py's MIDDLEWARE), invalidated on publish.
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
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "pptx", "vtt", "txt", "mp4", "webm"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.uploads.LibraryDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.uploads.LibraryImageForm"
WAGTAILAPI_BASE_URL = BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
