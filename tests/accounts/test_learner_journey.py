"""The learner's way through sign-in, sign-up and "Học tập của tôi" never dead-ends."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


# --- signed out: say why the sign-in page appears --------------------------------------


def test_quizzes_while_signed_out_say_why_the_sign_in_page_appears(client):
    response = client.get(reverse("assessments:quiz_list"), follow=True)

    assert response.redirect_chain[-1][0].startswith(LOGIN)
    body = response.content.decode()
    assert "Đăng nhập để làm bài kiểm tra" in body


def test_a_quiz_page_while_signed_out_says_the_same(client):
    response = client.get(reverse("assessments:quiz", kwargs={"slug": "bat-ky"}), follow=True)
    assert "Đăng nhập để làm bài kiểm tra" in response.content.decode()


def test_my_learning_while_signed_out_says_why(client):
    response = client.get(reverse("accounts:dashboard"), follow=True)
    assert "Đăng nhập để xem việc học của bạn" in response.content.decode()


def test_the_plain_sign_in_page_and_foreign_next_say_nothing_extra(client):
    assert "Đăng nhập để" not in client.get(LOGIN).content.decode()
    body = client.get(LOGIN, {"next": "https://evil.example/quizzes/"}).content.decode()
    assert "Đăng nhập để làm bài kiểm tra" not in body
