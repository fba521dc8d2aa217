"""The request's host and origin are worked out once per request
(lms/core/request_host.py) and are what Django's get_host gives."""

import pytest
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.test import RequestFactory

from lms.core.request_host import host, origin


def test_host_and_origin_are_djangos_once_per_request(monkeypatch):
    request = RequestFactory().get("/", HTTP_HOST="localhost:8000")
    asked = []
    original = HttpRequest.get_host
    monkeypatch.setattr(HttpRequest, "get_host", lambda self: asked.append(1) or original(self))
    assert [host(request), host(request)] == ["localhost:8000"] * 2
    assert origin(request) == "http://localhost:8000" == origin(request)
    assert len(asked) == 1


def test_a_host_not_allowed_is_still_refused():
    request = RequestFactory().get("/", HTTP_HOST="evil.example")
    with pytest.raises(DisallowedHost):
        host(request)
