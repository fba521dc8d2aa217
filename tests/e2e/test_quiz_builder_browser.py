"""The quiz builder's "Add a rule" in headless Chromium: JavaScript adds a rule
on the page (no round trip), and the saved quiz has every rule and a slug made
from its title."""

import pytest
from django.conf import settings
from django.urls import reverse

from lms.accounts.roles import Role
from tests.cms.fixtures import framework  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_rules_are_added_on_the_page_and_all_saved(
    live_server,
    browser,
    framework,  # noqa: F811
    make_user,
    client,
):
    from assessments.models import Quiz
    from lms.framework.models import CompetencyArea

    areas = list(CompetencyArea.objects.filter(audience="resident").order_by("position"))[:3]
    client.force_login(make_user(Role.INSTRUCTOR, audience=""))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(live_server.url + reverse("assessments:quiz_new"))
    page.locator("#id_title").fill("Đánh giá kỹ năng số cơ bản")
    page.select_option("#id_audience", "resident")
    page.select_option("#id_grading_method", "highest")
    requests = []
    page.on("request", lambda request: requests.append(request.method))
    page.locator("#add-quiz-rule").click()
    page.locator("#add-quiz-rule").click()
    assert "POST" not in requests  # added on the page, nothing posted
    assert page.locator("#id_rules-TOTAL_FORMS").input_value() == "3"
    for index, area in enumerate(areas):
        page.locator(f"#id_rules-{index}-position").fill(str(index))
        page.select_option(f"#id_rules-{index}-kind", "random")
        page.locator(f"#id_rules-{index}-count").fill("1")
        page.select_option(f"#id_rules-{index}-area", str(area.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu", exact=True).click()
    quiz = Quiz.objects.get()
    assert quiz.slug == "danh-gia-ky-nang-so-co-ban"
    assert sorted(quiz.rules.values_list("area_id", flat=True)) == sorted(a.pk for a in areas)
    context.close()
