"""Wagtail's tree walk is remembered per process (cms/routing.py): a signed-in
visitor's library page is found with one query instead of eight, and every
change that decides what a path shows takes effect on the next request."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def walk_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    pages = [q["sql"] for q in captured.captured_queries if 'FROM "wagtailcore_page"' in q["sql"]]
    sites = [q["sql"] for q in captured.captured_queries if 'FROM "wagtailcore_site"' in q["sql"]]
    return response, len(pages), len(sites)


def test_a_remembered_path_skips_the_walk(client, make_user, make_item):
    item = make_item("Hướng dẫn nhớ đường")
    client.force_login(make_user())
    first, pages_first, sites_first = walk_queries(client, item.url)
    again, pages_again, sites_again = walk_queries(client, item.url)
    assert first.status_code == again.status_code == 200
    assert "Hướng dẫn nhớ đường" in again.content.decode()
    assert sites_first == 1 and sites_again == 0
    assert pages_again <= pages_first - 3, (pages_first, pages_again)  # 5 → 2 on SQLite


def test_unpublished_renamed_and_restricted_pages_change_on_the_next_request(
    client, make_user, make_item
):
    gone, renamed, private = (make_item(f"Trang {n}") for n in ("một", "hai", "ba"))
    client.force_login(make_user())
    urls = {page.pk: page.url for page in (gone, renamed, private)}
    for url in urls.values():
        assert client.get(url).status_code == 200
        assert client.get(url).status_code == 200  # remembered

    gone.unpublish()
    assert client.get(urls[gone.pk]).status_code == 404

    renamed.slug = "trang-hai-moi"
    renamed.save_revision().publish()
    assert client.get(urls[renamed.pk]).status_code == 404
    renamed.refresh_from_db()
    assert client.get(renamed.url).status_code == 200

    # A view restriction bumps nothing: it is checked on every request all the same.
    restriction = PageViewRestriction.objects.create(page=private, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Chỉ nhóm này"))
    assert client.get(urls[private.pk]).status_code != 200
