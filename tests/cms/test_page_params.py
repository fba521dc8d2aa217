"""A public page sees only the query parameters it reads (cms/models/base.py):
junk in a shared link (``?utm_source=…``) never reaches it, with or without a
query string, and a page that reads none is served without building a filtered
copy when the link has none."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["", "?utm_source=zalo&fbclid=x1"])
def test_an_item_sees_no_parameter_it_does_not_read(make_item, query):
    page = make_item("Bài tham số")
    request = RequestFactory().get(page.url + query)
    request.user = AnonymousUser()
    response = page.serve(request)
    assert response.status_code == 200
    assert dict(request.GET) == {}
    assert "Bài tham số" in response.rendered_content
