"""A signed-in learner's library item page and course step page cost a small,
fixed number of queries whatever the item holds: more skills, topics, step
screenshots or related items add none (issue 12: the step page's cost was the
item's own rendering, the same for every viewer, redone on each request)."""

import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db

RICH = {
    "competencies": ["ND.1.1", "ND.4.1", "ND.5.3"],
    "topics": ["VNeID", "AI", "Ngân hàng"],
}


def _count_queries(client, url) -> tuple[int, str]:
    queries = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


def _steady(client, url):
    client.get(url)  # renditions and per-process caches are made on the first view
    return _count_queries(client, url)


def _item(make_item, make_image, title, *, rich):
    fields = RICH if rich else {"competencies": ["ND.4.1"], "topics": []}
    steps = [
        ("step", {"text": f"<p>Bước {n}.</p>", "image": {"image": make_image(), "alt_text": "Ảnh"}})
        for n in range(4 if rich else 1)
    ]
    item = make_item(title, **fields)
    item.steps = steps
    if rich:
        from cms.models import RelatedItem

        item.related_links = [
            RelatedItem(item=make_item(f"Liên quan {title} {n}")) for n in range(3)
        ]
    item.save_revision().publish()
    item.refresh_from_db()
    return item


def test_signed_in_item_and_step_pages_are_constant_and_small(
    client, make_user, make_course, make_item, make_image
):
    plain = _item(make_item, make_image, "Hướng dẫn đơn giản", rich=False)
    rich = _item(make_item, make_image, "Hướng dẫn đầy đủ", rich=True)
    course = make_course([plain, rich], slug="hai-buoc")
    client.force_login(make_user())
    client.post(reverse("courses:enrol", args=[course.slug]))
    first, second = course.steps.order_by("sort_order")

    item_plain, _ = _steady(client, plain.url)
    item_rich, body = _steady(client, rich.url)
    assert "Bước 3." in body and "ND.5.3" in body and "Liên quan" in body
    step_plain, _ = _steady(client, reverse("courses:step", args=[course.slug, first.pk]))
    step_rich, body = _steady(client, reverse("courses:step", args=[course.slug, second.pk]))
    assert "Bước 3." in body and "ND.5.3" in body and "Liên quan" in body
    figures = {"item": (item_plain, item_rich), "step": (step_plain, step_rich)}
    print("queries (plain, rich):", figures)
    assert item_rich == item_plain and step_rich == step_plain, figures
    # Before the cached body: 21 → 23 for the item page, 13 → 16 for the step page.
    assert item_rich <= 16 and step_rich <= 8, figures


def test_a_published_change_shows_at_once(client, make_user, make_item, make_image):
    item = _item(make_item, make_image, "Hướng dẫn sửa", rich=False)
    client.force_login(make_user())
    _steady(client, item.url)
    item.steps = [("step", {"text": "<p>Nội dung mới.</p>", "image": None})]
    item.save_revision().publish()
    _, body = _count_queries(client, item.url)
    assert "Nội dung mới." in body and "Bước 0." not in body
