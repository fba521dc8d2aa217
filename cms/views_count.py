"""View counts for "most viewed" without a database write per visit: visits are
counted in the cache and added to the page row in batches."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import F

from .models.items import LibraryItemPage


def batch_size() -> int:
    return max(1, getattr(settings, "LIBRARY_VIEW_COUNT_BATCH", 10))


def record_view(page_id: int) -> None:
    key = f"hvs:views:{page_id}"
    increment = getattr(cache, "increment_counter", None)
    if increment is not None:  # Redis: one round trip
        seen = increment(key)
    else:
        cache.add(key, 0, None)
        try:
            seen = cache.incr(key)
        except ValueError:  # evicted between add and incr: lose one visit, not the page
            return
    batch = batch_size()
    if seen % batch == 0:
        LibraryItemPage.objects.filter(pk=page_id).update(view_count=F("view_count") + batch)
