"""Demo content for ``seed_demo``: the sample question bank (GIFT files and
ordering questions in assessments/fixtures/demo/) and one completion quiz per
audience built from the framework's assessment guidance. Idempotent."""

from __future__ import annotations

import json
import math
from pathlib import Path

from django.db import transaction
from django.utils import translation
from django.utils.text import slugify

from lms.audiences import AUDIENCE_SLUGS, Audience
from lms.framework.models import Competency, CompetencyArea, FrameworkVersion

from .actions import QuestionData, category_for_path, do_create_question, do_update_question
from .actions.imports import import_questions
from .actions.publishing import check_quiz_publishable
from .actions.questions import changes_nothing
from .actions.review import approve_seeded
from .caches import forget_rule_pools
from .models import Question, QuestionStatus, Quiz, QuizRule, ReviewOption, RuleKind
from .scoring.spec import OrderItem, QuestionSpec

DEMO_DIR = Path(__file__).resolve().parent / "fixtures" / "demo"
BANK_ROOT = "Ngân hàng mẫu"
QUIZ_TITLE = "Kiểm tra hoàn thành kỹ năng số cơ bản – {audience}"
# Phụ lục II of 757/QĐ-BKHCN fixes no number of questions (questions_per_test is
# null in the framework fixture), so without it the demo quiz draws this many
# random questions from every competency area: each area is covered, and the
# per-area minimum is judged on more than one answer. A platform default.
QUESTIONS_PER_AREA_DEFAULT = 2
DIFFICULTY_TAGS = {"kho-1": 1, "kho-2": 2, "kho-3": 3}


def audience_label(audience: str) -> str:
    with translation.override("vi"):
        return str(Audience(audience).label)


def load_gift_files(directory: Path = DEMO_DIR, framework=None) -> int:
    """Import every ``questions-*.gift`` file (published; updated by [id:] on re-runs)."""
    total = 0
    for path in sorted(directory.glob("questions-*.gift")):
        report = import_questions(
            "gift", path.read_bytes(), publish=True, match_by_name=True, framework=framework
        )
        if report.errors:
            raise ValueError(f"{path.name}: " + "; ".join(report.error_lines()[:5]))
        total += report.imported + report.updated
        _difficulty_from_tags(report.question_ids)
    return total


def _difficulty_from_tags(question_ids: list[int]) -> None:
    # The demo files mark difficulty with a "kho-N" tag (GIFT has no field for it).
    for tag, level in DIFFICULTY_TAGS.items():
        Question.objects.filter(pk__in=question_ids, tags__name=tag).update(difficulty=level)
    forget_rule_pools()  # queryset updates send no signal


def load_ordering(path: Path = DEMO_DIR / "ordering.json", framework=None) -> int:
    """Ordering questions from JSON: [{"name","stem","items","competencies","audience","difficulty"}]."""
    if not path.exists():
        return 0
    framework = framework or FrameworkVersion.objects.current()
    count = 0
    for entry in json.loads(path.read_text(encoding="utf-8")):
        spec = QuestionSpec(
            id="",
            qtype="ordering",
            items=tuple(OrderItem(str(i + 1), text) for i, text in enumerate(entry["items"])),
        )
        idnumber = f"ordering-{slugify(entry['name'])}"[:100]
        audience = entry["audience"]
        data = QuestionData(
            name=entry["name"],
            stem=entry["stem"],
            stem_format="plain",
            spec=spec,
            category=category_for_path(
                (BANK_ROOT, audience_label(audience), "Sắp xếp theo thứ tự")
            ),
            idnumber=idnumber,
            status=QuestionStatus.PUBLISHED,
            difficulty=int(entry.get("difficulty") or 2),
            audiences=[audience],
            competencies=list(
                Competency.objects.filter(framework=framework, code__in=entry["competencies"])
            ),
            tags=["sap-xep"],
        )
        existing = Question.objects.filter(idnumber=idnumber).first()
        if existing:
            if not changes_nothing(existing, data):
                do_update_question(existing, data)
        else:
            do_create_question(data)
        count += 1
    return count


def build_completion_quiz(framework: FrameworkVersion, audience: str) -> Quiz:
    """One "Kiểm tra hoàn thành" quiz drawing from every competency area of the audience.

    Pass mark and area minimum stay empty on the quiz, so they are the framework
    version's own (FrameworkVersion.pass_mark_percent / area_minimum_percent,
    loaded from the assessment guidance, Phụ lục II of 757/QĐ-BKHCN); so does the
    time limit (FrameworkVersion.time_limit_minutes; none when the guidance sets none)."""
    areas = list(CompetencyArea.objects.filter(framework=framework, audience=audience))
    per_area = QUESTIONS_PER_AREA_DEFAULT
    if framework.questions_per_test and areas:
        per_area = max(1, math.ceil(framework.questions_per_test / len(areas)))
    quiz, _created = Quiz.objects.update_or_create(
        slug=f"kiem-tra-hoan-thanh-{AUDIENCE_SLUGS[audience]}",
        defaults={
            "title": QUIZ_TITLE.format(audience=audience_label(audience)),
            "audience": audience,
            "framework": framework,
            "description": (
                "Bài kiểm tra xác nhận hoàn thành mức độ phổ cập kỹ năng số cơ bản theo "
                f"{framework.name} ({framework.decision}). Câu hỏi được chọn ngẫu nhiên từ mọi "
                "lĩnh vực năng lực; bạn cần đạt điểm chung tối thiểu và điểm tối thiểu ở từng "
                "lĩnh vực."
            ),
            "time_limit_minutes": framework.time_limit_minutes,
            "pass_mark_percent": None,
            "area_minimum_percent": None,
            "counts_for_certificate": True,
            "is_published": True,
            "review_after_submit": [
                ReviewOption.SCORE,
                ReviewOption.RESPONSES,
                ReviewOption.CORRECTNESS,
                ReviewOption.FEEDBACK,
                ReviewOption.GENERAL_FEEDBACK,
            ],
            "review_after_close": list(ReviewOption.values),
        },
    )
    quiz.rules.all().delete()
    QuizRule.objects.bulk_create(
        # Self-paced: a learner's certificate must not wait for someone to grade an essay.
        QuizRule(
            quiz=quiz,
            position=position,
            kind=RuleKind.RANDOM,
            count=per_area,
            area=area,
            auto_graded_only=True,
        )
        for position, area in enumerate(areas)
    )
    forget_rule_pools()  # bulk_create sends no signal
    # The demo bank must meet the same pool rule as any completion quiz.
    check_quiz_publishable(quiz)
    return quiz


DEMO_REVIEWER = "kiemduyet"


def approve_demo_bank() -> int:
    """The demo questions count as reviewed: approved by the demo reviewer
    (seed_demo creates ``kiemduyet``; without it, by the system)."""
    from django.contrib.auth import get_user_model

    reviewer = get_user_model().objects.filter(username=DEMO_REVIEWER).first()
    questions = Question.objects.filter(
        category__path__startswith=BANK_ROOT, current_version__isnull=False
    ).exclude(qtype="description")
    approved = 0
    for question in questions.select_related("current_version"):
        if not question.in_certification_pool:
            approve_seeded(question, reviewer)
            approved += 1
    return approved


@transaction.atomic
def seed(stdout=None) -> None:
    framework = FrameworkVersion.objects.current()
    if framework is None:
        return
    questions = load_gift_files(framework=framework) + load_ordering(framework=framework)
    approve_demo_bank()
    quizzes = [build_completion_quiz(framework, audience) for audience in Audience.values]
    if stdout is not None:
        stdout.write(f"Assessments: {questions} demo questions, {len(quizzes)} completion quizzes.")
