"""User input that made a 500 (issue 10, point 5): each is a clear 4xx now and
changes nothing."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from assessments.actions import start_or_resume_attempt
from assessments.models import Question
from lms.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_a_unicode_digit_in_go_is_not_a_page_number(client, learner, quiz):
    attempt = start_or_resume_attempt(quiz, learner)
    client.force_login(learner)
    url = reverse("assessments:question", args=[attempt.pk, 1])
    for go in ("²", "١", "٣", "99999999999999999999"):
        response = client.post(url, {"go": go})
        assert response.status_code == 302, go
        assert response["Location"] == reverse("assessments:question", args=[attempt.pk, 2])


def test_a_notification_id_that_is_not_a_number(client, learner):
    client.force_login(learner)
    response = client.post("/learning/messages/read/", {"notification": ["abc", "1", "²"]})
    assert response.status_code == 302
    # The old address of "Học tập của tôi" only redirects now, whatever is posted to it.
    assert client.post("/learning/", {"notification": "abc"}).status_code == 301


def test_a_huge_limit_or_offset_is_clamped(learner, quiz):
    api = APIClient()
    api.force_authenticate(learner)
    response = api.get("/api/v1/quizzes/", {"limit": "36893488147419103231"})
    assert response.status_code == 200
    assert [q["slug"] for q in response.json()["results"]] == [quiz.slug]
    response = api.get("/api/v1/quizzes/", {"offset": "36893488147419103231"})
    assert response.status_code == 200 and response.json()["results"] == []


@pytest.fixture
def staff_api(make_user):
    api = APIClient()
    api.force_authenticate(make_user(Role.EDITOR, audience=""))
    return api


def test_a_spec_that_is_not_an_object_is_a_400(staff_api, framework):
    for spec in (1.5, "x", [], None, {"qtype": 3}):
        response = staff_api.post(
            "/api/v1/questions/",
            {"name": "Câu", "category": "A/B", "stem": "<p>Hỏi?</p>", "spec": spec},
            format="json",
        )
        assert response.status_code == 400, (spec, response.content)
        assert "spec" in response.json()
    assert not Question.objects.exists()


def test_negative_default_points_are_a_400(staff_api, bank):
    question = bank[0]
    for points in ("-0.6", "1e9", "abc"):
        response = staff_api.patch(
            f"/api/v1/questions/{question.pk}/", {"default_points": points}, format="json"
        )
        assert response.status_code == 400, (points, response.content)
        assert "default_points" in response.json()
    question.refresh_from_db()
    assert question.default_points == 1
