"""Assessments benchmarks (numbers for `make bench`, never asserted in tests).

    python -m tests.bench.assessments

Prints: scoring a 30-question attempt (median ms), re-grading 10,000 stored
attempts (attempts/s, on the database DATABASE_URL names, in a throwaway test
database) and importing a 1,000-question GIFT file (seconds)."""

from __future__ import annotations

import io
import os
import random
import statistics
import sys
import time
import timeit

ATTEMPTS = 10_000
SLOTS_PER_ATTEMPT = 30
# Stored attempts for re-grading: the size of the demo completion quizzes (12-14
# questions: 2 per competency area), rounded up.
REGRADE_SLOTS = 15
GIFT_QUESTIONS = 1_000


def _specs(count: int):
    from assessments.scoring.spec import (
        AcceptedAnswer,
        Choice,
        MatchPair,
        NumericAnswer,
        OrderItem,
        QuestionSpec,
    )

    makers = [
        lambda i: QuestionSpec(
            id=f"q{i}",
            qtype="single",
            competency_codes=("ND.5.2",),
            choices=tuple(Choice(str(c), f"c{c}", 1.0 if c == 0 else 0.0) for c in range(4)),
        ),
        lambda i: QuestionSpec(
            id=f"q{i}",
            qtype="multiple",
            competency_codes=("ND.4.2",),
            wrong_penalty=0.5,
            choices=tuple(Choice(str(c), f"c{c}", 0.5 if c < 2 else 0.0) for c in range(5)),
        ),
        lambda i: QuestionSpec(
            id=f"q{i}",
            qtype="truefalse",
            competency_codes=("ND.1.1",),
            choices=(Choice("true", "T", 1.0), Choice("false", "F", 0.0)),
        ),
        lambda i: QuestionSpec(
            id=f"q{i}",
            qtype="ordering",
            competency_codes=("ND.4.3",),
            items=tuple(OrderItem(str(c), f"i{c}") for c in range(5)),
        ),
        lambda i: QuestionSpec(
            id=f"q{i}",
            qtype="matching",
            competency_codes=("ND.3.1",),
            pairs=tuple(MatchPair(str(c), f"l{c}", f"r{c}") for c in range(4)),
        ),
        lambda i: QuestionSpec(
            id=f"q{i}",
            qtype="shortanswer",
            competency_codes=("ND.4.2",),
            ignore_diacritics=True,
            accepted_answers=(AcceptedAnswer("Cổng dịch vụ công quốc gia"),),
        ),
        lambda i: QuestionSpec(
            id=f"q{i}",
            qtype="numerical",
            competency_codes=("ND.5.4",),
            numeric_answers=(NumericAnswer(115.0, 0.5),),
        ),
    ]
    return [makers[i % len(makers)](i) for i in range(count)]


def _responses(specs, rng):
    from assessments.scoring import correct_response

    responses = []
    for spec in specs:
        key = correct_response(spec)
        if rng.random() < 0.3:
            key = None
        if isinstance(key, frozenset | tuple):
            key = list(key)
        responses.append(key)
    return responses


def bench_scoring() -> float:
    from assessments.scoring import score_attempt

    specs = _specs(SLOTS_PER_ATTEMPT)
    responses = _responses(specs, random.Random(1))
    areas = {code: code.rsplit(".", 1)[0] for spec in specs for code in spec.competency_codes}
    slots = [
        (str(i), spec, response)
        for i, (spec, response) in enumerate(zip(specs, responses, strict=True))
    ]
    timer = timeit.Timer(lambda: score_attempt(slots, areas))
    runs = [t / 100 for t in timer.repeat(repeat=15, number=100)]
    return statistics.median(runs) * 1000


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django

    django.setup()
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    return runner, runner.setup_databases()


def _populate_attempts():
    from django.core.management import call_command
    from django.utils import timezone

    from assessments.actions import QuestionData, category_for_path, do_create_question
    from assessments.models import Attempt, AttemptSlot, Quiz
    from lms.accounts.models import User
    from lms.framework.models import Competency, FrameworkVersion

    call_command("load_framework", stdout=io.StringIO())
    framework = FrameworkVersion.objects.current()
    category = category_for_path("Bench")
    specs = _specs(REGRADE_SLOTS)
    versions = []
    for spec in specs:
        question = do_create_question(
            QuestionData(
                name=spec.id,
                stem="?",
                spec=spec,
                category=category,
                status="published",
                competencies=list(
                    Competency.objects.filter(framework=framework, code__in=spec.competency_codes)
                ),
            )
        )
        versions.append(question.current_version)
    quiz = Quiz.objects.create(
        title="Bench", slug="bench", audience="resident", framework=framework
    )
    users = User.objects.bulk_create(User(username=f"bench{i}") for i in range(ATTEMPTS))
    now = timezone.now()
    attempts = Attempt.objects.bulk_create(
        Attempt(quiz=quiz, user=user, number=1, state="submitted", started_at=now, submitted_at=now)
        for user in users
    )
    rng = random.Random(2)
    from assessments.scoring import correct_response

    keys = [correct_response(v.question_spec) for v in versions]
    keys = [list(k) if isinstance(k, frozenset | tuple) else k for k in keys]
    batch = []
    for attempt in attempts:
        for position, (version, key) in enumerate(zip(versions, keys, strict=True), start=1):
            batch.append(
                AttemptSlot(
                    attempt=attempt,
                    position=position,
                    question_version=version,
                    response=key if rng.random() < 0.7 else None,
                )
            )
        if len(batch) >= 20_000:
            AttemptSlot.objects.bulk_create(batch)
            batch = []
    AttemptSlot.objects.bulk_create(batch)


def bench_regrade() -> tuple[float, float]:
    from assessments.actions import regrade_attempts

    _populate_attempts()
    first = regrade_attempts()  # every stored result changes (none was stored)
    second = regrade_attempts()  # nothing changes: read and score only
    return first.per_second, second.per_second


def gift_file(count: int) -> str:
    chunks = ["$CATEGORY: Bench/Import"]
    for i in range(count):
        chunks.append(
            f"// [tag:ND.5.{i % 4 + 1}] [tag:bench] [id:bench-{i}]\n"
            f"::Câu {i}::Câu hỏi số {i}: mật khẩu nào an toàn nhất?"
            "{=Xk9#pq!2Lm#Đúng ~123456#Sai ~ngày sinh#Sai ~matkhau#Sai}"
        )
    return "\n\n".join(chunks) + "\n"


def bench_import() -> float:
    from assessments.actions import import_questions

    data = gift_file(GIFT_QUESTIONS).encode()
    started = time.perf_counter()
    report = import_questions("gift", data)
    elapsed = time.perf_counter() - started
    assert report.imported == GIFT_QUESTIONS, report.error_lines()[:3]
    return elapsed


def main() -> None:
    print(
        f"assessments: scoring a {SLOTS_PER_ATTEMPT}-question attempt: median {bench_scoring():.3f} ms"
    )
    runner, old = _setup_django()
    try:
        from django.db import connection

        vendor = connection.vendor
        changed, unchanged = bench_regrade()
        print(
            f"assessments: re-grading {ATTEMPTS:,} attempts x {REGRADE_SLOTS} questions ({vendor}): "
            f"{changed:,.0f}/s writing new results, {unchanged:,.0f}/s when nothing changes"
        )
        print(
            f"assessments: importing a {GIFT_QUESTIONS:,}-question GIFT file ({vendor}): {bench_import():.2f} s"
        )
    finally:
        runner.teardown_databases(old)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
