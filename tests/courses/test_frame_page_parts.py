"""A course page and a step page keep their title, description, share tags and
menu with the site's frame, under the page's version and host
(``frame_page_key``, lms/templates/base.html): a warm request renders none of
them, and a publish still shows on the next request. A preview keeps nothing."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGE_BLOCKS = {"title", "description", "meta", "nav_links"}


def _enrolled(client, make_user, course):
    client.force_login(make_user())
    client.post(reverse("courses:enrol", args=[course.slug]))


def test_warm_course_and_step_pages_render_none_of_the_page_blocks(
    client, make_user, make_course, make_item, blocks_rendered
):
    course = make_course([make_item("Bài một"), make_item("Bài hai")], slug="khung")
    _enrolled(client, make_user, course)
    step = course.steps.order_by("sort_order").first()
    for url in (course.course_page.url, reverse("courses:step", args=[course.slug, step.pk])):
        client.get(url)
        blocks_rendered.clear()
        body = client.get(url).content.decode()
        assert "content" in blocks_rendered
        assert not PAGE_BLOCKS & set(blocks_rendered), (url, blocks_rendered)
        assert "· Học vụ số</title>" in body and 'property="og:title"' in body


def test_a_published_title_shows_on_the_next_request(client, make_user, make_course, make_item):
    item = make_item("Tên cũ của bài")
    course = make_course([item], slug="tieu-de")
    _enrolled(client, make_user, course)
    step_url = reverse("courses:step", args=[course.slug, course.steps.get().pk])
    page = course.course_page
    for url in (page.url, step_url, page.url, step_url):  # warm and kept
        client.get(url)
    assert "<title>Tên cũ của bài · Học vụ số</title>" in client.get(step_url).content.decode()

    page.title = "Khoá học mới tên"
    page.save_revision().publish()
    item.title = "Tên mới của bài"
    item.save_revision().publish()
    assert "<title>Khoá học mới tên · Học vụ số</title>" in client.get(page.url).content.decode()
    assert "<title>Tên mới của bài · Học vụ số</title>" in client.get(step_url).content.decode()
