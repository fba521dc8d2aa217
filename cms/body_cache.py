"""The rendered body and footer of a library item, cached for every viewer.

What an item shows below its header (its content, skills, topics and related
cards) is the same for every signed-in learner, so the template keeps it in
``{% kept %}`` parts (per process, lms/core/templatetags/kept.py) keyed on the
page, its revision, the language, easy mode and the page-cache generation (cms/cache.py), which every publish, unpublish, move
or delete bumps: a change to this page or to a related one is seen at once.
Each preview gets a key of its own (unsaved edits). Lessons keep their body uncached (their
check forms carry the visitor's CSRF token); their footer is still cached."""

import uuid

from cms import cache as page_cache
from lms.core import request_host


def body_cache_context(request, page) -> dict:
    preview = bool(getattr(request, "is_preview", False))
    # The host the visitor used, for the kept share tags' absolute URLs.
    origin = request_host.origin(request)
    key = (
        page.pk,
        page.latest_revision_id,
        page.last_published_at.isoformat() if page.last_published_at else "",
        # A preview shows unsaved edits: never kept for the next one.
        uuid.uuid4().hex if preview else False,
        page_cache.generation(),
    )
    return {
        "site_origin": origin,
        "body_cache_seconds": 0 if preview else page_cache.cache_seconds(),
        "body_cache_key": key,
        # The frame's title, description, share tags and menu (lms/templates/base.html).
        "frame_page_key": None if preview else (key, origin),
    }
