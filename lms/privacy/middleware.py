"""After a sign-in, a person who has not agreed to the current privacy notice
sees it before anything else (the session flag is set by the sign-in views)."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from lms.core.request_settings import request_settings

CONSENT_DUE = "privacy_consent_due"
ALWAYS_OPEN = ("/privacy/", "/accounts/logout/", "/static/", "/media/", "/i18n/", "/healthz")


class ConsentDueMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only a session can say consent is due: a visitor without a session cookie
        # has none, and reading it anyway would add "Vary: Cookie" to every page.
        session = getattr(request, "session", None)
        if (
            session is not None
            and request_settings().session_cookie in request.COOKIES
            and session.get(CONSENT_DUE)
            and request.user.is_authenticated
            and not request.path.startswith(ALWAYS_OPEN)
        ):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('privacy:consent')}?{query}")
        return self.get_response(request)


def mark_consent_due_if_needed(request, user) -> None:
    from .consent import has_current_consent

    if not has_current_consent(user):
        request.session[CONSENT_DUE] = True
