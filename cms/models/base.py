from cms.cache import only_params
from cms.text import slugify_vi
from lms.core.page_cache import mark_cacheable

from .forms import LibraryPageForm


class PublicPageMixin:
    """What every public page of ours shares: ASCII Vietnamese slugs and an
    anonymous response that the page cache may keep."""

    def full_clean(self, *args, **kwargs):
        # Wagtail would keep "hướng-dẫn"; learners share links in Zalo, so no marks.
        self.slug = slugify_vi(self.slug or self.title) or self.slug
        return super().full_clean(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            # The page (and the links it builds with {% querystring %}) sees only
            # the parameters it reads, so the page cache can ignore the others.
            request.GET = only_params(request.GET, self.cache_query_params)
        response = super().serve(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            mark_cacheable(
                response,
                page_id=self.pk if self.counts_views else None,
                query_params=self.cache_query_params,
            )
        return response

    def get_view_restrictions(self):
        from cms.routing import view_restrictions

        return view_restrictions(self, super().get_view_restrictions)

    counts_views = False
    # Query parameters the page's content depends on; the page cache keys on these only.
    cache_query_params: tuple[str, ...] = ()
    base_form_class = LibraryPageForm
