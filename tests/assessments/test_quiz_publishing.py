"""A completion quiz refuses to publish while a rule's reviewed pool is smaller
than ASSESSMENTS_POOL_MULTIPLE × what it draws, and says which rule lacks how
many questions; publishing records an audit event."""

import pytest
from django.urls import reverse

from assessments.actions.review import do_approve_question
from assessments.models import Quiz
from assessments.scoring.spec import Choice, QuestionSpec
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.framework.models import CompetencyArea

pytestmark = pytest.mark.django_db


def single(text):
    return QuestionSpec(
        id="",
        qtype="single",
        choices=(Choice("1", text, 1.0), Choice("2", "Không", 0.0), Choice("3", "Chưa rõ", 0.0)),
    )


@pytest.fixture
def reviewer(make_user):
    return make_user(Role.REVIEWER, audience="")


@pytest.fixture
def approved(make_question, reviewer):
    def make(count, codes=("ND.1.1",)):
        questions = [make_question(single(f"Có {i}"), codes=codes) for i in range(count)]
        for question in questions:
            do_approve_question(reviewer, question)
        return questions

    return make


def form_data(framework, area, *, count=2, certificate=True):
    data = {
        "title": "Kiểm tra hoàn thành thử",
        "slug": "kiem-tra-hoan-thanh-thu",
        "audience": "resident",
        "framework": framework.pk,
        "grace_seconds": "60",
        "max_attempts": "0",
        "grading_method": "highest",
        "retake_wait_hours": "24",
        "retake_after_failures": "2",
        "review_after_submit": ["score"],
        "is_published": "on",
        "rules-TOTAL_FORMS": "1",
        "rules-INITIAL_FORMS": "0",
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
        "rules-0-position": "0",
        "rules-0-kind": "random",
        "rules-0-count": str(count),
        "rules-0-area": area.pk,
        "rules-0-include_subcategories": "on",
    }
    if certificate:
        data["counts_for_certificate"] = "on"
    return data


def test_completion_quiz_with_a_small_pool_is_not_published(
    client, instructor, framework, approved, make_question
):
    approved(4)
    make_question(single("Chưa duyệt"), codes=("ND.1.2",))  # published, not reviewed
    area = CompetencyArea.objects.get(framework=framework, code="ND.1")
    client.force_login(instructor)
    response = client.post(reverse("assessments:quiz_new"), form_data(framework, area))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Quy tắc 1" in body
    assert "4 câu đã duyệt" in body and "cần ít nhất 6" in body and "thiếu 2 câu" in body
    assert not Quiz.objects.exists()  # nothing saved
    assert not AuditEvent.objects.filter(verb="assessments.quiz_published").exists()

    approved(2, codes=("ND.1.2",))
    response = client.post(reverse("assessments:quiz_new"), form_data(framework, area))
    assert response.status_code == 302, response.content.decode()[-2000:]
    quiz = Quiz.objects.get()
    assert quiz.is_published
    event = AuditEvent.objects.get(verb="assessments.quiz_published")
    assert event.actor == instructor and event.target_id == str(quiz.pk)


def test_the_multiple_is_a_setting(client, instructor, framework, approved, settings):
    settings.ASSESSMENTS_POOL_MULTIPLE = 2
    approved(4)
    area = CompetencyArea.objects.get(framework=framework, code="ND.1")
    client.force_login(instructor)
    response = client.post(reverse("assessments:quiz_new"), form_data(framework, area))
    assert response.status_code == 302


def test_practice_quizzes_publish_with_any_pool(client, instructor, framework, make_question):
    make_question(single("Một"), codes=("ND.1.1",))
    area = CompetencyArea.objects.get(framework=framework, code="ND.1")
    client.force_login(instructor)
    data = form_data(framework, area, certificate=False)
    assert client.post(reverse("assessments:quiz_new"), data).status_code == 302
    assert Quiz.objects.get().is_published
