"""The retake rule, pure: when may a learner start the next attempt?

After ``after_failures`` failed attempts in a row (a pass resets the run;
attempts still waiting for an essay grade count neither way), the next attempt
waits ``wait`` after the latest failure. With the defaults (24 h after the
second failure) a learner gets two quick tries, then one a day: a small pool
can no longer be learnt by heart in an afternoon of retakes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class AttemptOutcome:
    submitted_at: datetime
    passed: bool | None  # None: not graded yet


def failures_in_a_row(history: Iterable[AttemptOutcome]) -> list[AttemptOutcome]:
    """The failed attempts since the last pass, oldest first (history in order)."""
    run: list[AttemptOutcome] = []
    for outcome in history:
        if outcome.passed is True:
            run = []
        elif outcome.passed is False:
            run.append(outcome)
    return run


def retake_available_at(
    history: Iterable[AttemptOutcome], *, wait: timedelta, after_failures: int
) -> datetime | None:
    """When the next attempt may start; None when it may start at any time.

    ``history`` is the learner's submitted attempts at one quiz, in order."""
    if wait <= timedelta(0):
        return None
    run = failures_in_a_row(history)
    if len(run) < max(1, after_failures):
        return None
    return max(outcome.submitted_at for outcome in run) + wait


def may_start(
    history: Iterable[AttemptOutcome], now: datetime, *, wait: timedelta, after_failures: int
) -> bool:
    available = retake_available_at(history, wait=wait, after_failures=after_failures)
    return available is None or now >= available
