"""Points of a live answer: pure functions of server-side numbers only.

The formula (also shown to the instructor, see ``formula_text``):

    base   = round(1000 × fraction)                           speed bonus off
    base   = round(1000 × fraction × (1 − 0.5 × min(t, T) / T))  speed bonus on
    streak = 100 × min(n − 1, 5) for the n-th correct answer in a row (n ≥ 2), else 0

``fraction`` is the assessments scoring engine's grade in [0, 1]; ``t`` is the
time from the moment the server opened the question to the moment the server
received the answer, ``T`` the participant's time limit (the question's seconds
plus any extra time given to that participant). The client's clock is never
used. An answer counts as correct for the streak when it earns full credit.
"""

from __future__ import annotations

import math

BASE_POINTS = 1000
SPEED_WEIGHT = 0.5  # the slowest in-time answer keeps half its points
STREAK_STEP = 100
STREAK_CAP = 5  # at most +500
FULL_CREDIT = 1.0 - 1e-9


def _fraction(value: float) -> float:
    if not math.isfinite(value):
        return 0.0
    return min(1.0, max(0.0, value))


def speed_factor(elapsed_ms: int, limit_ms: int) -> float:
    """1.0 for an instant answer, falling linearly to 0.5 at the time limit."""
    if limit_ms <= 0:
        return 1.0
    share = min(max(elapsed_ms, 0), limit_ms) / limit_ms
    return 1.0 - SPEED_WEIGHT * share


def base_points(fraction: float, elapsed_ms: int, limit_ms: int, *, speed: bool) -> int:
    fraction = _fraction(fraction)
    factor = speed_factor(elapsed_ms, limit_ms) if speed else 1.0
    return round(BASE_POINTS * fraction * factor)


def is_correct(fraction: float) -> bool:
    return _fraction(fraction) >= FULL_CREDIT


def next_streak(streak: int, fraction: float) -> int:
    return streak + 1 if is_correct(fraction) else 0


def streak_points(streak_after: int, *, enabled: bool) -> int:
    """Bonus for the answer that made the streak ``streak_after`` long."""
    if not enabled or streak_after < 2:
        return 0
    return STREAK_STEP * min(streak_after - 1, STREAK_CAP)


def formula_text(*, speed: bool, streak: bool) -> list[str]:
    """The rules in words, for the instructor's screen (translated by the caller's
    language)."""
    from django.utils.translation import gettext as _

    lines = [
        _("A fully correct answer is worth %(points)s points; partial credit earns its share.")
    ]
    values = {"points": BASE_POINTS}
    if speed:
        lines.append(
            _(
                "Speed bonus: points × (1 − 0.5 × seconds taken ÷ seconds allowed), "
                "timed by the server from the moment the question opened; the slowest "
                "answer in time keeps half."
            )
        )
    else:
        lines.append(_("Speed does not count: answering slowly loses nothing."))
    if streak:
        lines.append(
            _(
                "Streak bonus: +%(step)s for the 2nd correct answer in a row, +%(double)s for "
                "the 3rd, up to +%(cap)s."
            )
        )
        values |= {
            "step": STREAK_STEP,
            "double": 2 * STREAK_STEP,
            "cap": STREAK_STEP * STREAK_CAP,
        }
    return [line % values for line in lines]
