"""On a 360 px phone the quiz result shows its actions and the certificate news
in the first screen; the long review stays folded until the learner opens it."""

import pytest
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREEN = {"width": 360, "height": 740}


def test_result_actions_are_on_the_first_screen_and_the_review_is_folded(
    live_server, browser, client, learner, completion_quiz, take_quiz, resident_areas
):
    completion_quiz.review_after_submit = ["score", "responses", "correctness", "right_answer"]
    completion_quiz.save()
    attempt = take_quiz(learner, completion_quiz, wrong_areas={resident_areas[0].code})
    client.force_login(learner)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    for scripts in (True, False):
        context = browser.new_context(viewport=SCREEN, java_script_enabled=scripts)
        context.add_cookies([{**cookie, "url": live_server.url}])
        page = context.new_page()
        page.goto(live_server.url + reverse("assessments:result", args=[attempt.pk]))

        back = page.locator(".result-actions a").first
        assert back.bounding_box()["y"] + back.bounding_box()["height"] <= SCREEN["height"]
        assert not page.locator(".review-item").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]

        page.locator(".review-details > summary").click()
        assert page.locator(".review-item").first.is_visible()
        context.close()
