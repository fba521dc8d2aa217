from django import template
from django.core.cache import cache

from cms.cache import generation

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """An absolute URL on the host the visitor used (canonical, Open Graph)."""
    request = context.get("request")
    if not path:
        return ""
    if path.startswith(("http://", "https://")) or request is None:
        return path
    return request.build_absolute_uri(path)


@register.simple_tag
def absolute_url_on(origin, path):
    """``absolute_url`` for a part kept per host (lms/core/templatetags/kept.py),
    which never reads the request: ``origin`` is "scheme://host" (cms/body_cache.py)."""
    if not path or path.startswith(("http://", "https://")):
        return path or ""
    return f"{origin}{path}"


@register.simple_tag
def breadcrumb_ancestors(page):
    """The page's ancestors below the root, without a query while nothing was
    published or moved (cms.routing)."""
    from cms.routing import breadcrumb_ancestors as remembered

    return remembered(page) if page is not None and page.pk else []


# The menu's library URL per page-cache generation, in this process: the generation
# is read once per request anyway, so the URL costs no round trip of its own.
_library_urls: dict[int, str] = {}


@register.simple_tag
def library_url():
    """The library root's URL for the menu, cached until the next publish."""
    current = generation()
    if current in _library_urls:
        return _library_urls[current]
    key = f"hvs:library-url:{current}"
    url = cache.get(key)
    if url is None:
        from cms.models import LibraryRootPage

        root = LibraryRootPage.objects.live().only("id", "url_path").first()
        url = (root.url or "") if root else ""
        cache.set(key, url, 3600)
    _library_urls.clear()  # only the current generation is ever read again
    _library_urls[current] = url
    return url
