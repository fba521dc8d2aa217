"""``{% static %}`` worked out once per file and process: Django's asks the
static files storage (the manifest's hashed name, then the URL) on every use,
seven times per page in the site's frame. The answer only changes with the
settings (a deploy restarts the process); a test that changes them clears it."""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.templatetags.static import static as django_static

register = template.Library()


@lru_cache(maxsize=512)
def _url(path: str) -> str:
    return django_static(path)


@register.simple_tag
def static(path):
    return _url(path)


def _settings_changed(setting, **_kwargs):
    if setting in ("STATIC_URL", "STATIC_ROOT", "STORAGES", "STATICFILES_STORAGE"):
        _url.cache_clear()


setting_changed.connect(_settings_changed, dispatch_uid="static_once")
