"""Messages (lms/core/middleware.py, LazyMessageMiddleware): a page asks "any
messages?" without building the storage when the visitor has none, and a
message added on one request still shows on the next page, once."""

import copy

import pytest
from django.contrib import messages
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory

from lms.core.middleware import _MessagesOnDemand

pytestmark = pytest.mark.django_db


def test_no_stored_messages_answers_without_building_the_storage():
    request = RequestFactory().get("/")
    request.session = {}
    storage = _MessagesOnDemand(request)
    assert not storage
    assert storage._wrapped is copy.copy(storage)._wrapped  # both still unbuilt
    messages.info(request_with(storage, request), "Xin chào")
    assert storage and [str(m) for m in storage] == ["Xin chào"]


def request_with(storage, request):
    request._messages = storage
    return request


def test_a_message_shows_on_the_next_page_once(client, make_user):
    client.force_login(make_user())
    client.post("/i18n/setlang/", {"language": "vi", "next": "/accounts/me/"})
    first = client.get("/accounts/me/").content.decode()
    assert 'class="messages"' not in first
    # Where a redirecting view's message waits (FallbackStorage: the cookie first).
    stored = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = stored._encode([Message(constants.SUCCESS, "Đã lưu thay đổi.")])
    shown = client.get("/accounts/me/").content.decode()
    assert "Đã lưu thay đổi." in shown
    assert "Đã lưu thay đổi." not in client.get("/accounts/me/").content.decode()
