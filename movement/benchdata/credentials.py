"""Completion attempts (passed and failed) on each audience's completion quiz,
and a certificate for each passed one, issued over the last two years by the
learner's commune. Content hashes are real, so verification pages hold."""

from __future__ import annotations

from decimal import Decimal

from assessments.certificates.codes import new_code
from assessments.certificates.models import Certificate
from assessments.certificates.records import content_hash
from assessments.models import Attempt, AttemptState, Quiz
from lms.accounts.models import User

from .plan import PREFIX, Built, insert, insert_only

ISSUING_DAYS = 700  # two years of certificates


def _attempt(built: Built, quiz: Quiz, user_id: int, audience: str, days: float, passed: bool):
    started = built.days_ago(days)
    percent = built.rng.uniform(80, 100) if passed else built.rng.uniform(30, 79)
    return Attempt(
        quiz=quiz,
        user_id=user_id,
        number=1,
        state=AttemptState.SUBMITTED,
        learner_audience=audience,
        started_at=started,
        submitted_at=started,
        points=round(percent / 10, 1),
        max_points=10.0,
        percent=percent,
        passed=passed,
        graded_at=started,
    )


def build_credentials(built: Built) -> int:
    """Returns the number of certificates issued."""
    rng, sizes = built.rng, built.sizes
    quizzes = {
        quiz.audience: quiz
        for quiz in Quiz.objects.filter(is_published=True, counts_for_certificate=True)
        .select_related("framework")
        .order_by("pk")
    }
    names = dict(User.objects.filter(username__startswith=PREFIX).values_list("pk", "full_name"))
    per_commune = sizes.villages_per_commune
    passed_plan, failed_plan = [], []
    for user_id, audience, village in built.learners:
        if audience not in quizzes:
            continue
        roll = rng.random()
        days = rng.uniform(0, ISSUING_DAYS)
        if roll < sizes.certified_share:
            passed_plan.append((user_id, audience, village, days))
        elif roll < sizes.certified_share + 0.1:
            failed_plan.append((user_id, audience, days))
    insert_only(
        Attempt,
        (_attempt(built, quizzes[aud], user, aud, days, False) for user, aud, days in failed_plan),
    )
    attempts = insert(
        Attempt,
        (
            _attempt(built, quizzes[aud], user, aud, days, True)
            for user, aud, _v, days in passed_plan
        ),
    )
    codes: set[str] = set()

    def fresh_code() -> str:
        code = new_code(rng)
        while code in codes:
            code = new_code(rng)
        codes.add(code)
        return code

    def certificate(attempt, entry):
        user_id, audience, village, _days = entry
        commune = built.communes[village // per_commune]
        quiz = quizzes[audience]
        cert = Certificate(
            user_id=user_id,
            full_name=names[user_id],
            audience=audience,
            framework=quiz.framework,
            unit=commune,
            unit_name=commune.name,
            signer_title="Chủ tịch",
            signer_name="Nguyễn Văn Ký",
            issued_at=attempt.submitted_at,
            score_percent=Decimal(f"{attempt.percent:.2f}"),
            criteria={"framework": quiz.framework.code, "quiz": quiz.slug, "attempt": attempt.pk},
            code=fresh_code(),
            attempt=attempt,
        )
        cert.content_hash = content_hash(cert)
        return cert

    return insert_only(
        Certificate,
        (certificate(attempt, entry) for attempt, entry in zip(attempts, passed_plan, strict=True)),
    )
