"""When an attempt stops taking answers: a pure rule over plain datetimes.

An attempt's cut-off is the earlier of
- the end of its time limit plus the quiz's grace period (the grace absorbs a
  slow phone's last autosave arriving a few seconds late), and
- the quiz's closing time, with no grace: once a quiz has closed, its review
  after close may show the right answers, so no attempt may take another answer.

Answers are accepted while ``now < cutoff``; at or after it the attempt is
submitted with what was saved before. The timer shows ``timer_end``: the earlier
of the time limit end and the close, never the grace.
"""

from __future__ import annotations

from datetime import datetime, timedelta


def _earliest(*moments: datetime | None) -> datetime | None:
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None


def attempt_cutoff(
    *, time_limit_end: datetime | None, grace_seconds: int, closes_at: datetime | None
) -> datetime | None:
    """The moment answers stop being accepted; None when neither limit applies."""
    limit = None
    if time_limit_end is not None:
        limit = time_limit_end + timedelta(seconds=max(0, grace_seconds))
    return _earliest(limit, closes_at)


def timer_end(*, time_limit_end: datetime | None, closes_at: datetime | None) -> datetime | None:
    """The end the learner's timer counts down to."""
    return _earliest(time_limit_end, closes_at)


def is_past(cutoff: datetime | None, now: datetime) -> bool:
    return cutoff is not None and now >= cutoff


def review_after_close_applies(closes_at: datetime | None, now: datetime) -> bool:
    """The quiz's "after close" review options apply from the close on: by then
    every attempt's cut-off has passed (cut-offs are never later than the close)."""
    return is_past(closes_at, now)


def time_limit_applies(*, counts_for_certificate: bool, untimed_practice: bool) -> bool:
    """Practice has no timer for a learner who chose the easy reading mode; a
    completion quiz keeps its limit for everyone, so a certificate means the same."""
    return counts_for_certificate or not untimed_practice
