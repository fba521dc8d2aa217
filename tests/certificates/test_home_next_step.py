"""Issue 15 §4: the signed-in home page shows the learner's next step when no
course is under way: the audience's completion quiz, then the certificate."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(framework):
    from cms.demo import ensure_home_page

    return ensure_home_page()


def _next_step(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    if 'id="next-step-heading"' not in body:
        return ""
    start = body.index('id="next-step-heading"')
    return body[start : body.index("</section>", start)]


def test_a_resident_without_a_course_is_sent_to_the_residents_quiz(
    client, home, learner, completion_quiz
):
    block = _next_step(client, learner)
    assert "Bước tiếp theo của bạn" in block
    assert f"Làm bài kiểm tra hoàn thành cho nhóm của bạn: {completion_quiz.title}" in block
    assert f'href="{reverse("assessments:quiz", args=[completion_quiz.slug])}"' in block


def test_a_learner_holding_the_certificate_is_shown_it(client, home, learner, certificate):
    block = _next_step(client, learner)
    assert "Bạn đã được cấp giấy chứng nhận." in block
    assert f'href="{reverse("accounts:dashboard")}"' in block
    assert "Xem chứng nhận của tôi" in block
    # and the dashboard it points to does hold the certificate
    client.force_login(learner)
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert certificate.code in dashboard


def test_another_groups_quiz_is_never_the_next_step(client, home, make_user, completion_quiz):
    from lms.accounts.roles import Role

    worker = make_user(Role.LEARNER, audience="worker")
    assert completion_quiz.title not in _next_step(client, worker)
