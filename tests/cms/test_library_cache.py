"""The anonymous page cache: served from memory, stale after a publish,
never shared with signed-in users, never handing out someone else's token."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_second_anonymous_view_is_a_hit_and_publish_invalidates(client, library, make_item):
    page = make_item("Bài đầu tiên")
    url = library["shelves"]["resident"].url
    assert "X-Page-Cache" not in client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    make_item("Bài mới xuất bản")
    response = client.get(url)
    assert "X-Page-Cache" not in response and "Bài mới xuất bản" in response.content.decode()
    page.specific.unpublish()
    assert "Bài đầu tiên" not in client.get(url).content.decode()


def test_signed_in_users_bypass_the_cache(client, library, make_user):
    url = library["root"].url
    client.get(url)
    client.force_login(make_user())
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert "Sign out" in response.content.decode() or "Đăng xuất" in response.content.decode()


def test_cached_pages_carry_each_visitors_own_csrf_token(library):
    from django.test import Client

    url = library["root"].url
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(url)
    hit = second.get(url)
    assert hit["X-Page-Cache"] == "hit"
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', hit.content).group(1)
    assert b"__HVS_CSRF_TOKEN__" not in hit.content
    # The token in the cached page works for this visitor's language switch.
    response = second.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token.decode()}
    )
    assert response.status_code == 302


def test_views_are_counted_in_batches(client, make_item, settings):
    settings.LIBRARY_VIEW_COUNT_BATCH = 2
    page = make_item("Được xem nhiều")
    for _ in range(4):
        client.get(page.url)
    page.refresh_from_db()
    assert page.view_count == 4
