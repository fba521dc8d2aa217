"""The reviewed certification pool (issue 10, point 3): questions an instructor
imports and publishes are not drawn by a completion quiz until another person
with the reviewer role approves them; a new version leaves the pool until it is
reviewed again; retired, classroom and practice questions never enter it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from assessments.models import Question
from lms.accounts.roles import Role, grant_role
from lms.audit.models import AuditEvent
from lms.framework.models import Competency, CompetencyArea

pytestmark = pytest.mark.django_db

CLASSROOM_GIFT = """$CATEGORY: Lớp thầy Đức/Buổi 3

// [tag:ND.1.1]
::Lớp 1::Nút nguồn dùng để làm gì?{=Bật và tắt máy ~Chụp ảnh ~Gọi điện ~Mở loa}

// [tag:ND.1.1]
::Lớp 2::Biểu tượng Wi-Fi nằm ở đâu?{=Thanh trạng thái ~Danh bạ ~Tin nhắn ~Máy ảnh}

// [tag:ND.1.2]
::Lớp 3::Kho ứng dụng của Android tên là gì?{=CH Play ~Zalo ~Facebook ~YouTube}

// [tag:ND.1.2]
::Lớp 4::Muốn gỡ ứng dụng thì vào đâu?{=Cài đặt ~Máy ảnh ~Đồng hồ ~Lịch}
"""


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def reviewer(make_user):
    return make_user(Role.REVIEWER, audience="", username="kiemduyet-thu")


@pytest.fixture
def completion_quiz(make_quiz, framework):
    area = CompetencyArea.objects.get(framework=framework, code="ND.1")
    return make_quiz(
        random_rules=[{"count": 2, "area": area}],
        counts_for_certificate=True,
        slug="hoan-thanh-nguoi-dan",
    )


def _import_as(api, user, text=CLASSROOM_GIFT):
    api.force_authenticate(user)
    upload = SimpleUploadedFile("lop.gift", text.encode())
    response = api.post(
        "/api/v1/questions/import/", {"file": upload, "format": "gift", "publish": True}
    )
    assert response.status_code == 200, response.content
    return list(Question.objects.filter(category__path__startswith="Lớp thầy Đức"))


def test_instructor_import_is_not_drawn_by_a_completion_quiz(
    api, instructor, learner, reviewer, completion_quiz, settings
):
    # Two approved questions for a rule drawing two: allowed once the multiple is 1
    # (test_pool_watch.py covers the default 3×).
    settings.ASSESSMENTS_POOL_MULTIPLE = 1
    imported = _import_as(api, instructor)
    assert len(imported) == 4 and all(q.status == "published" for q in imported)

    api.force_authenticate(learner)
    response = api.post(f"/api/v1/quizzes/{completion_quiz.slug}/start/")
    # Nothing reviewed: the completion quiz's pool is empty, no attempt starts.
    assert response.status_code == 409, response.json()
    assert response.json()["code"] == "pool_undersized"

    # The instructor may not approve (not a reviewer); a reviewer approves two.
    api.force_authenticate(instructor)
    assert api.post(f"/api/v1/questions/{imported[0].pk}/approve/").status_code == 403
    api.force_authenticate(reviewer)
    for question in imported[:2]:
        response = api.post(f"/api/v1/questions/{question.pk}/approve/")
        assert response.status_code == 200, response.content
        assert response.json()["review_state"] == "approved"
        assert response.json()["in_certification_pool"] is True
    approved = {q.pk for q in imported[:2]}

    api.force_authenticate(learner)
    response = api.post(f"/api/v1/quizzes/{completion_quiz.slug}/start/")
    assert response.status_code == 201
    attempt = api.get(f"/api/v1/attempts/{response.json()['id']}/").json()
    drawn = {
        Question.objects.get(current_version__stem=item["stem"]).pk for item in attempt["questions"]
    }
    assert drawn == approved
    events = AuditEvent.objects.filter(verb="assessments.question_approved")
    assert {int(e.target_id) for e in events} == approved
    assert all(e.actor == reviewer for e in events)


def test_the_author_cannot_approve_their_own_question(api, make_user, completion_quiz):
    author = make_user(Role.EDITOR, audience="")
    grant_role(author, Role.REVIEWER)
    other = make_user(Role.REVIEWER, audience="")
    question = _import_as(api, author)[0]

    api.force_authenticate(author)
    response = api.post(f"/api/v1/questions/{question.pk}/approve/")
    assert response.status_code == 403
    assert response.json()["code"] == "own_question"
    question.refresh_from_db()
    assert question.approved_version_id is None
    assert not AuditEvent.objects.filter(verb="assessments.question_approved").exists()

    api.force_authenticate(other)
    assert api.post(f"/api/v1/questions/{question.pk}/approve/").status_code == 200


def test_a_new_version_leaves_the_pool_until_reviewed_again(
    api, editor, reviewer, learner, completion_quiz
):
    questions = _import_as(api, editor)
    api.force_authenticate(reviewer)
    for question in questions:
        api.post(f"/api/v1/questions/{question.pk}/approve/")
    edited = questions[0]
    api.force_authenticate(editor)
    response = api.patch(
        f"/api/v1/questions/{edited.pk}/",
        {"stem": "<p>Nút nguồn của điện thoại dùng để làm gì?</p>"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["review_state"] == "waiting"
    assert response.json()["in_certification_pool"] is False
    in_pool = set(Question.objects.in_certification_pool().values_list("pk", flat=True))
    assert in_pool == {q.pk for q in questions[1:]}


def test_classroom_and_retired_questions_never_enter(api, editor, reviewer, completion_quiz):
    classroom, retired, *_rest = _import_as(api, editor)
    api.force_authenticate(editor)
    response = api.patch(
        f"/api/v1/questions/{classroom.pk}/", {"usage": "classroom"}, format="json"
    )
    assert response.status_code == 200
    api.force_authenticate(reviewer)
    response = api.post(f"/api/v1/questions/{classroom.pk}/approve/")
    assert response.status_code == 409 and response.json()["code"] == "not_reviewable"
    assert api.post(f"/api/v1/questions/{retired.pk}/approve/").status_code == 200
    response = api.post(f"/api/v1/questions/{retired.pk}/retire/")
    assert response.status_code == 200 and response.json()["status"] == "retired"
    assert not Question.objects.in_certification_pool().filter(pk=retired.pk).exists()
    assert AuditEvent.objects.filter(
        verb="assessments.question_retired", target_id=str(retired.pk)
    ).exists()


def test_reviewers_work_from_the_staff_pages(client, editor, reviewer, api, completion_quiz):
    first, second, *_rest = _import_as(api, editor)
    client.force_login(reviewer)
    page = client.get(reverse("assessments:review_queue"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Lớp 1" in body and "Lớp 4" in body

    response = client.post(reverse("assessments:question_approve", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.approved_version_id == first.current_version_id

    # Sending back needs a comment; without one nothing changes.
    url = reverse("assessments:question_return", args=[second.pk])
    assert client.post(url, {"comment": " "}).status_code == 400
    response = client.post(url, {"comment": "Đáp án nhiễu quá dễ đoán, viết lại."})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.review_state == "returned"
    assert second.review_comment == "Đáp án nhiễu quá dễ đoán, viết lại."
    event = AuditEvent.objects.get(verb="assessments.question_returned")
    assert event.extra["comment"] == "Đáp án nhiễu quá dễ đoán, viết lại."
    body = client.get(reverse("assessments:review_queue")).content.decode()
    assert "Lớp 1" not in body and "Lớp 2" not in body and "Lớp 3" in body

    # The author sees the comment on the question page; editors cannot approve.
    client.force_login(editor)
    preview = client.get(reverse("assessments:question_preview", args=[second.pk]))
    assert "Đáp án nhiễu quá dễ đoán" in preview.content.decode()
    response = client.post(reverse("assessments:question_approve", args=[second.pk]))
    assert response.status_code == 403


def test_fixed_rule_of_a_completion_quiz_needs_a_reviewed_question(api, editor, learner, make_quiz):
    question = _import_as(api, editor)[0]
    quiz = make_quiz([question], counts_for_certificate=True)
    api.force_authenticate(learner)
    response = api.post(f"/api/v1/quizzes/{quiz.slug}/start/")
    assert response.status_code == 409
    assert response.json()["code"] == "pool_undersized"


def test_practice_quizzes_still_draw_unreviewed_questions(api, editor, learner, make_quiz):
    questions = _import_as(api, editor)
    competency = Competency.objects.get(code="ND.1.1")
    quiz = make_quiz(random_rules=[{"count": 2, "competency": competency}])
    api.force_authenticate(learner)
    response = api.post(f"/api/v1/quizzes/{quiz.slug}/start/")
    assert response.status_code == 201 and response.json()["total"] == 2
    assert len(questions) == 4
