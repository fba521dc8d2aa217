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
def library_url():
    """The library root's URL for the menu, cached until the next publish."""
    key = f"hvs:library-url:{generation()}"
    url = cache.get(key)
    if url is None:
        from cms.models import LibraryRootPage

        root = LibraryRootPage.objects.live().only("id", "url_path").first()
        url = (root.url or "") if root else ""
        cache.set(key, url, 3600)
    return url
