"""Issue 10 §3 (leftover): the 3× pool rule holds after publication too. When a
question leaves the reviewed pool (retired, or edited into a version waiting for
review), completion quizzes whose pool drops below the multiple are flagged to
staff (audit event, e-mail), and no certification attempt starts on them: the
learner is told why, in Vietnamese."""

import dataclasses

import pytest
from django.core import mail
from django.urls import reverse

from assessments.actions import QuestionData, do_update_question, start_or_resume_attempt
from assessments.actions.errors import PoolUndersized
from assessments.actions.pool_watch import FLAGGED_VERB
from assessments.actions.review import do_approve_question, do_retire_question
from assessments.models import Attempt, Quiz, QuizRule, RuleKind
from assessments.scoring.spec import Choice, QuestionSpec
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.framework.models import CompetencyArea

pytestmark = pytest.mark.django_db

REFUSAL_VI = "Bài kiểm tra cấp chứng nhận này hiện chưa thể bắt đầu"


def single(text):
    return QuestionSpec(
        id="",
        qtype="single",
        choices=(Choice("1", text, 1.0), Choice("2", "Không", 0.0), Choice("3", "Chưa rõ", 0.0)),
    )


@pytest.fixture
def pool(make_question, make_user):
    """Six reviewed questions in area ND.1: exactly 3× a rule drawing two."""
    reviewer = make_user(Role.REVIEWER, audience="")
    questions = [make_question(single(f"Có {i}"), codes=("ND.1.1",)) for i in range(6)]
    for question in questions:
        do_approve_question(reviewer, question)
    return questions


def completion_quiz(framework, author, *, counts=True, slug="hoan-thanh"):
    quiz = Quiz.objects.create(
        framework=framework,
        title=f"Kiểm tra {slug}",
        slug=slug,
        audience="resident",
        is_published=True,
        counts_for_certificate=counts,
        created_by=author,
    )
    area = CompetencyArea.objects.get(framework=framework, code="ND.1")
    QuizRule.objects.create(quiz=quiz, kind=RuleKind.RANDOM, count=2, area=area)
    return quiz


@pytest.fixture
def author(make_user):
    return make_user(Role.INSTRUCTOR, audience="", email="tac-gia@example.vn")


def test_retiring_a_question_flags_the_quiz_and_refuses_new_attempts(
    client, framework, pool, author, editor, learner, django_capture_on_commit_callbacks
):
    quiz = completion_quiz(framework, author)
    practice = completion_quiz(framework, author, counts=False, slug="luyen-tap")
    assert start_or_resume_attempt(quiz, learner)  # 6 of 6 needed: fine

    with django_capture_on_commit_callbacks(execute=True):
        do_retire_question(editor, pool[0])

    event = AuditEvent.objects.get(verb=FLAGGED_VERB)
    assert event.target_id == str(quiz.pk) and event.actor == editor
    assert event.extra["question"] == pool[0].pk
    assert event.extra["rules"] == [{"position": 1, "available": 5, "needed": 6}]
    assert not AuditEvent.objects.filter(verb=FLAGGED_VERB, target_id=str(practice.pk)).exists()
    assert "tac-gia@example.vn" in [message.to[0] for message in mail.outbox]
    message = next(m for m in mail.outbox if m.to == ["tac-gia@example.vn"])
    assert quiz.title in message.body and pool[0].name in message.body
    assert "5 câu đã duyệt" in message.body and "cần ít nhất 6" in message.body

    other = learner.__class__.objects.create(username="hoc-vien-2", audience="resident")
    with pytest.raises(PoolUndersized):
        start_or_resume_attempt(quiz, other)
    assert start_or_resume_attempt(practice, other)  # practice quizzes draw what there is

    client.force_login(other)
    response = client.post(reverse("assessments:start", args=[quiz.slug]), follow=True)
    assert REFUSAL_VI in response.content.decode()
    assert not Attempt.objects.filter(user=other, quiz=quiz).exists()
    api = client.post(f"/api/v1/quizzes/{quiz.slug}/start/")
    assert api.status_code == 409
    assert api.json()["code"] == "pool_undersized"
    assert REFUSAL_VI in api.json()["detail"]


def test_an_attempt_already_open_is_resumed(framework, pool, author, editor, learner):
    quiz = completion_quiz(framework, author)
    attempt = start_or_resume_attempt(quiz, learner)
    do_retire_question(editor, pool[0])
    assert start_or_resume_attempt(quiz, learner).pk == attempt.pk


def test_an_edit_that_waits_for_review_flags_too(framework, pool, author, editor):
    quiz = completion_quiz(framework, author)
    question = pool[1]
    version = question.current_version
    data = QuestionData(
        name=question.name,
        stem="<p>Câu hỏi đã sửa?</p>",
        spec=dataclasses.replace(version.question_spec, id=""),
        category=question.category,
        status="published",
        competencies=list(question.competencies.all()),
        audiences=list(question.audiences),
    )
    do_update_question(question, data, editor)
    question.refresh_from_db()
    assert not question.in_certification_pool
    assert AuditEvent.objects.filter(verb=FLAGGED_VERB, target_id=str(quiz.pk)).count() == 1


def test_a_pool_still_large_enough_flags_nothing(framework, pool, make_question, author, editor):
    completion_quiz(framework, author)
    spare = make_question(single("Dự phòng"), codes=("ND.1.2",))
    reviewer = author.__class__.objects.create(username="duyet-2", audience="")
    from lms.accounts.roles import grant_role

    grant_role(reviewer, Role.REVIEWER)
    do_approve_question(reviewer, spare)
    do_retire_question(editor, pool[0])
    assert not AuditEvent.objects.filter(verb=FLAGGED_VERB).exists()
