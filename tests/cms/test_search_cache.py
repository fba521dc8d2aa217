"""Anonymous search result pages come from the page cache: one entry per query,
filters, page, language and reading mode, answered before sessions and auth with no
query, and stale after a publish or unpublish like every cached page."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def hit(response) -> bool:
    return response.get("X-Page-Cache") == "hit"


def test_a_repeated_anonymous_search_is_a_hit_with_no_query(
    client, make_item, django_assert_num_queries
):
    make_item("Nộp hồ sơ trên Cổng Dịch vụ công quốc gia")
    first = client.get("/search/?q=dich+vu+cong")
    assert not hit(first) and "Cổng Dịch vụ công" in first.content.decode()
    with django_assert_num_queries(0):
        again = client.get("/search/?q=dich+vu+cong")
    assert hit(again) and "Cổng Dịch vụ công" in again.content.decode()
    assert "__HVS_CSRF_TOKEN__" not in again.content.decode()


def test_query_filters_page_and_language_each_get_their_own_entry(client, make_item):
    make_item("Nộp hồ sơ trên Cổng Dịch vụ công quốc gia")
    client.get("/search/?q=dich+vu+cong")
    for other in (
        "/search/?q=mat+khau",
        "/search/?q=dich+vu+cong&type=guide",
        "/search/?q=dich+vu+cong&audience=student",
        "/search/?q=dich+vu+cong&page=2",
        "/search/?q=dich+vu+cong&sort=popular",
    ):
        assert not hit(client.get(other)), other
    # Junk parameters share the query's entry.
    assert hit(client.get("/search/?q=dich+vu+cong&utm_source=zalo"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/search/?q=dich+vu+cong")
    assert not hit(english) and english["Content-Language"] == "en"


def test_a_query_as_typed_is_shown_back_not_another_spelling(client, make_item):
    make_item("Nộp hồ sơ trên Cổng Dịch vụ công quốc gia")
    client.get("/search/?q=dich+vu+cong")
    accented = client.get("/search/?q=d%E1%BB%8Bch+v%E1%BB%A5+c%C3%B4ng")
    assert not hit(accented) and 'value="dịch vụ công"' in accented.content.decode()


def test_publishing_and_unpublishing_make_cached_results_stale(client, make_item):
    make_item("Nộp hồ sơ trên Cổng Dịch vụ công quốc gia")
    client.get("/search/?q=dich+vu+cong")
    assert hit(client.get("/search/?q=dich+vu+cong"))
    newer = make_item("Tra cứu dịch vụ công trên điện thoại")
    fresh = client.get("/search/?q=dich+vu+cong")
    assert not hit(fresh) and "Tra cứu dịch vụ công" in fresh.content.decode()
    assert hit(client.get("/search/?q=dich+vu+cong"))
    newer.unpublish()
    gone = client.get("/search/?q=dich+vu+cong")
    assert not hit(gone) and "Tra cứu dịch vụ công" not in gone.content.decode()


def test_signed_in_or_session_visitors_never_get_a_cached_search(client, make_item, make_user):
    make_item("Nộp hồ sơ trên Cổng Dịch vụ công quốc gia")
    Client().get("/search/?q=dich+vu+cong")
    assert hit(Client().get("/search/?q=dich+vu+cong"))
    client.force_login(make_user())
    assert not hit(client.get("/search/?q=dich+vu+cong"))
