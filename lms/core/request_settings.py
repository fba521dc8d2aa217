"""The settings every request reads in our middleware, read once per process.

Each ``settings.NAME`` goes through Django's lazy settings object (a Python-level
``__getattribute__``); the middleware of a request that needs nothing read about
a dozen of them. Tests change settings with ``override_settings``, which sends
``setting_changed``: the values are read again after any change."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver


@dataclass(frozen=True)
class RequestSettings:
    session_cookie: str
    language_cookie: str
    site_languages: frozenset[str]
    default_language: str
    root_urlconf: str
    page_cache_skip_prefixes: tuple[str, ...]


_current: list[RequestSettings] = []


def request_settings() -> RequestSettings:
    if not _current:
        _current.append(
            RequestSettings(
                session_cookie=settings.SESSION_COOKIE_NAME,
                language_cookie=settings.LANGUAGE_COOKIE_NAME,
                site_languages=frozenset(code for code, _name in settings.LANGUAGES),
                default_language=settings.LANGUAGE_CODE,
                root_urlconf=settings.ROOT_URLCONF,
                page_cache_skip_prefixes=tuple(getattr(settings, "PAGE_CACHE_SKIP_PREFIXES", ())),
            )
        )
    return _current[0]


@receiver(setting_changed)
def _read_again(**_kwargs) -> None:
    _current.clear()
