"""has_header (lms/core/response_headers.py) answers as Django's has_header does."""

import pytest
from django.http import HttpResponse

from lms.core.response_headers import has_header


@pytest.mark.parametrize("name", ["Vary", "vary", "VARY", "Content-Language", "X-Nope"])
def test_it_answers_as_djangos_method(name):
    response = HttpResponse("ok")
    response["Vary"] = "Cookie"
    response["content-language"] = "vi"
    assert has_header(response, name.lower()) == response.has_header(name)


def test_it_falls_back_to_djangos_method_on_another_mapping():
    response = HttpResponse("ok")
    response["Vary"] = "Cookie"
    response.headers._store = None  # as if Django kept its headers some other way
    response.has_header = lambda name: name == "vary"
    assert has_header(response, "vary") is True
    assert has_header(response, "content-language") is False
