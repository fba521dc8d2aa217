"""A course step on a 360 px phone in headless Chromium: the guide fits the
screen, the "done" button is a real touch target, and reaching the end of the
guide marks the step done by itself (the script); the plain button works too."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.cms.fixtures import framework, library, make_image, make_item  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def signed_in_page(browser, live_server, client, user, **context_args):
    client.force_login(user)
    context = browser.new_context(**context_args)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context, context.new_page()


def test_a_step_on_a_phone(live_server, browser, client, make_user, library, make_item):  # noqa: F811
    from cms.demo.courses import ensure_course_index, publish_course_page
    from courses.enrolment import do_enrol
    from courses.models import Course, CourseStep, StepProgress

    course = Course.objects.create(
        title="Khóa học trên điện thoại",
        slug="khoa-dien-thoai",
        summary="Thử.",
        audience_codes="|resident|",
        sequential=True,
    )
    # Long enough that the end of the guide is below the first screen.
    needs = [("item", f"Điều cần chuẩn bị số {index}") for index in range(40)]
    for position, title in enumerate(["Hướng dẫn một", "Hướng dẫn hai"]):
        item = make_item(title, what_you_need=needs)
        CourseStep.objects.create(course=course, page=item, sort_order=position)
    publish_course_page(ensure_course_index(library["home"]), course)
    learner = make_user()
    do_enrol(learner, course)
    first, second = course.steps.order_by("sort_order")

    context, page = signed_in_page(
        browser, live_server, client, learner, viewport={"width": 360, "height": 640}
    )
    page.goto(live_server.url + reverse("courses:step", args=[course.slug, first.pk]))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    button = page.get_by_role("button", name="Tôi đã học xong")
    box = button.bounding_box()
    assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert not StepProgress.objects.filter(step=first, done_at__isnull=False).exists()
    # Scrolling to the end of the guide reports it; the page says so in place.
    page.locator("#course-step-end").scroll_into_view_if_needed()
    page.get_by_text("Bạn đã học xong bước này.").wait_for(timeout=5000)
    assert StepProgress.objects.get(user=learner, step=first).done_at is not None
    context.close()

    # Without JavaScript the same step's button posts a form and moves on.
    context, plain = signed_in_page(
        browser,
        live_server,
        client,
        learner,
        viewport={"width": 360, "height": 640},
        java_script_enabled=False,
    )
    plain.goto(live_server.url + reverse("courses:step", args=[course.slug, second.pk]))
    plain.get_by_role("button", name="Tôi đã học xong").click()
    plain.wait_for_load_state()
    assert StepProgress.objects.get(user=learner, step=second).done_at is not None
    assert "Bạn đã hoàn thành khóa học" in plain.content()
    context.close()
