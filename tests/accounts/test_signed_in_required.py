"""signed_in_required (lms/accounts/access.py): an anonymous visitor is sent
to sign in; a signed-in one reaches the view with ``request.user`` the user
itself, no longer Django's lazy wrapper."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from lms.accounts.access import signed_in_required
from lms.accounts.models import User

pytestmark = pytest.mark.django_db


@signed_in_required
def _view(request):
    from django.http import HttpResponse

    return HttpResponse(type(request.user).__name__)


def _request(user):
    request = RequestFactory().get("/private/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.user = SimpleLazyObject(lambda: user)
    return request


def test_the_view_gets_the_user_itself(make_user):
    user = make_user()
    request = _request(user)
    assert _view(request).content == b"User"
    assert type(request.user) is User and request.user.pk == user.pk


def test_an_anonymous_visitor_is_sent_to_sign_in():
    request = _request(AnonymousUser())
    response = _view(request)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert isinstance(request.user, SimpleLazyObject)
