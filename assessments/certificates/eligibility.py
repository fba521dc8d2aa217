"""Who earns the completion certificate: a pure function over attempt outcomes.

The rule (757/QĐ-BKHCN, Phụ lục II, as the platform reads it): a learner earns
the certificate for an audience and framework version when one *counted*
attempt of that audience and version, taken while the learner belonged to that
audience, passes the overall pass mark and every
competency area's minimum, and every extra rule (for example "course
completed") agrees. Extra rules are registered by higher apps
(``assessments.certificates.rules``); this function only sees what they
answered, as plain ``RuleResult`` data.

The thresholds are data, never constants here: the framework's defaults
(``FrameworkVersion.pass_mark_percent`` / ``area_minimum_percent``) are passed
in, and a quiz may override them, which ``AttemptOutcome`` carries. The scoring
engine's own ``passed`` flag is required too: it knows things the percentages
do not show, such as essays still waiting for a grader.

Reasons are ``assessments.scoring.Reason`` (a stable code plus params), the
same shape the scoring engine uses, so the Django layer translates both with one
table. Codes produced here: ``no_counted_attempt`` (audience, framework),
``not_passed`` (attempt), ``below_pass_mark`` (attempt, percent, required),
``area_below_minimum`` (attempt, area, percent, required),
``area_not_assessed`` (attempt, area), ``nothing_to_grade`` (attempt), plus
whatever codes the extra rules return.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from numbers import Real

from assessments.scoring import UNASSIGNED, Reason

Percent = Real | Decimal
AreaPercents = tuple[tuple[str, Percent | None], ...]
AreaMinimums = tuple[tuple[str, Percent], ...]


def _as_pairs(value):
    if isinstance(value, Mapping):
        return tuple(sorted(value.items()))
    return tuple(sorted(tuple(pair) for pair in value))


@dataclass(frozen=True, slots=True)
class AttemptOutcome:
    """One submitted attempt as the certificate rule sees it.

    ``area_percents`` maps competency area code → percent (None when the quiz
    had no points in that area). ``pass_mark_percent``, ``area_minimum_percent``
    and ``area_minimums`` are the quiz's overrides; None / empty means "use the
    framework's default". ``passed`` is the scoring engine's decision. Mappings
    are stored as sorted tuples of pairs so the outcome stays hashable.
    """

    attempt_id: int | str
    audience: str
    # The learner's own audience when they started the attempt: a quiz opened to
    # other audiences for practice issues them no certificate of its audience.
    learner_audience: str
    framework_code: str
    counts_for_certificate: bool
    submitted_at: datetime
    percent: Percent | None
    area_percents: AreaPercents = ()
    passed: bool = False
    pass_mark_percent: Percent | None = None
    area_minimum_percent: Percent | None = None
    area_minimums: AreaMinimums = ()

    def __post_init__(self):
        object.__setattr__(self, "area_percents", _as_pairs(self.area_percents))
        object.__setattr__(self, "area_minimums", _as_pairs(self.area_minimums))

    @property
    def sort_key(self) -> tuple[datetime, str]:
        """Earliest first; the id breaks ties so the choice never depends on input order."""
        return (self.submitted_at, str(self.attempt_id))


@dataclass(frozen=True, slots=True)
class RuleResult:
    """What one registered extra rule answered, as plain data.

    ``unmet`` is the Reason the learner fails the rule whatever the attempt (a
    learner-level fact such as "course not completed"); ``unmet_for`` pairs an
    attempt id with the Reason that attempt fails it (e.g. "taken before the
    course ended"). Attempts named nowhere satisfy the rule."""

    name: str
    unmet: Reason | None = None
    unmet_for: tuple[tuple[int | str, Reason], ...] = ()

    def reason_for(self, attempt_id: int | str) -> Reason | None:
        if self.unmet is not None:
            return self.unmet
        for candidate, reason in self.unmet_for:
            if str(candidate) == str(attempt_id):
                return reason
        return None


@dataclass(frozen=True, slots=True)
class Eligibility:
    eligible: bool
    qualifying_attempt_id: int | str | None = None
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


def _exact(value: Percent, name: str) -> Fraction:
    """Exact value of a percentage: Decimal from the database and floats rounded for
    display compare as the decimals they print as, so 70.00 meets a pass mark of 70."""
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{name} must be finite, got {value!r}")
        return Fraction(repr(value))
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"{name} must be finite, got {value!r}")
    return Fraction(value)


def _threshold(value: Percent, name: str) -> Fraction:
    exact = _exact(value, name)
    if not 0 <= exact <= 100:
        raise ValueError(f"{name} must be a percentage in [0, 100], got {value!r}")
    return exact


def _plain(value: Fraction) -> float:
    return round(float(value), 2)


def score_reasons(
    attempt: AttemptOutcome,
    *,
    pass_mark_percent: Percent,
    area_minimum_percent: Percent | None,
    required_areas: Collection[str] = (),
) -> tuple[Reason, ...]:
    """Why ``attempt`` does not meet the score part of the rule; empty when it does.

    Thresholds: the attempt's own (the quiz's overrides) when set, else the
    framework defaults given here. Areas with no available points (None) and the
    scoring engine's UNASSIGNED bucket have no minimum; ``required_areas`` lists
    areas that must have been assessed at all.
    """
    who = {"attempt": attempt.attempt_id}
    pass_mark = _threshold(
        attempt.pass_mark_percent if attempt.pass_mark_percent is not None else pass_mark_percent,
        "pass_mark_percent",
    )
    default_minimum = (
        attempt.area_minimum_percent
        if attempt.area_minimum_percent is not None
        else area_minimum_percent
    )
    default_minimum = (
        None if default_minimum is None else _threshold(default_minimum, "area_minimum_percent")
    )
    overrides = {
        area: _threshold(value, f"area minimum for {area!r}")
        for area, value in attempt.area_minimums
    }
    reasons: list[Reason] = []
    if not attempt.passed:
        reasons.append(Reason("not_passed", dict(who)))
    if attempt.percent is None:
        reasons.append(Reason("nothing_to_grade", dict(who)))
    else:
        percent = _exact(attempt.percent, "percent")
        if percent < pass_mark:
            reasons.append(
                Reason(
                    "below_pass_mark",
                    {**who, "percent": _plain(percent), "required": _plain(pass_mark)},
                )
            )
    assessed = dict(attempt.area_percents)
    for area in sorted(set(required_areas) - {a for a, p in assessed.items() if p is not None}):
        reasons.append(Reason("area_not_assessed", {**who, "area": area}))
    for area, value in attempt.area_percents:
        minimum = overrides.get(area, default_minimum)
        if area == UNASSIGNED or value is None or minimum is None:
            continue
        percent = _exact(value, f"percent of area {area!r}")
        if percent < minimum:
            reasons.append(
                Reason(
                    "area_below_minimum",
                    {**who, "area": area, "percent": _plain(percent), "required": _plain(minimum)},
                )
            )
    return tuple(reasons)


def decide_eligibility(
    attempts: Iterable[AttemptOutcome],
    *,
    audience: str,
    framework_code: str,
    pass_mark_percent: Percent,
    area_minimum_percent: Percent | None,
    required_areas: Collection[str] = (),
    rule_results: Iterable[RuleResult] = (),
) -> Eligibility:
    """Whether the learner whose ``attempts`` these are earns the certificate for
    (``audience``, ``framework_code``).

    The qualifying attempt is the earliest (by ``submitted_at``, then id) that
    meets the score rule and every extra rule, so the answer does not depend on
    the order of ``attempts`` and a later attempt never changes an issued
    certificate's attempt. When no attempt qualifies, the reasons are those of
    the closest attempt: the best score rule result (fewest reasons, then highest
    percent, then earliest), or the extra rules' reasons when some attempt met
    the score rule.
    """
    rules = tuple(rule_results)
    relevant = sorted(
        (
            a
            for a in attempts
            if a.counts_for_certificate
            and a.audience == audience
            and a.learner_audience == audience
            and a.framework_code == framework_code
        ),
        key=lambda a: a.sort_key,
    )
    if not relevant:
        return Eligibility(
            False,
            reasons=(
                Reason("no_counted_attempt", {"audience": audience, "framework": framework_code}),
            ),
        )
    first_rule_failure: tuple[Reason, ...] | None = None
    closest: tuple[tuple, tuple[Reason, ...]] | None = None
    for attempt in relevant:
        reasons = score_reasons(
            attempt,
            pass_mark_percent=pass_mark_percent,
            area_minimum_percent=area_minimum_percent,
            required_areas=required_areas,
        )
        if reasons:
            percent = -_exact(attempt.percent, "percent") if attempt.percent is not None else 1
            rank = (len(reasons), percent)
            if closest is None or rank < closest[0]:
                closest = (rank, reasons)
            continue
        rule_reasons = tuple(
            reason
            for reason in (rule.reason_for(attempt.attempt_id) for rule in rules)
            if reason is not None
        )
        if not rule_reasons:
            return Eligibility(True, qualifying_attempt_id=attempt.attempt_id)
        if first_rule_failure is None:
            first_rule_failure = rule_reasons
    if first_rule_failure is not None:
        return Eligibility(False, reasons=first_rule_failure)
    assert closest is not None
    return Eligibility(False, reasons=closest[1])
