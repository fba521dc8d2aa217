"""Scoring whole attempts: totals, subscores by competency and area, pass decisions.

Points are added up exactly (as ints over one common denominator, returned as
``fractions.Fraction``) so that subscores add up to the total exactly; round to
floats only when presenting (``AttemptScore.to_dict``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import Any

from .grading import grade_response
from .spec import QuestionSpec

# Bucket for points of questions without competencies, or whose competency has
# no known area, so that subscores still add up to the total.
UNASSIGNED = ""

COMBINE_METHODS = ("highest", "last", "first", "average")


@lru_cache(maxsize=1024)
def _exact(value: float) -> Fraction:
    # Exact binary value of the float; cached because the same few point values
    # recur in every attempt.
    return Fraction(value)


@lru_cache(maxsize=1024)
def _dyadic(value: float) -> tuple[int, int]:
    """``(n, e)`` with ``value == n / 2**e`` exactly: every finite float is one."""
    numerator, denominator = value.as_integer_ratio()
    return numerator, denominator.bit_length() - 1


@lru_cache(maxsize=1024)
def _earned(points: float, fraction: float) -> tuple[int, int]:
    """``points * fraction`` exactly, as ``_dyadic`` gives it (the same few
    pairs recur in every attempt)."""
    points_n, points_e = _dyadic(points)
    fraction_n, fraction_e = _dyadic(fraction)
    return points_n * fraction_n, points_e + fraction_e


@lru_cache(maxsize=1024)
def _shares(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The distinct competency codes a question's points are shared by, in
    order; the UNASSIGNED bucket for none."""
    return tuple(dict.fromkeys(codes)) or (UNASSIGNED,)


_ZERO = Fraction(0)


def _percent(points: Fraction, max_points: Fraction) -> Fraction | None:
    return None if max_points == 0 else points * 100 / max_points


def _rounded(value: Fraction | None, ndigits: int) -> float | None:
    return None if value is None else round(float(value), ndigits)


@dataclass(frozen=True, slots=True)
class Subscore:
    """Points earned out of points available, exact."""

    points: Fraction
    max_points: Fraction

    @property
    def percent(self) -> Fraction | None:
        """Exact percentage, or None when nothing was available."""
        return _percent(self.points, self.max_points)

    def below(self, percent: Fraction) -> bool:
        """Exactly below ``percent``, by cross-multiplying (no Fraction division)."""
        return self.points * 100 < percent * self.max_points

    def to_dict(self, ndigits: int = 2) -> dict[str, float | None]:
        points, max_points = float(self.points), float(self.max_points)
        return {
            "points": round(points, ndigits),
            "max_points": round(max_points, ndigits),
            # Presentation only: decisions compare exactly (``below``).
            "percent": None if not self.max_points else round(points * 100 / max_points, ndigits),
        }


@dataclass(frozen=True, slots=True)
class AttemptScore:
    """The outcome of ``score_attempt``.

    ``per_slot`` maps each scored slot to its fraction (None while an essay awaits
    grading); descriptions are left out. Pending essays count 0 points until graded.
    """

    total_points: Fraction
    max_points: Fraction
    per_competency: dict[str, Subscore]
    per_area: dict[str, Subscore]
    pending_manual: tuple[str, ...]
    per_slot: dict[str, float | None]

    @property
    def percent(self) -> Fraction | None:
        return _percent(self.total_points, self.max_points)

    @property
    def is_complete(self) -> bool:
        return not self.pending_manual

    def to_dict(self, ndigits: int = 2) -> dict[str, Any]:
        """Floats rounded to ``ndigits`` for templates and APIs."""
        total = Subscore(self.total_points, self.max_points).to_dict(ndigits)
        return {
            "total_points": total["points"],
            "max_points": total["max_points"],
            "percent": total["percent"],
            "per_competency": {k: v.to_dict(ndigits) for k, v in self.per_competency.items()},
            "per_area": {k: v.to_dict(ndigits) for k, v in self.per_area.items()},
            "pending_manual": list(self.pending_manual),
            "per_slot": dict(self.per_slot),
        }


def _manual_fraction(slot_id: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"manual fraction for slot {slot_id!r} must be a number")
    if not (math.isfinite(value) and 0 <= value <= 1):
        raise ValueError(f"manual fraction for slot {slot_id!r} must be in [0, 1], got {value}")
    return float(value)


def score_attempt(
    slots: Iterable[tuple[str, QuestionSpec, Any]],
    competency_area_of: Mapping[str, str],
    manual_fractions: Mapping[str, float] | None = None,
) -> AttemptScore:
    """Score an attempt given as ``(slot_id, question, response)`` triples.

    ``manual_fractions`` holds teachers' grades (fractions in [0, 1]) by slot id;
    they grade essays and override automatic grades. A question tagged with k
    competencies gives each of them 1/k of its points (earned and available), so
    per-competency and per-area subscores add up exactly to the total. Points of
    untagged questions, and of competencies missing from ``competency_area_of``,
    go to the ``UNASSIGNED`` ("") bucket. Descriptions are skipped.

    Raises ValueError for duplicate slot ids and for manual fractions that are
    out of range or name unknown slots.
    """
    manual = dict(manual_fractions or {})
    # Every amount is a float or a float product: n / 2**e exactly, split by a
    # question's k competencies. Over the common denominator 2**exponent * lcm
    # of the k, each is an int: adding ints is exact like adding Fractions,
    # without a gcd per addition; a Fraction is made once per total at the end.
    scored: list[tuple[int, int, int, int, tuple[str, ...]]] = []
    per_slot: dict[str, float | None] = {}
    pending: list[str] = []
    seen: set[str] = set()
    exponent, share_lcm = 0, 1
    for slot_id, question, response in slots:
        if slot_id in seen:
            raise ValueError(f"duplicate slot id {slot_id!r}")
        seen.add(slot_id)
        if question.qtype == "description":
            continue
        if slot_id in manual:
            fraction = _manual_fraction(slot_id, manual[slot_id])
        else:
            fraction = grade_response(question, response)
        per_slot[slot_id] = fraction
        available_n, available_e = _dyadic(question.points)
        if fraction is None:
            pending.append(slot_id)
            earned_n, earned_e = 0, 0
        else:
            earned_n, earned_e = _earned(question.points, fraction)
        codes = _shares(question.competency_codes)
        exponent = max(exponent, available_e, earned_e)
        if len(codes) > 1:
            share_lcm = math.lcm(share_lcm, len(codes))
        scored.append((earned_n, earned_e, available_n, available_e, codes))

    unknown = set(manual) - seen
    if unknown:
        raise ValueError(f"manual fractions for unknown slots: {sorted(unknown)}")
    earned_total = available_total = 0
    by_competency: dict[str, list[int]] = {}
    by_area: dict[str, list[int]] = {}
    for earned_n, earned_e, available_n, available_e, codes in scored:
        earned = (earned_n << (exponent - earned_e)) * share_lcm
        available = (available_n << (exponent - available_e)) * share_lcm
        earned_total += earned
        available_total += available
        share_count = len(codes)
        earned_share, available_share = earned // share_count, available // share_count
        for code in codes:
            area = competency_area_of.get(code, UNASSIGNED) if code else UNASSIGNED
            for buckets, key in ((by_competency, code), (by_area, area)):
                bucket = buckets.get(key)
                if bucket is None:
                    buckets[key] = [earned_share, available_share]
                else:
                    bucket[0] += earned_share
                    bucket[1] += available_share
    denominator = share_lcm << exponent

    def exact(scaled: int) -> Fraction:
        return Fraction(scaled, denominator) if scaled else _ZERO

    return AttemptScore(
        total_points=exact(earned_total),
        max_points=exact(available_total),
        per_competency={
            code: Subscore(exact(earned), exact(available))
            for code, (earned, available) in by_competency.items()
        },
        per_area={
            area: Subscore(exact(earned), exact(available))
            for area, (earned, available) in by_area.items()
        },
        pending_manual=tuple(pending),
        per_slot=per_slot,
    )


@dataclass(frozen=True, slots=True)
class Reason:
    """Why an attempt did not pass: a stable ``code`` plus ``params`` for translation.

    Codes: ``pending_manual_grading`` (count), ``nothing_to_grade``,
    ``below_pass_mark`` (percent, required), ``area_below_minimum`` (area, percent,
    required). Percentages in params are rounded to 2 decimals.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PassDecision:
    passed: bool
    failed_areas: tuple[str, ...]
    reasons: tuple[Reason, ...]


def _threshold(value: Any, name: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if not (math.isfinite(value) and 0 <= value <= 100):
        raise ValueError(f"{name} must be a percentage in [0, 100], got {value!r}")
    return _exact(float(value))


def pass_decision(
    score: AttemptScore,
    pass_mark_percent: float,
    area_minimum_percent: float | None = None,
    area_minimums: Mapping[str, float] | None = None,
) -> PassDecision:
    """Whether ``score`` passes: overall percent at least ``pass_mark_percent`` and
    every competency area at least its minimum.

    An area's minimum is ``area_minimums[area]`` when given, else
    ``area_minimum_percent`` (None: no minimum). The UNASSIGNED bucket and areas
    with no available points have no minimum. Comparisons are exact, so 70% of
    the points meets a 70 pass mark. An attempt with essays awaiting grading never
    passes; its other reasons reflect the points graded so far.
    """
    pass_mark = _threshold(pass_mark_percent, "pass_mark_percent")
    default_minimum = (
        None
        if area_minimum_percent is None
        else _threshold(area_minimum_percent, "area_minimum_percent")
    )
    overrides = {
        area: _threshold(value, f"area minimum for {area!r}")
        for area, value in (area_minimums or {}).items()
    }
    reasons: list[Reason] = []
    if score.pending_manual:
        reasons.append(Reason("pending_manual_grading", {"count": len(score.pending_manual)}))
    percent = score.percent
    if percent is None:
        reasons.append(Reason("nothing_to_grade"))
    elif percent < pass_mark:
        reasons.append(
            Reason(
                "below_pass_mark",
                {"percent": _rounded(percent, 2), "required": float(pass_mark)},
            )
        )
    failed_areas: list[str] = []
    for area in sorted(score.per_area):
        subscore = score.per_area[area]
        minimum = overrides.get(area, default_minimum)
        if area == UNASSIGNED or minimum is None or not subscore.max_points:
            continue
        if subscore.below(minimum):
            failed_areas.append(area)
            reasons.append(
                Reason(
                    "area_below_minimum",
                    {
                        "area": area,
                        "percent": _rounded(subscore.percent, 2),
                        "required": float(minimum),
                    },
                )
            )
    return PassDecision(
        passed=not reasons, failed_areas=tuple(failed_areas), reasons=tuple(reasons)
    )


def combine_attempts(grades: Sequence[float | None], method: str) -> float | None:
    """One grade from several attempts' grades, oldest first.

    ``method`` is "highest", "last", "first" or "average". Ungraded attempts (None)
    are left out; with no graded attempt the result is None.
    """
    if method not in COMBINE_METHODS:
        raise ValueError(f"unknown method {method!r}; expected one of {COMBINE_METHODS}")
    graded = [grade for grade in grades if grade is not None]
    if not graded:
        return None
    if method == "highest":
        return max(graded)
    if method == "last":
        return graded[-1]
    if method == "first":
        return graded[0]
    return math.fsum(graded) / len(graded)
