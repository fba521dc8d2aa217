"""Fixtures for the certificate tests: a resident completion quiz that covers
every competency area, learners who take it through the real attempt actions,
and a private key and media folder per test."""

import os
import random
import shutil
import subprocess

import pytest

from assessments.actions import (
    QuestionData,
    category_for_path,
    do_create_question,
    start_or_resume_attempt,
    submit_attempt,
)
from assessments.actions.review import do_approve_question
from assessments.certificates.answers import answer_with_keys
from assessments.models import Quiz, QuizRule, RuleKind
from assessments.scoring.spec import Choice, QuestionSpec
from lms.accounts.roles import Role
from lms.framework.models import Competency, CompetencyArea
from tests import conftest as _root

# The one framework fixture lives in tests/conftest.py; other suites import it from here.
framework = _root.framework

QUESTIONS_PER_AREA = 2


@pytest.fixture(autouse=True)
def _private_dirs(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.CERTIFICATE_SIGNING_KEY_PATH = tmp_path / "private" / "signing-key.pem"
    settings.BASE_URL = "https://hocvuso.example.vn"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def need(tool: str) -> str:
    """The tool's path; skip when missing, except in CI where it must be installed."""
    path = shutil.which(tool)
    if path:
        return path
    message = f"{tool} is not installed (apt-get install poppler-utils zbar-tools)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def pdf_text(pdf: bytes, tmp_path) -> str:
    need("pdftotext")
    source = tmp_path / "read.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(source), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def qr_codes(pdf: bytes, tmp_path, page: int = 1) -> list[str]:
    need("pdftoppm")
    need("zbarimg")
    source = tmp_path / "qr.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), str(source), prefix],
        check=True,
    )
    image = next(tmp_path.glob(f"page{page}*.png"))
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in result.stdout.splitlines() if line]


@pytest.fixture
def resident_areas(framework):
    return list(
        CompetencyArea.objects.filter(framework=framework, audience="resident").order_by("position")
    )


@pytest.fixture
def completion_quiz(framework, resident_areas, make_user):
    """A published, counted resident quiz: two single-choice questions per area,
    approved into the certification pool by a reviewer.
    ``quiz.area_of`` maps question id → area code."""
    reviewer = make_user(Role.REVIEWER, audience="")
    quiz = Quiz.objects.create(
        framework=framework,
        title="Kiểm tra hoàn thành – Người dân",
        slug=f"hoan-thanh-{random.randint(1, 10**9)}",
        audience="resident",
        is_published=True,
        shuffle_questions=False,
        shuffle_options=False,
        counts_for_certificate=True,
    )
    area_of = {}
    position = 0
    for area in resident_areas:
        competency = Competency.objects.filter(area=area).order_by("position").first()
        for index in range(QUESTIONS_PER_AREA):
            question = do_create_question(
                QuestionData(
                    name=f"{area.code} câu {index + 1}",
                    stem=f"<p>Câu hỏi {area.code}.{index}?</p>",
                    spec=QuestionSpec(
                        id="",
                        qtype="single",
                        choices=(Choice("1", "Đúng", 1.0), Choice("2", "Sai", 0.0)),
                    ),
                    category=category_for_path("Ngân hàng/Chứng nhận"),
                    status="published",
                    competencies=[competency],
                    audiences=["resident"],
                )
            )
            do_approve_question(reviewer, question)
            area_of[question.pk] = area.code
            QuizRule.objects.create(
                quiz=quiz, position=position, kind=RuleKind.FIXED, question=question
            )
            position += 1
    quiz.area_of = area_of
    return quiz


@pytest.fixture
def take_quiz():
    """Take ``quiz`` as ``user`` through the real actions: every answer right
    except the questions of ``wrong_areas``; returns the submitted attempt."""

    def take(user, quiz, wrong_areas=()):
        attempt = start_or_resume_attempt(quiz, user)
        answer_with_keys(
            user,
            attempt,
            right=lambda slot: quiz.area_of[slot.question_version.question_id] not in wrong_areas,
        )
        return submit_attempt(attempt).attempt

    return take


@pytest.fixture
def learner(make_user, unit_tree):
    return make_user(
        Role.LEARNER,
        full_name="Nguyễn Thị Hồng Nhung",
        home_unit=unit_tree["village"],
        email="nhung@example.vn",
    )


@pytest.fixture
def issuer(unit_tree):
    from assessments.certificates.models import IssuerProfile

    return IssuerProfile.objects.create(
        unit=unit_tree["hoan_kiem"],
        signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        signer_name="Đặng Ỷ Lan",
        place_name="Hà Nội",
    )


@pytest.fixture
def certificate(learner, completion_quiz, take_quiz, issuer, django_capture_on_commit_callbacks):
    """An issued certificate of ``learner`` (Hoàn Kiếm signs it)."""
    from assessments.certificates.issuing import do_issue_if_eligible

    take_quiz(learner, completion_quiz)
    with django_capture_on_commit_callbacks(execute=False):
        result = do_issue_if_eligible(learner, "resident", completion_quiz.framework)
    assert result.created
    return result.certificate
