from copy import copy

from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject, empty

from .request_settings import request_settings
from .response_headers import has_header

_LANGUAGE_VARIES_WITH = ("Accept-Language", "Cookie")


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the visitor chose another language with the switcher.

    Django's LocaleMiddleware follows the browser's Accept-Language, and many
    Vietnamese phones are set to English: the site would greet them in a
    language they did not choose. Only the language cookie counts here.

    Without i18n_patterns in the URLconf (the site has none) no language is read
    from the path, so a response gets what Django's would (Vary and
    Content-Language, with Cookie added to Vary), without LocaleMiddleware's path
    parsing on every request."""

    def process_request(self, request):
        chosen = chosen_language(request)
        # Activating is cheaper than asking which language is active (asgiref's
        # Local answers a read through two failed attribute lookups).
        translation.activate(chosen)
        # What get_language() answers right after activate().
        request.LANGUAGE_CODE = translation.to_language(chosen)

    def process_response(self, request, response):
        urlconf = getattr(request, "urlconf", None) or request_settings().root_urlconf
        if is_language_prefix_patterns_used(urlconf)[0]:
            return super().process_response(request, response)
        # Django's Vary, and Cookie: the language cookie chose the language (the
        # session middleware adds Cookie only when the session was read).
        headers = response.headers
        if has_header(response, "vary"):
            patch_vary_headers(response, _LANGUAGE_VARIES_WITH)
        else:
            headers["Vary"] = ", ".join(_LANGUAGE_VARIES_WITH)  # patch_vary_headers' on none
        if not has_header(response, "content-language"):
            # Django's asks get_language(); the request's language is the same, as
            # views here change it only within translation.override, which puts
            # it back before the response comes out (so does Wagtail's admin).
            headers["Content-Language"] = request.LANGUAGE_CODE
        return response


def chosen_language(request) -> str:
    """The language cookie if it names a site language, else Vietnamese (the page
    cache keys on this before any middleware has run)."""
    known = request_settings()
    chosen = request.COOKIES.get(known.language_cookie)
    return chosen if chosen in known.site_languages else known.default_language


class LazyMessageMiddleware(MessageMiddleware):
    """Django's messages, with the storage (a cookie signer and the session) built
    when a view or template first touches ``request._messages``. A request that
    never does has added and read nothing, so there is nothing to store: Django's
    ``update()`` would write nothing either."""

    def process_request(self, request):
        request._messages = _MessagesOnDemand(request)

    def process_response(self, request, response):
        storage = getattr(request, "_messages", None)
        if isinstance(storage, SimpleLazyObject) and storage._wrapped is empty:
            return response
        return super().process_response(request, response)


class _MessagesOnDemand(SimpleLazyObject):
    """The lazy storage, which also answers "any messages?" (the frame's
    ``{% if messages %}`` on every page) without being built when the visitor
    has none stored (no messages cookie, none in the session) and none was
    added in this request: the common case, and then nothing is stored either."""

    def __init__(self, request):
        super().__init__(lambda: default_storage(request))
        self.__dict__["_request"] = request  # LazyObject would set it on the storage

    def __bool__(self):
        if self._wrapped is empty and not _may_have_messages(self.__dict__["_request"]):
            return False
        return bool(self._wrapped if self._wrapped is not empty else self._built())

    def __copy__(self):
        if self._wrapped is empty:
            return type(self)(self.__dict__["_request"])
        return copy(self._wrapped)

    def _built(self):
        self._setup()
        return self._wrapped


def _may_have_messages(request) -> bool:
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.contrib.messages.storage.session import SessionStorage

    session = getattr(request, "session", None)
    return CookieStorage.cookie_name in request.COOKIES or (
        session is not None and SessionStorage.session_key in session
    )
