"""A library item behind a Wagtail view restriction (login, groups, password)
stays behind it when a course places it as a step: the step page refuses a
learner exactly as the item's own URL does, and shows it to one the
restriction accepts. The restrictions are the ones remembered per page-tree
generation, so the warm step page asks no more queries for them."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

SECRET = "Nội dung chỉ dành cho nhóm"


def _enrolled(client, user, course):
    client.force_login(user)
    client.post(reverse("courses:enrol", args=[course.slug]))
    return list(course.steps.order_by("sort_order"))


def _restricted_item(make_item, kind="groups", **extra):
    item = make_item("Hướng dẫn nội bộ", summary=SECRET)
    restriction = PageViewRestriction.objects.create(page=item, restriction_type=kind, **extra)
    group = None
    if kind == "groups":
        group = Group.objects.create(name="Tổ công nghệ số thôn 1")
        restriction.groups.add(group)
    return item, restriction, group


def _login_target(response):
    return response["Location"].split("?")[0]


def test_a_group_restricted_item_is_refused_on_the_step_page_as_on_its_own_url(
    client, make_user, make_course, make_item
):
    item, _restriction, group = _restricted_item(make_item)
    course = make_course([make_item("Bài mở"), item], slug="noi-bo")
    outsider = make_user()
    steps = _enrolled(client, outsider, course)
    step_url = reverse("courses:step", args=[course.slug, steps[1].pk])

    own = client.get(item.url)
    on_step = client.get(step_url)
    assert own.status_code == 302
    assert on_step.status_code == own.status_code
    assert _login_target(on_step) == _login_target(own)
    assert SECRET not in on_step.content.decode()
    assert "no-cache" in on_step.get("Cache-Control", "") or "max-age=0" in on_step.get(
        "Cache-Control", ""
    )
    # A lesson's check posted to the step page is refused too.
    assert client.post(step_url, {"answer": "1"}).status_code == 302

    member = make_user()
    member.groups.add(group)
    _enrolled(client, member, course)
    assert client.get(item.url).status_code == 200
    shown = client.get(step_url)
    assert shown.status_code == 200
    assert SECRET in shown.content.decode()


def test_a_restriction_on_the_items_shelf_also_holds_on_the_step_page(
    client, make_user, make_course, make_item
):
    item = make_item("Hướng dẫn trong kệ riêng", summary=SECRET)
    shelf = item.get_parent()
    restriction = PageViewRestriction.objects.create(page=shelf, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Chỉ cán bộ"))
    course = make_course([item], slug="ke-rieng")
    steps = _enrolled(client, make_user(), course)
    response = client.get(reverse("courses:step", args=[course.slug, steps[0].pk]))
    assert response.status_code == 302
    assert SECRET not in response.content.decode()


def test_a_password_restricted_item_asks_for_the_password_on_the_step_page(
    client, make_user, make_course, make_item
):
    item, restriction, _group = _restricted_item(make_item, kind="password", password="mat-khau")
    course = make_course([item], slug="mat-khau")
    steps = _enrolled(client, make_user(), course)
    step_url = reverse("courses:step", args=[course.slug, steps[0].pk])

    asked = client.get(step_url)
    assert asked.status_code == 200
    body = asked.content.decode()
    assert SECRET not in body
    action = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, item.pk])
    assert action in body

    client.post(action, {"password": "sai", "return_url": step_url})
    assert SECRET not in client.get(step_url).content.decode()
    passed = client.post(action, {"password": "mat-khau", "return_url": step_url})
    assert passed.status_code == 302 and passed["Location"] == step_url
    shown = client.get(step_url)
    assert shown.status_code == 200 and SECRET in shown.content.decode()


def test_a_login_restriction_lets_the_signed_in_learner_through(
    client, make_user, make_course, make_item
):
    item, _restriction, _group = _restricted_item(make_item, kind="login")
    course = make_course([item], slug="dang-nhap")
    steps = _enrolled(client, make_user(), course)
    response = client.get(reverse("courses:step", args=[course.slug, steps[0].pk]))
    assert response.status_code == 200 and SECRET in response.content.decode()


def test_a_warm_restricted_step_page_reads_the_restrictions_from_memory(
    client, make_user, make_course, make_item
):
    item, _restriction, group = _restricted_item(make_item)
    course = make_course([item], slug="nho-han-che")
    member = make_user()
    member.groups.add(group)
    steps = _enrolled(client, member, course)
    url = reverse("courses:step", args=[course.slug, steps[0].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200 and SECRET in response.content.decode()
    sql = [query["sql"] for query in captured.captured_queries]
    assert not [q for q in sql if "wagtailcore_pageviewrestriction" in q], sql


def test_a_restriction_added_after_the_step_was_seen_applies_on_the_next_request(
    client, make_user, make_course, make_item
):
    item = make_item("Hướng dẫn sắp khóa", summary=SECRET)
    course = make_course([item], slug="sap-khoa")
    steps = _enrolled(client, make_user(), course)
    url = reverse("courses:step", args=[course.slug, steps[0].pk])
    assert SECRET in client.get(url).content.decode()
    assert SECRET in client.get(url).content.decode()

    restriction = PageViewRestriction.objects.create(page=item, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Nhóm mới"))
    refused = client.get(url)
    assert refused.status_code == 302 and SECRET not in refused.content.decode()


def test_changing_a_remembered_restrictions_groups_applies_on_the_next_request(
    client, make_user, make_course, make_item
):
    item, restriction, group = _restricted_item(make_item)
    course = make_course([item], slug="doi-nhom")
    member = make_user()
    member.groups.add(group)
    steps = _enrolled(client, member, course)
    url = reverse("courses:step", args=[course.slug, steps[0].pk])
    for page_url in (url, item.url):
        assert SECRET in client.get(page_url).content.decode()
        assert SECRET in client.get(page_url).content.decode()  # remembered

    restriction.groups.set([Group.objects.create(name="Nhóm khác")])
    for page_url in (url, item.url):
        assert client.get(page_url).status_code == 302

    restriction.groups.add(group)
    for page_url in (url, item.url):
        assert SECRET in client.get(page_url).content.decode()


def test_a_learner_refused_the_item_cannot_mark_its_step_done(
    client, make_user, make_course, make_item
):
    from courses.models import StepProgress

    item, _restriction, group = _restricted_item(make_item)
    course = make_course([item], slug="khong-danh-dau")
    outsider = make_user()
    steps = _enrolled(client, outsider, course)
    progress = reverse("courses:progress", args=[course.slug, steps[0].pk])
    refused = client.post(progress, {"event": "confirm"})
    assert refused.status_code == 403
    assert "Bạn không được xem học liệu của bước này" in refused.content.decode()
    as_json = client.post(progress, {"event": "end"}, HTTP_ACCEPT="application/json")
    assert as_json.status_code == 403 and "không được xem" in as_json.json()["error"]
    assert not StepProgress.objects.exists()

    member = make_user()
    member.groups.add(group)
    _enrolled(client, member, course)
    assert client.post(progress, {"event": "confirm"}).status_code == 302
    assert StepProgress.objects.get(user=member).done_at is not None
