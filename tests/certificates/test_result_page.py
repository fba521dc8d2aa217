"""The quiz result page never dead-ends: it says what happened to the certificate
(a link to it, or what is still missing), and its actions come before the review."""

import re

import pytest
from django.urls import reverse

from lms.accounts.roles import Role

pytestmark = pytest.mark.django_db


def _result(client, attempt):
    response = client.get(reverse("assessments:result", kwargs={"attempt_id": attempt.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_passing_the_completion_quiz_announces_the_certificate_with_a_link(
    client, learner, completion_quiz, take_quiz, issuer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attempt = take_quiz(learner, completion_quiz)
    certificate = learner.certificates.get()
    client.force_login(learner)

    body = _result(client, attempt)

    assert "Bạn đã được cấp chứng nhận hoàn thành" in body
    assert reverse("certificates:pdf", kwargs={"code": certificate.code}) in body
    assert certificate.printed_code in body


def test_a_failed_area_says_what_is_still_missing_for_the_certificate(
    client, learner, completion_quiz, take_quiz, resident_areas
):
    weak = resident_areas[-1]
    attempt = take_quiz(learner, completion_quiz, wrong_areas={weak.code})
    client.force_login(learner)

    body = _result(client, attempt)

    assert "Chưa được cấp chứng nhận" in body
    missing = body.split("Chưa được cấp chứng nhận", 1)[1]
    assert weak.display_name in missing
    assert "cần ít nhất" in missing
    assert "/certificates/" not in body


def test_a_practice_quiz_result_says_nothing_about_a_certificate(
    client, learner, completion_quiz, take_quiz
):
    completion_quiz.counts_for_certificate = False
    completion_quiz.save()
    attempt = take_quiz(learner, completion_quiz)
    client.force_login(learner)

    body = _result(client, attempt)

    assert "chứng nhận hoàn thành" not in body.lower()


def test_a_learner_who_already_holds_the_certificate_is_told_so(
    client, learner, completion_quiz, take_quiz, certificate
):
    later = take_quiz(learner, completion_quiz)
    client.force_login(learner)

    body = _result(client, later)

    assert reverse("certificates:pdf", kwargs={"code": certificate.code}) in body


def test_the_actions_come_before_a_collapsed_review(
    client, learner, completion_quiz, take_quiz, resident_areas
):
    completion_quiz.review_after_submit = ["score", "responses", "correctness", "right_answer"]
    completion_quiz.save()
    attempt = take_quiz(learner, completion_quiz, wrong_areas={resident_areas[0].code})
    client.force_login(learner)

    body = _result(client, attempt)

    back = body.index(reverse("assessments:quiz", kwargs={"slug": completion_quiz.slug}))
    review = body.index("review-item")
    assert back < review
    # The review is folded away without JavaScript: a closed <details> around it.
    details = re.search(r"<details([^>]*)>\s*<summary", body)
    assert details and "open" not in details.group(1)
    assert details.start() < review


def test_someone_elses_result_stays_hidden(client, learner, completion_quiz, take_quiz, make_user):
    attempt = take_quiz(learner, completion_quiz)
    client.force_login(make_user(Role.LEARNER))
    response = client.get(reverse("assessments:result", kwargs={"attempt_id": attempt.pk}))
    assert response.status_code == 404
