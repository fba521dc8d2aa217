"""Enforcing a quiz's retake policy (the rule itself is assessments/retakes.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext

from assessments.models import Attempt, AttemptState, Quiz
from assessments.retakes import AttemptOutcome, retake_available_at

from .errors import RetakeNotYet

# Learners read times in Vietnam's time, whatever the server's zone.
LEARNER_TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def next_start_at(quiz: Quiz, user, history=None) -> datetime | None:
    """When ``user`` may next start ``quiz`` under its retake policy (None: any
    time). ``history``: ``(submitted_at, passed)`` of their submitted attempts in
    order, when the caller has read them already."""
    rows = history
    if rows is None:
        rows = (
            Attempt.objects.filter(quiz=quiz, user=user, state=AttemptState.SUBMITTED)
            .order_by("number")
            .values_list("submitted_at", "passed")
        )
    history = [
        AttemptOutcome(submitted_at, passed) for submitted_at, passed in rows if submitted_at
    ]
    return retake_available_at(
        history,
        wait=timedelta(hours=quiz.retake_wait_hours),
        after_failures=quiz.retake_after_failures,
    )


def local_time_label(moment: datetime) -> str:
    """ "14:30 ngày 01/12/2026" (Vietnamese) or "14:30 on 01/12/2026", Vietnam time."""
    local = moment.astimezone(LEARNER_TIME_ZONE)
    return gettext("%(time)s on %(date)s") % {
        "time": local.strftime("%H:%M"),
        "date": local.strftime("%d/%m/%Y"),
    }


def retake_message(available_at: datetime) -> str:
    return gettext(
        "You did not pass the last attempts. You may try again from %(when)s (Vietnam time)."
    ) % {"when": local_time_label(available_at)}


def check_retake_allowed(quiz: Quiz, user, now: datetime | None = None, history=None) -> None:
    """RetakeNotYet (with the time the learner may start) while they must wait."""
    available_at = next_start_at(quiz, user, history)
    if available_at is not None and (now or timezone.now()) < available_at:
        raise RetakeNotYet(retake_message(available_at), available_at=available_at.isoformat())
