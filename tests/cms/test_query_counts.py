"""The library's root page and its search read as many queries for a dozen
matching items as for two: the cards' images, audiences, competencies and
topics come in a fixed number of queries (the audience shelf has its own test
in test_library_browsing.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _queries_for(client, url, params=None):
    client.get(url, params)  # renditions are made on the first view; measure the steady state
    client.cookies["sessionid"] = "none"  # skip the page cache: measure the rendering
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    del client.cookies["sessionid"]
    assert response.status_code == 200
    return len(context)


def _more_items(make_item, start, stop):
    for n in range(start, stop):
        make_item(
            f"Dịch vụ công bài {n}",
            topics=["VNeID", "AI"],
            competencies=["ND.4.1", "ND.5.3"],
            audiences=["resident", "student"],
        )


def _assert_constant(client, url, params, make_item, django_assert_max_num_queries):
    for n in range(2):
        make_item(f"Dịch vụ công bài {n}", topics=["VNeID"])
    few = _queries_for(client, url, params)
    _more_items(make_item, 2, 14)
    client.get(url, params)
    client.cookies["sessionid"] = "none"
    with django_assert_max_num_queries(few):
        response = client.get(url, params)
    assert response.status_code == 200
    return few, response


def test_library_root_queries_do_not_grow_with_items(
    client, library, make_item, django_assert_max_num_queries
):
    few, response = _assert_constant(
        client, library["root"].url, None, make_item, django_assert_max_num_queries
    )
    assert "Dịch vụ công bài" in response.content.decode()
    assert few <= 25, few


def test_search_queries_do_not_grow_with_matches(
    client, library, make_item, django_assert_max_num_queries
):
    few, response = _assert_constant(
        client, "/search/", {"q": "dich vu cong"}, make_item, django_assert_max_num_queries
    )
    assert len(response.context["items"].object_list) == 12  # a full first page
    assert few <= 25, few


def test_topic_browsing_queries_do_not_grow_with_items(
    client, library, make_item, django_assert_max_num_queries
):
    few, response = _assert_constant(
        client, "/search/", {"topic": "vneid"}, make_item, django_assert_max_num_queries
    )
    assert len(response.context["items"].object_list) == 12
    assert few <= 25, few
