"""The completion rule applied to stored attempts: reads the learner's counted
attempts and the framework's thresholds, asks the registered extra rules
(``rules``), and hands all of it as plain data to the pure
``eligibility.decide_eligibility``. Read-only."""

from __future__ import annotations

from django.conf import settings

from assessments.models import Attempt, AttemptState
from lms.framework.models import CompetencyArea, FrameworkVersion

from .eligibility import AttemptOutcome, Eligibility, RuleResult, decide_eligibility
from .rules import RuleContext, evaluate_rules


def attempt_outcome(attempt: Attempt, framework_code: str) -> AttemptOutcome:
    """What the completion rule needs of one stored attempt (see
    assessments.actions.scoring.apply_result for the shape of ``result``)."""
    quiz = attempt.quiz
    result = attempt.graded_result
    return AttemptOutcome(
        attempt_id=attempt.pk,
        audience=quiz.audience,
        learner_audience=attempt.learner_audience,
        framework_code=framework_code,
        counts_for_certificate=quiz.counts_for_certificate,
        submitted_at=attempt.submitted_at or attempt.started_at,
        percent=attempt.percent,
        area_percents=result.area_percents() if result else {},
        passed=bool(attempt.passed),
        pass_mark_percent=quiz.pass_mark_percent,
        area_minimum_percent=quiz.area_minimum_percent,
    )


def counted_attempts(user, audience: str, framework: FrameworkVersion):
    return Attempt.objects.filter(
        user=user,
        state=AttemptState.SUBMITTED,
        quiz__counts_for_certificate=True,
        quiz__audience=audience,
        quiz__framework=framework,
        learner_audience=audience,
    ).select_related("quiz")


def required_areas(framework: FrameworkVersion, audience: str) -> tuple[str, ...]:
    """The areas every qualifying attempt must have assessed (all of the audience's
    unless CERTIFICATE_REQUIRE_ALL_AREAS is off)."""
    if not settings.CERTIFICATE_REQUIRE_ALL_AREAS:
        return ()
    return tuple(
        CompetencyArea.objects.filter(framework=framework, audience=audience).values_list(
            "code", flat=True
        )
    )


def rule_results_for(
    user_id: int, audience: str, framework: FrameworkVersion, outcomes
) -> tuple[RuleResult, ...]:
    """What every registered extra rule answers for this learner and these attempts."""
    context = RuleContext(
        user_id=user_id,
        audience=audience,
        framework_code=framework.code,
        attempts=tuple(outcomes),
    )
    return evaluate_rules(context)


def eligibility_of(
    outcomes,
    audience: str,
    framework: FrameworkVersion,
    *,
    user_id: int,
    rule_results: tuple[RuleResult, ...] | None = None,
) -> Eligibility:
    """The completion rule over ``outcomes`` with the framework's thresholds and
    the extra rules' answers (asked now unless given)."""
    outcomes = list(outcomes)
    if rule_results is None:
        rule_results = rule_results_for(user_id, audience, framework, outcomes)
    return decide_eligibility(
        outcomes,
        audience=audience,
        framework_code=framework.code,
        pass_mark_percent=framework.pass_mark_percent,
        area_minimum_percent=framework.area_minimum_percent,
        required_areas=required_areas(framework, audience),
        rule_results=rule_results,
    )


def check_eligibility(user, audience: str, framework: FrameworkVersion) -> Eligibility:
    outcomes = [
        attempt_outcome(a, framework.code) for a in counted_attempts(user, audience, framework)
    ]
    return eligibility_of(outcomes, audience, framework, user_id=user.pk)
