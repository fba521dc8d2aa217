"""The demo bank and completion quizzes of seed_demo."""

import io
import json

import pytest

from assessments import demo
from assessments.actions import start_or_resume_attempt
from assessments.models import Question, QuestionVersion, Quiz
from lms.framework.models import CompetencyArea

pytestmark = pytest.mark.django_db

SMALL_GIFT = """$CATEGORY: Ngân hàng mẫu/Người dân/ND.5 An toàn

// [tag:ND.5.3]
// [tag:otp] [tag:kho-1]
// [id:demo-test-1]
::OTP::Có nên đọc mã OTP cho người gọi điện tự xưng là ngân hàng không?{FALSE#Không bao giờ.}

// [tag:ND.4.2]
// [tag:kho-3]
// [id:demo-test-2]
::Số điện thoại::Số điện thoại khẩn cấp của cứu thương là số nào?{#115}
"""


def test_loader_on_small_fixtures(tmp_path, framework):
    (tmp_path / "questions-resident.gift").write_text(SMALL_GIFT, encoding="utf-8")
    ordering = tmp_path / "ordering.json"
    ordering.write_text(
        json.dumps(
            [
                {
                    "name": "Nộp hồ sơ",
                    "stem": "Sắp xếp các bước.",
                    "items": ["Đăng nhập", "Chọn thủ tục", "Nộp"],
                    "competencies": ["ND.4.2"],
                    "audience": "resident",
                    "difficulty": 2,
                }
            ]
        ),
        encoding="utf-8",
    )
    for _ in range(2):  # idempotent
        assert demo.load_gift_files(tmp_path) == 2
        assert demo.load_ordering(ordering) == 1
    assert Question.objects.count() == 3 and QuestionVersion.objects.count() == 3
    otp = Question.objects.get(idnumber="demo-test-1")
    assert otp.status == "published" and otp.difficulty == 1
    assert [c.code for c in otp.competencies.all()] == ["ND.5.3"]
    assert Question.objects.get(idnumber="demo-test-2").difficulty == 3
    assert Question.objects.get(qtype="ordering").audiences == ["resident"]


def test_loading_again_rewrites_only_the_questions_that_changed(tmp_path, framework):
    """A re-run of seed_demo (every `make run`) leaves a question the file did
    not change as it was: no save, no new tag rows; a changed one is updated."""
    from assessments.models.bank import TaggedQuestion

    gift = tmp_path / "questions-resident.gift"
    gift.write_text(SMALL_GIFT, encoding="utf-8")
    demo.load_gift_files(tmp_path)
    otp, emergency = (Question.objects.get(idnumber=f"demo-test-{n}") for n in (1, 2))
    tag_rows = set(TaggedQuestion.objects.filter(content_object=otp).values_list("pk", flat=True))

    gift.write_text(SMALL_GIFT.replace("số nào?", "số mấy?"), encoding="utf-8")
    assert demo.load_gift_files(tmp_path) == 2

    otp_again = Question.objects.get(pk=otp.pk)
    assert otp_again.updated_at == otp.updated_at
    assert set(TaggedQuestion.objects.filter(content_object=otp).values_list("pk", flat=True)) == (
        tag_rows
    )
    assert otp_again.current_version_id == otp.current_version_id
    assert otp_again.difficulty == 1 and [c.code for c in otp_again.competencies.all()] == [
        "ND.5.3"
    ]
    emergency_again = Question.objects.get(pk=emergency.pk)
    assert emergency_again.updated_at > emergency.updated_at
    assert "số mấy?" in emergency_again.current_version.stem
    assert emergency_again.current_version.number == 2


def test_seed_builds_a_completion_quiz_per_audience(framework, learner):
    if not demo.DEMO_DIR.joinpath("questions-resident.gift").exists():
        pytest.skip("the demo bank files are not there yet")
    out = io.StringIO()
    demo.seed(out)
    demo.seed(out)  # idempotent
    assert Quiz.objects.count() == 4
    assert Question.objects.count() >= 120
    for audience in ("resident", "student", "official", "worker"):
        assert (
            Question.objects.filter(competencies__area__audience=audience).distinct().count() >= 30
        )
    quiz = Quiz.objects.get(audience="resident")
    assert quiz.title == "Kiểm tra hoàn thành kỹ năng số cơ bản – Người dân"
    assert quiz.pass_mark_percent is None  # the framework's own pass mark applies
    assert quiz.effective_pass_mark == float(framework.pass_mark_percent)
    areas = set(
        CompetencyArea.objects.filter(framework=framework, audience="resident").values_list(
            "code", flat=True
        )
    )
    attempt = start_or_resume_attempt(quiz, learner)
    covered = set()
    for slot in attempt.slots.select_related("question_version"):
        assert slot.question_version.qtype != "essay"
        covered |= {
            code.rsplit(".", 1)[0]
            for code in slot.question_version.spec.get("competency_codes", [])
        }
    assert areas <= covered


def test_shipped_demo_bank_is_reviewed_lint_clean_and_pools_are_3x(framework, make_user):
    from django.contrib.auth import get_user_model

    from assessments.actions.publishing import rule_pools
    from assessments.lint import lint_bank
    from assessments.management.commands.lint_bank import questions_from_db
    from lms.accounts.roles import Role

    reviewer = make_user(Role.REVIEWER, username="kiemduyet", audience="")
    demo.seed(io.StringIO())
    demo_questions = Question.objects.filter(category__path__startswith=demo.BANK_ROOT)
    assert demo_questions.exclude(qtype="description").count() == (
        demo_questions.in_certification_pool().count()
    )
    assert set(demo_questions.in_certification_pool().values_list("approved_by", flat=True)) == {
        reviewer.pk
    }
    assert get_user_model().objects.filter(username="kiemduyet").count() == 1

    report = lint_bank(questions_from_db(demo.BANK_ROOT))
    assert report.passed, [m for m in report.metrics if not m.passed] + [
        f for f in report.findings if f.rule != "longest_correct"
    ]
    for quiz in Quiz.objects.filter(counts_for_certificate=True):
        for pool in rule_pools(quiz):
            assert pool.available >= 3 * pool.draws, (quiz.audience, pool)
