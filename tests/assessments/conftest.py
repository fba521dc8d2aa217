"""Fixtures for the assessments tests: the framework, a small bank and quizzes."""

import dataclasses
import random
from pathlib import Path

import pytest

from assessments.actions import QuestionData, category_for_path, do_create_question
from assessments.actions.questions import with_opaque_ids
from assessments.bank_search import question_search_text
from assessments.caches import forget_rule_pools
from assessments.html import stem_html
from assessments.models import (
    Question,
    QuestionStatus,
    QuestionVersion,
    Quiz,
    QuizRule,
    RuleKind,
)
from assessments.scoring.spec import (
    AcceptedAnswer,
    Choice,
    MatchPair,
    NumericAnswer,
    OrderItem,
    QuestionSpec,
)
from lms.accounts.roles import Role
from lms.framework.models import Competency
from tests import conftest as _root

# The one framework fixture lives in tests/conftest.py; other suites import it from here.
framework = _root.framework

MOODLE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "moodle"

# Texts that only a key or feedback contains: they must never reach an open attempt.
SECRET_FEEDBACK = "BI-MAT-PHAN-HOI"
SECRET_GENERAL = "BI-MAT-NHAN-XET-CHUNG"
SECRET_SHORT = "Cổng dịch vụ công bí mật"


@pytest.fixture
def moodle_dir():
    """Moodle's import fixtures, vendored with their source (tests/fixtures/moodle)."""
    return MOODLE_DIR


def sample_specs():
    """One spec of every gradable type, with feedback texts that must stay hidden."""
    fb = SECRET_FEEDBACK
    return [
        QuestionSpec(
            id="",
            qtype="single",
            general_feedback=SECRET_GENERAL,
            choices=(
                Choice("1", "Từ chối và gác máy", 1.0, fb),
                Choice("2", "Đọc mã OTP cho họ", 0.0, fb),
                Choice("3", "Gửi mã qua tin nhắn", 0.0, fb),
            ),
        ),
        QuestionSpec(
            id="",
            qtype="multiple",
            choices=(
                Choice("1", "Mật khẩu dài", 0.5, fb),
                Choice("2", "Xác thực hai lớp", 0.5, fb),
                Choice("3", "Dùng ngày sinh", 0.0, fb),
            ),
        ),
        QuestionSpec(
            id="",
            qtype="truefalse",
            choices=(Choice("true", "True", 1.0, fb), Choice("false", "False", 0.0, fb)),
        ),
        QuestionSpec(
            id="",
            qtype="ordering",
            items=(
                OrderItem("1", "Mở ứng dụng VNeID"),
                OrderItem("2", "Đăng nhập"),
                OrderItem("3", "Chọn thủ tục"),
            ),
        ),
        QuestionSpec(
            id="",
            qtype="matching",
            pairs=(
                MatchPair("1", "VNeID", "Định danh điện tử"),
                MatchPair("2", "Zalo", "Nhắn tin"),
            ),
        ),
        QuestionSpec(
            id="",
            qtype="shortanswer",
            ignore_diacritics=True,
            accepted_answers=(AcceptedAnswer(SECRET_SHORT, 1.0, fb),),
        ),
        QuestionSpec(id="", qtype="numerical", numeric_answers=(NumericAnswer(115, 0, 1.0, fb),)),
        QuestionSpec(id="", qtype="essay"),
    ]


@pytest.fixture
def make_question(framework):
    def make(spec, *, codes=("ND.5.2",), status="published", name=None, category="Ngân hàng/Thử"):
        competencies = list(Competency.objects.filter(framework=framework, code__in=codes))
        return do_create_question(
            QuestionData(
                name=name or f"Câu {spec.qtype} {random.randint(1, 10**9)}",
                stem=f"<p>Câu hỏi loại {spec.qtype}?</p><script>alert(1)</script>",
                spec=spec,
                category=category_for_path(category),
                status=status,
                competencies=competencies,
                audiences=["resident"],
            )
        )

    return make


def bank_codes(index: int) -> tuple[str, ...]:
    """The bank's two resident areas, alternating."""
    return ("ND.5.2",) if index % 2 == 0 else ("ND.4.2",)


@pytest.fixture
def bank(framework):
    """Eight published questions (every gradable type) in two resident areas.

    The rows ``make_question`` (``do_create_question``) writes, in five bulk
    queries instead of about seventy: eighty-odd tests use this fixture.
    test_bank_fixture.py checks that both ways leave the same rows."""
    return build_bank(framework)


def build_bank(framework, *, category="Ngân hàng/Thử"):
    competencies = {c.code: c for c in Competency.objects.filter(framework=framework)}
    folder = category_for_path(category)
    specs = [with_opaque_ids(spec) for spec in sample_specs()]
    stems = [
        stem_html(f"<p>Câu hỏi loại {spec.qtype}?</p><script>alert(1)</script>", "html")
        for spec in specs
    ]
    names = [f"Câu {spec.qtype} {random.randint(1, 10**9)}" for spec in specs]
    questions = Question.objects.bulk_create(
        Question(
            category=folder,
            name=name,
            qtype=spec.qtype,
            status=QuestionStatus.PUBLISHED,
            audiences=["resident"],
            search_text=question_search_text(name, None, stem),
        )
        for spec, name, stem in zip(specs, names, stems, strict=True)
    )
    versions = QuestionVersion.objects.bulk_create(
        QuestionVersion(
            question=question,
            number=1,
            stem=stem,
            spec=dataclasses.replace(
                spec, id=f"q{question.pk}", points=1.0, competency_codes=bank_codes(index)
            ).to_dict(),
        )
        for index, (question, spec, stem) in enumerate(zip(questions, specs, stems, strict=True))
    )
    for question, version in zip(questions, versions, strict=True):
        question.current_version = version
    Question.objects.bulk_update(questions, ["current_version"])
    Question.competencies.through.objects.bulk_create(
        Question.competencies.through(question=question, competency=competencies[code])
        for index, question in enumerate(questions)
        for code in bank_codes(index)
    )
    forget_rule_pools()  # what the post_save receivers do, which bulk writes skip
    return questions


@pytest.fixture
def make_quiz(framework):
    def make(questions=(), *, random_rules=(), **fields):
        fields.setdefault("title", "Kiểm tra thử")
        fields.setdefault("slug", f"kiem-tra-{random.randint(1, 10**9)}")
        fields.setdefault("audience", "resident")
        fields.setdefault("is_published", True)
        fields.setdefault("shuffle_questions", False)
        quiz = Quiz.objects.create(framework=framework, **fields)
        for position, question in enumerate(questions):
            QuizRule.objects.create(
                quiz=quiz, position=position, kind=RuleKind.FIXED, question=question
            )
        for position, rule in enumerate(random_rules, start=len(questions)):
            QuizRule.objects.create(quiz=quiz, position=position, kind=RuleKind.RANDOM, **rule)
        return quiz

    return make


@pytest.fixture
def quiz(bank, make_quiz):
    return make_quiz(bank, shuffle_questions=False)


@pytest.fixture
def learner(make_user):
    return make_user(Role.LEARNER)


@pytest.fixture
def instructor(make_user):
    return make_user(Role.INSTRUCTOR, audience="")


@pytest.fixture
def editor(make_user):
    return make_user(Role.EDITOR, audience="")
