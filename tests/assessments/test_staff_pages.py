"""Staff pages: permissions on every view, bank filters, forms per type, preview,
quiz builder, results with statistics, exports, import page, essay grading."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from assessments.actions import save_answer, start_or_resume_attempt, submit_attempt
from assessments.models import Attempt, Question, Quiz, QuizRule
from lms.framework.models import Competency

from .conftest import SECRET_FEEDBACK

pytestmark = pytest.mark.django_db

STAFF_URLS = [
    ("assessments:bank", []),
    ("assessments:question_new", []),
    ("assessments:import", []),
    ("assessments:import_template", []),
    ("assessments:export", []),
    ("assessments:manage_quizzes", []),
    ("assessments:quiz_new", []),
    ("assessments:grading", []),
]


@pytest.mark.parametrize(("name", "args"), STAFF_URLS)
def test_learners_are_refused_and_anonymous_sent_to_login(client, learner, name, args):
    url = reverse(name, args=args)
    assert client.get(url).status_code == 302
    client.force_login(learner)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(("name", "args"), STAFF_URLS)
def test_instructors_reach_every_staff_page(client, instructor, framework, name, args):
    client.force_login(instructor)
    assert client.get(reverse(name, args=args)).status_code == 200


def test_object_pages_are_protected(client, learner, quiz, bank):
    client.force_login(learner)
    for name, args in [
        ("assessments:question_edit", [bank[0].pk]),
        ("assessments:question_preview", [bank[0].pk]),
        ("assessments:quiz_edit", [quiz.pk]),
        ("assessments:quiz_results", [quiz.pk]),
        ("assessments:quiz_results_export", [quiz.pk, "csv"]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403


def test_editors_cannot_see_results(client, editor, quiz):
    client.force_login(editor)
    assert client.get(reverse("assessments:quiz_results", args=[quiz.pk])).status_code == 403


def test_bank_filters(client, instructor, bank):
    client.force_login(instructor)
    competency = Competency.objects.get(code="ND.4.2")
    html = client.get(reverse("assessments:bank"), {"competency": competency.pk}).content.decode()
    names_in = [q.name for q in bank if q.competencies.filter(pk=competency.pk).exists()]
    names_out = [q.name for q in bank if q.name not in names_in]
    assert all(name in html for name in names_in)
    assert not any(name in html for name in names_out)
    html = client.get(reverse("assessments:bank"), {"qtype": "essay"}).content.decode()
    assert sum(1 for q in bank if q.name in html) == 1


def test_preview_shows_the_learner_view_without_keys(client, instructor, bank):
    client.force_login(instructor)
    html = client.get(reverse("assessments:question_preview", args=[bank[0].pk])).content.decode()
    assert "Từ chối và gác máy" in html and 'type="radio"' in html
    assert SECRET_FEEDBACK not in html
    assert "<script>alert" not in html  # the stem was sanitised


def choice_post(**overrides):
    data = {
        "qtype": "single",
        "new_category": "Biểu mẫu/Thử",
        "name": "Mật khẩu mạnh",
        "status": "published",
        "difficulty": "2",
        "default_points": "1",
        "stem": "<p>Mật khẩu nào mạnh nhất?</p>",
        "choice-TOTAL_FORMS": "6",
        "choice-INITIAL_FORMS": "0",
        "choice-MIN_NUM_FORMS": "6",
        "choice-MAX_NUM_FORMS": "12",
        "choice-0-text": "Xk9#pq!2Lm",
        "choice-0-percent": "100",
        "choice-1-text": "123456",
        "choice-1-percent": "0",
    }
    data.update(overrides)
    return data


def test_create_and_edit_a_single_choice_question(client, instructor, framework):
    client.force_login(instructor)
    response = client.post(reverse("assessments:question_new"), choice_post())
    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get()
    assert question.category.path == "Biểu mẫu/Thử" and question.current_version.number == 1
    edit_url = reverse("assessments:question_edit", args=[question.pk])
    page = client.get(edit_url).content.decode()
    assert "Xk9#pq!2Lm" in page
    ids = [c["id"] for c in question.current_version.spec["choices"]]
    data = choice_post(
        **{
            "choice-0-id": ids[0],
            "choice-1-id": ids[1],
            "stem": "<p>Mật khẩu nào khó đoán nhất?</p>",
        }
    )
    assert client.post(edit_url, data).status_code == 302
    question.refresh_from_db()
    assert question.current_version.number == 2
    assert [c["id"] for c in question.current_version.spec["choices"]] == ids


def test_question_form_errors_are_clear(client, instructor, framework):
    client.force_login(instructor)
    response = client.post(
        reverse("assessments:question_new"), choice_post(**{"choice-0-percent": "50"})
    )
    assert response.status_code == 400
    assert Question.objects.count() == 0


@pytest.mark.parametrize(
    ("qtype", "fields"),
    [
        ("truefalse", {"correct": "false", "feedback_true": "Sai rồi"}),
        ("ordering", {"items": "Mở VNeID\nĐăng nhập\nChọn thủ tục"}),
        ("matching", {"pairs": "VNeID -> Định danh\nZalo -> Nhắn tin\n-> Bản đồ"}),
        (
            "shortanswer",
            {"answers": "Cổng dịch vụ công\ndichvucong | 50", "ignore_diacritics": "on"},
        ),
        ("numerical", {"answers": "115\n110..120 | 50"}),
        ("essay", {}),
        ("description", {}),
        ("multiple", {}),
    ],
)
def test_every_type_has_a_working_form(client, instructor, framework, qtype, fields):
    client.force_login(instructor)
    assert client.get(reverse("assessments:question_new"), {"type": qtype}).status_code == 200
    data = choice_post(qtype=qtype, **fields)
    if qtype == "multiple":
        data.update({"choice-0-percent": "50", "choice-1-percent": "50", "choice-2-text": "abc"})
    response = client.post(reverse("assessments:question_new"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Question.objects.get().qtype == qtype


def test_quiz_builder(client, instructor, framework, bank):
    client.force_login(instructor)
    area = Competency.objects.get(code="ND.5.2").area
    data = {
        "title": "Kiểm tra an toàn số",
        "slug": "kiem-tra-an-toan-so",
        "audience": "resident",
        "framework": framework.pk,
        "grace_seconds": "60",
        "max_attempts": "0",
        "grading_method": "highest",
        "review_after_submit": ["score"],
        "is_published": "on",
        "rules-TOTAL_FORMS": "1",
        "rules-INITIAL_FORMS": "0",
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
        "rules-0-position": "0",
        "rules-0-kind": "random",
        "rules-0-count": "3",
        "rules-0-area": area.pk,
        "rules-0-include_subcategories": "on",
    }
    response = client.post(reverse("assessments:quiz_new"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    quiz = Quiz.objects.get(slug="kiem-tra-an-toan-so")
    assert QuizRule.objects.get(quiz=quiz).area == area
    page = client.get(reverse("assessments:quiz_edit", args=[quiz.pk])).content.decode()
    assert "4 available" in page or "4" in page


def finished_attempts(quiz, make_user, answers):
    for value in answers:
        user = make_user(full_name=value or '=HYPERLINK("http://x")')
        attempt = start_or_resume_attempt(quiz, user)
        if value:
            save_answer(user, attempt.pk, 6, value)
        submit_attempt(attempt)


def test_results_statistics_and_exports(client, instructor, quiz, make_user):
    # Instructors see the results of the quizzes they created (assessments.access).
    quiz.created_by = instructor
    quiz.save()
    finished_attempts(
        quiz, make_user, ["cong dich vu cong bi mat", "", "sai", "Cổng dịch vụ công bí mật"]
    )
    client.force_login(instructor)
    html = client.get(reverse("assessments:quiz_results", args=[quiz.pk])).content.decode()
    assert "4 submitted attempts" in html or "4" in html
    response = client.get(reverse("assessments:quiz_results_export", args=[quiz.pk, "csv"]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 5
    assert any(row[0].startswith("'=HYPERLINK") for row in rows[1:])
    response = client.get(reverse("assessments:quiz_results_export", args=[quiz.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://x")' in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_essay_grading_queue(client, instructor, quiz, learner):
    quiz.created_by = instructor
    quiz.save()
    attempt = start_or_resume_attempt(quiz, learner)
    save_answer(learner, attempt.pk, 8, "Tôi sẽ không chia sẻ mật khẩu.")
    submit_attempt(attempt)
    client.force_login(instructor)
    html = client.get(reverse("assessments:grading")).content.decode()
    slot = attempt.slots.get(position=8)
    assert reverse("assessments:grade", args=[slot.pk]) in html
    response = client.post(
        reverse("assessments:grade", args=[slot.pk]), {"percent": "100", "comment": "Tốt"}
    )
    assert response.status_code == 302
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.needs_grading is False and attempt.passed is not None
    assert attempt.points == 1
    assert (
        reverse("assessments:grade", args=[slot.pk])
        not in client.get(reverse("assessments:grading")).content.decode()
    )


def test_import_page_and_template(client, instructor, framework):
    client.force_login(instructor)
    template = client.get(reverse("assessments:import_template"))
    assert template.status_code == 200
    upload = SimpleUploadedFile("mau.xlsx", template.content)
    response = client.post(
        reverse("assessments:import"), {"file": upload, "format": "xlsx", "publish": "on"}
    )
    assert response.status_code == 200, response.content.decode()[-2000:]
    assert Question.objects.filter(status="published").count() == 2
    otp = Question.objects.get(idnumber="ND-VD-01")
    assert sorted(c.code for c in otp.competencies.all()) == ["ND.5.2", "ND.5.3"]
    bad = SimpleUploadedFile("bad.gift", b"::x::{=a ~b\n")
    response = client.post(reverse("assessments:import"), {"file": bad, "format": "gift"})
    assert response.status_code == 400
    assert Question.objects.count() == 2


def test_export_page(client, instructor, bank):
    client.force_login(instructor)
    gift = client.get(reverse("assessments:export"), {"format": "gift"})
    assert gift.status_code == 200 and b"::" in gift.content
    assert gift["X-Skipped-Ordering-Questions"] == "1"
    xlsx = client.get(reverse("assessments:export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 1 + len(bank)
