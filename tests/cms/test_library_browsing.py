"""Browsing the library the way a learner does: root, audience shelf, filters."""

import pytest

from cms.models import ItemType

pytestmark = pytest.mark.django_db


def card_titles(response):
    return [item.title for item in response.context["items"].object_list]


def test_root_offers_the_four_audiences_with_counts(client, library, make_item):
    make_item("Cho mọi người", audiences=["resident", "student", "official", "worker"])
    response = client.get("/thu-vien/")
    body = response.content.decode()
    assert response.status_code == 200
    for shelf in library["shelves"].values():
        assert f'href="{shelf.url}"' in body
    assert "Cho mọi người" in body


def test_audience_page_lists_items_tagged_with_it_wherever_they_live(client, library, make_item):
    make_item("Sống ở kệ người dân, cho cả học sinh", audiences=["resident", "student"])
    make_item("Chỉ cho cán bộ", audiences=["official"])
    response = client.get(library["shelves"]["student"].url)
    assert card_titles(response) == ["Sống ở kệ người dân, cho cả học sinh"]
    assert card_titles(client.get(library["shelves"]["official"].url)) == ["Chỉ cho cán bộ"]


def test_filters_are_plain_links_by_type_area_and_topic(client, library, make_item):
    make_item("Video VNeID", kind="video", competencies=["ND.4.1"], topics=["VNeID"])
    make_item("Hướng dẫn lừa đảo", competencies=["ND.5.3"], topics=["lừa đảo trực tuyến"])
    url = library["shelves"]["resident"].url
    assert card_titles(client.get(url, {"type": ItemType.VIDEO})) == ["Video VNeID"]
    assert card_titles(client.get(url, {"area": "ND.5"})) == ["Hướng dẫn lừa đảo"]
    assert card_titles(client.get(url, {"topic": "lua-dao-truc-tuyen"})) == ["Hướng dẫn lừa đảo"]
    body = client.get(url).content.decode()
    assert "?topic=lua-dao-truc-tuyen" in body and "?type=video" in body and "?area=ND.5" in body
    # Unknown values are ignored, never an error.
    assert client.get(url, {"type": "x'", "area": "<b>", "page": "-1"}).status_code == 200


def test_sort_by_most_viewed(client, library, make_item):
    quiet = make_item("Ít người xem")
    popular = make_item("Nhiều người xem")
    type(popular).objects.filter(pk=popular.pk).update(view_count=50)
    type(quiet).objects.filter(pk=quiet.pk).update(view_count=2)
    url = library["shelves"]["resident"].url
    assert card_titles(client.get(url, {"sort": "popular"})) == ["Nhiều người xem", "Ít người xem"]


def test_pagination_keeps_the_filters(client, library, make_item):
    for n in range(14):
        make_item(f"Bài {n:02d}", kind="guide", image=False)
    url = library["shelves"]["resident"].url
    first = client.get(url, {"type": "guide"})
    assert len(card_titles(first)) == 12
    assert "type=guide&amp;page=2" in first.content.decode()
    assert len(card_titles(client.get(url, {"type": "guide", "page": 2}))) == 2


def _queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # renditions are made on the first view; measure the steady state
    client.cookies["sessionid"] = "none"  # skip the page cache: measure the rendering
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    del client.cookies["sessionid"]
    assert response.status_code == 200
    return len(context), response


def test_list_page_queries_do_not_grow_with_items(
    client, library, make_item, django_assert_max_num_queries
):
    url = library["shelves"]["resident"].url + "?sort=popular"
    for n in range(2):
        make_item(f"Bài {n}", topics=["VNeID"])
    few, _ = _queries_for(client, url)
    for n in range(2, 14):
        make_item(f"Bài {n}", topics=["VNeID", "AI"], competencies=["ND.4.1", "ND.5.3"])
    client.get(url)
    with django_assert_max_num_queries(few):
        client.cookies["sessionid"] = "none"
        response = client.get(url)
    assert len(card_titles(response)) == 12
    assert 5 < few <= 20, few
