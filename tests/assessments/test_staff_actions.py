"""The staff action layer as a user drives it: the quiz builder (slug from the
title, as many rules as needed), the question bank API and the exports, each
write read back from the audit trail."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from assessments.actions import save_answer, start_or_resume_attempt, submit_attempt
from assessments.models import Question, Quiz, QuizRule
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.framework.models import Competency, CompetencyArea

pytestmark = pytest.mark.django_db


def builder_post(framework, rules, **fields):
    data = {
        "title": "Kiểm tra an toàn số",
        "slug": "",
        "audience": "resident",
        "framework": framework.pk,
        "grace_seconds": "60",
        "max_attempts": "0",
        "grading_method": "highest",
        "rules-TOTAL_FORMS": str(len(rules)),
        "rules-INITIAL_FORMS": "0",
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for index, rule in enumerate(rules):
        data.update({f"rules-{index}-{name}": value for name, value in rule.items()})
    return data


def random_rule(position, area, count=1):
    return {"position": str(position), "kind": "random", "count": str(count), "area": area.pk}


def test_the_slug_is_made_from_the_title_and_kept_free(client, instructor, framework, bank):
    client.force_login(instructor)
    area = Competency.objects.get(code="ND.5.2").area
    post = builder_post(framework, [random_rule(0, area)])
    assert client.post(reverse("assessments:quiz_new"), post).status_code == 302
    assert client.post(reverse("assessments:quiz_new"), post).status_code == 302
    slugs = sorted(Quiz.objects.values_list("slug", flat=True))
    assert slugs == ["kiem-tra-an-toan-so", "kiem-tra-an-toan-so-2"]
    # A typed slug is kept.
    post = builder_post(framework, [random_rule(0, area)], slug="an-toan-rieng")
    assert client.post(reverse("assessments:quiz_new"), post).status_code == 302
    assert Quiz.objects.filter(slug="an-toan-rieng").exists()


def test_a_quiz_takes_as_many_rules_as_needed_in_one_save(client, instructor, framework, bank):
    client.force_login(instructor)
    areas = list(CompetencyArea.objects.filter(audience="resident").order_by("position"))[:2]
    fixed = {"position": "2", "kind": "fixed", "count": "1", "question": bank[0].pk}
    rules = [random_rule(0, areas[0]), random_rule(1, areas[1]), fixed]
    response = client.post(reverse("assessments:quiz_new"), builder_post(framework, rules))
    assert response.status_code == 302, response.content.decode()[-2000:]
    quiz = Quiz.objects.get()
    assert quiz.rules.count() == 3
    page = client.get(reverse("assessments:quiz_edit", args=[quiz.pk])).content.decode()
    # The availability per rule is still shown, and one empty rule waits.
    assert page.count("Có sẵn") + page.count("có ") >= 2
    assert 'name="rules-3-kind"' in page
    event = AuditEvent.objects.get(verb="assessments.quiz_created")
    assert event.actor == instructor and event.target_id == str(quiz.pk)
    assert event.extra["rules_saved"] == 3


def test_add_a_rule_without_javascript_saves_nothing(client, instructor, framework, bank):
    client.force_login(instructor)
    area = Competency.objects.get(code="ND.5.2").area
    post = builder_post(framework, [random_rule(0, area)], add_rule="1")
    response = client.post(reverse("assessments:quiz_new"), post)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="rules-1-kind"' in html  # one more rule to fill in
    assert 'value="Kiểm tra an toàn số"' in html  # what was typed is kept
    assert 'id="quiz-rule-template"' in html  # the JavaScript copy of an empty rule
    assert not Quiz.objects.exists() and not QuizRule.objects.exists()


def test_publishing_a_quiz_is_recorded_once(client, instructor, framework, bank):
    client.force_login(instructor)
    area = Competency.objects.get(code="ND.5.2").area
    post = builder_post(framework, [random_rule(0, area)], is_published="on")
    assert client.post(reverse("assessments:quiz_new"), post).status_code == 302
    quiz = Quiz.objects.get()
    edit = builder_post(framework, [], is_published="on", slug=quiz.slug)
    edit.update({"rules-TOTAL_FORMS": "0"})
    assert client.post(reverse("assessments:quiz_edit", args=[quiz.pk]), edit).status_code == 302
    assert AuditEvent.objects.filter(verb="assessments.quiz_published").count() == 1
    assert AuditEvent.objects.filter(verb="assessments.quiz_changed").count() == 1


QUESTION = {
    "name": "Mã QR",
    "category": "API/Thanh toán",
    "stem": "<p>Quét mã QR để làm gì?</p>",
    "status": "draft",
    "audiences": ["resident"],
    "competency_codes": ["ND.4.3"],
    "spec": {
        "id": "",
        "qtype": "single",
        "choices": [
            {"id": "a", "text": "Thanh toán", "fraction": 1.0},
            {"id": "b", "text": "Gọi điện", "fraction": 0.0},
        ],
    },
}


def test_the_question_api_writes_through_actions_and_the_trail(make_user, framework):
    editor = make_user(Role.EDITOR, audience="")
    api = APIClient()
    api.force_authenticate(editor)
    created = api.post("/api/v1/questions/", QUESTION, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert AuditEvent.objects.get(verb="assessments.question_created").actor == editor
    assert not AuditEvent.objects.filter(verb="assessments.question_published").exists()
    published = api.patch(f"/api/v1/questions/{pk}/", {"status": "published"}, format="json")
    assert published.status_code == 200
    event = AuditEvent.objects.get(verb="assessments.question_published")
    assert event.target_id == str(pk) and event.extra["version"] == 1
    # Saving it again published is no second publication.
    api.patch(f"/api/v1/questions/{pk}/", {"name": "Mã QR (sửa)"}, format="json")
    assert AuditEvent.objects.filter(verb="assessments.question_published").count() == 1
    bad = api.post("/api/v1/questions/", {**QUESTION, "spec": {"qtype": "single"}}, format="json")
    assert bad.status_code == 400 and list(bad.json()) == ["spec"]
    unknown = api.post(
        "/api/v1/questions/", {**QUESTION, "competency_codes": ["XX.9"]}, format="json"
    )
    assert unknown.status_code == 400 and "XX.9" in unknown.json()["competency_codes"][0]
    assert api.delete(f"/api/v1/questions/{pk}/").status_code == 204
    assert not Question.objects.filter(pk=pk).exists()
    deleted = AuditEvent.objects.get(verb="assessments.question_deleted")
    assert deleted.actor == editor and deleted.target_label.startswith("Mã QR")


def test_a_question_used_in_an_attempt_is_not_deleted(make_user, quiz, learner):
    start_or_resume_attempt(quiz, learner)
    question = quiz.rules.first().question
    api = APIClient()
    api.force_authenticate(make_user(Role.EDITOR, audience=""))
    response = api.delete(f"/api/v1/questions/{question.pk}/")
    assert response.status_code == 400 and response.json()["code"] == "question_in_use"
    assert Question.objects.filter(pk=question.pk).exists()
    assert not AuditEvent.objects.filter(verb="assessments.question_deleted").exists()


def test_results_exports_speak_vietnamese_and_are_recorded(client, instructor, quiz, make_user):
    quiz.created_by = instructor
    quiz.save()
    learner = make_user(full_name="Trần Thị Bình")
    attempt = start_or_resume_attempt(quiz, learner)
    save_answer(learner, attempt.pk, 6, "Cổng dịch vụ công bí mật")
    submit_attempt(attempt)
    client.force_login(instructor)
    response = client.get(reverse("assessments:quiz_results_export", args=[quiz.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    areas = CompetencyArea.objects.filter(audience="resident").order_by("position")
    assert rows[0][:4] == ["Họ và tên", "Tên đăng nhập", "Đơn vị nơi ở", "Lượt"]
    assert rows[0][10:] == [f"{area.name} (%)" for area in areas]
    assert rows[1][0] == "Trần Thị Bình" and rows[1][9] in ("có", "không")
    response = client.get(reverse("assessments:quiz_results_export", args=[quiz.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Kết quả"
    assert [cell.value for cell in next(sheet.iter_rows())][:2] == ["Họ và tên", "Tên đăng nhập"]
    events = AuditEvent.objects.filter(verb="assessments.results_exported").order_by("id")
    assert [(e.extra["format"], e.extra["rows"]) for e in events] == [("csv", 1), ("xlsx", 1)]
    assert client.get(f"/quizzes/manage/quizzes/{quiz.pk}/results.pdf").status_code == 404


def test_exporting_the_bank_is_recorded(client, instructor, bank):
    client.force_login(instructor)
    assert client.get(reverse("assessments:export"), {"format": "xlsx"}).status_code == 200
    event = AuditEvent.objects.get(verb="assessments.questions_exported")
    assert event.actor == instructor and event.extra == {"format": "xlsx", "questions": len(bank)}


def test_an_import_is_one_event(client, instructor, framework):
    client.force_login(instructor)
    template = client.get(reverse("assessments:import_template"))
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("mau.xlsx", template.content)
    client.post(reverse("assessments:import"), {"file": upload, "format": "xlsx", "publish": "on"})
    event = AuditEvent.objects.get(verb="assessments.questions_imported")
    assert event.extra["created"] == 2 and event.extra["published"] is True
    assert not AuditEvent.objects.filter(verb="assessments.question_created").exists()
