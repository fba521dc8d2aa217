"""The REST API: learner flow, staff bank and results, errors as clear 4xx."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from assessments.models import Attempt, Question
from assessments.scoring import correct_response

from .conftest import SECRET_FEEDBACK, SECRET_GENERAL, SECRET_SHORT

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def key_response(question):
    """The JSON response that answers an open question (from the API payload)
    right. Option values are opaque per-slot tokens: the key's ids are mapped
    to them through the option texts, as a client that knew the answers would."""
    version = Question.objects.get(current_version__stem=question["stem"]).current_version
    spec = version.question_spec
    key = correct_response(spec)
    if spec.qtype in ("single", "multiple", "ordering"):
        texts = {c.id: c.text for c in spec.choices} | {i.id: i.text for i in spec.items}
        value_of = {option["text"]: option["value"] for option in question["options"]}
        if isinstance(key, str):
            return value_of[texts[key]]
        return [value_of[texts[option_id]] for option_id in key]
    if isinstance(key, frozenset):
        return sorted(key)
    if isinstance(key, tuple):
        return list(key)
    if isinstance(key, float):
        return f"{key:g}"
    return key if key is not None else "Bài luận"


def test_learner_flow_with_token_auth(api, learner, quiz):
    token = Token.objects.create(user=learner)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    listing = api.get("/api/v1/quizzes/").json()
    assert [q["slug"] for q in listing["results"]] == [quiz.slug]
    started = api.post(f"/api/v1/quizzes/{quiz.slug}/start/")
    assert started.status_code == 201
    body = started.json()
    text = json.dumps(body, ensure_ascii=False)
    for secret in (SECRET_FEEDBACK, SECRET_GENERAL, SECRET_SHORT, "fraction", "feedback"):
        assert secret not in text
    again = api.post(f"/api/v1/quizzes/{quiz.slug}/start/").json()
    assert again["id"] == body["id"]
    # Start gives the first question only; the attempt gives them all.
    assert body["total"] == 8 and [q["position"] for q in body["questions"]] == [1]
    questions = api.get(f"/api/v1/attempts/{body['id']}/").json()["questions"]
    assert api.get(f"/api/v1/attempts/{body['id']}/questions/2/").json() == questions[1]
    for question in questions:
        response = api.put(
            f"/api/v1/attempts/{body['id']}/answers/{question['position']}/",
            {"response": key_response(question)},
            format="json",
        )
        assert response.status_code == 200, response.content
    result = api.post(f"/api/v1/attempts/{body['id']}/submit/").json()
    assert result["state"] == "submitted"
    assert result["points"] == 7 and result["max_points"] == 8
    assert result["needs_grading"] is True
    assert set(result["per_area"]) == {"ND.4", "ND.5"}
    # a retry returns the same stored result
    assert api.post(f"/api/v1/attempts/{body['id']}/submit/").json()["points"] == 7


def test_api_errors_are_clear(api, learner, make_user, quiz):
    api.force_authenticate(learner)
    attempt_id = api.post(f"/api/v1/quizzes/{quiz.slug}/start/").json()["id"]
    missing = api.put(
        f"/api/v1/attempts/{attempt_id}/answers/99/", {"response": "x"}, format="json"
    )
    assert missing.status_code == 400
    assert missing.json()["code"] == "question_not_in_attempt"
    bad = api.put(f"/api/v1/attempts/{attempt_id}/answers/1/", {"response": "nope"}, format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_answer"
    assert api.get(f"/api/v1/attempts/{attempt_id}/result/").status_code == 409
    api.force_authenticate(make_user())
    other = api.put(f"/api/v1/attempts/{attempt_id}/answers/1/", {"response": "x"}, format="json")
    assert other.status_code == 404
    assert api.get(f"/api/v1/attempts/{attempt_id}/").status_code == 404
    api.force_authenticate(learner)
    api.post(f"/api/v1/attempts/{attempt_id}/submit/")
    closed = api.put(f"/api/v1/attempts/{attempt_id}/answers/6/", {"response": "x"}, format="json")
    assert closed.status_code == 409 and closed.json()["code"] == "attempt_closed"
    assert Attempt.objects.get(pk=attempt_id).slots.filter(response__isnull=False).count() == 0


def test_anonymous_is_refused(api, quiz):
    assert api.get("/api/v1/quizzes/").status_code in (401, 403)


def test_staff_question_crud(api, editor, learner, framework):
    api.force_authenticate(learner)
    assert api.get("/api/v1/questions/").status_code == 403
    api.force_authenticate(editor)
    payload = {
        "name": "Mã QR",
        "category": "API/Thanh toán",
        "stem": "<p>Quét mã QR để làm gì?</p>",
        "status": "published",
        "audiences": ["resident"],
        "competency_codes": ["ND.4.3"],
        "tags": ["qr"],
        "spec": {
            "id": "",
            "qtype": "single",
            "choices": [
                {"id": "a", "text": "Thanh toán", "fraction": 1.0},
                {"id": "b", "text": "Gọi điện", "fraction": 0.0},
            ],
        },
    }
    created = api.post("/api/v1/questions/", payload, format="json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["competencies"] == ["ND.4.3"] and data["version"] == 1
    assert data["tags"] == ["qr"]
    edited = api.patch(
        f"/api/v1/questions/{data['id']}/", {"stem": "<p>Mã QR dùng để làm gì?</p>"}, format="json"
    )
    assert edited.status_code == 200 and edited.json()["version"] == 2
    bad = api.post("/api/v1/questions/", {**payload, "spec": {"qtype": "single"}}, format="json")
    assert bad.status_code == 400
    listing = api.get(
        "/api/v1/questions/?competency=" + str(Question.objects.get().competencies.get().pk)
    )
    assert listing.json()["count"] == 1


def test_staff_import_endpoint(api, instructor, framework):
    api.force_authenticate(instructor)
    good = SimpleUploadedFile("a.gift", "::A::Câu hỏi? {=Đúng ~Sai}\n".encode())
    response = api.post("/api/v1/questions/import/", {"file": good, "format": "gift"})
    assert response.status_code == 200 and response.json()["imported"] == 1
    bad = SimpleUploadedFile("b.gift", b"::B::{=x ~y\n")
    response = api.post("/api/v1/questions/import/", {"file": bad, "format": "gift"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["line"] == 1


def test_quiz_results_for_staff_only(api, instructor, learner, quiz):
    from assessments.actions import start_or_resume_attempt, submit_attempt

    quiz.created_by = instructor
    quiz.save()
    submit_attempt(start_or_resume_attempt(quiz, learner))
    api.force_authenticate(learner)
    assert api.get(f"/api/v1/quiz-results/{quiz.slug}/").status_code == 403
    api.force_authenticate(instructor)
    body = api.get(f"/api/v1/quiz-results/{quiz.slug}/").json()
    assert len(body["attempts"]) == 1 and body["questions"]


def test_schema_documents_the_endpoints(api, learner):
    api.force_authenticate(learner)
    schema = api.get("/api/v1/schema/").content.decode()
    for path in (
        "/api/v1/quizzes/{slug}/start/",
        "/api/v1/attempts/{id}/submit/",
        "/api/v1/questions/import/",
    ):
        assert path in schema
