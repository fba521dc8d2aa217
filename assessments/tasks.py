"""Celery tasks: thin wrappers around actions (tests call the actions directly)."""

from celery import shared_task

from .actions import regrade_attempts as regrade_attempts_action
from .actions import submit_expired_attempts as submit_expired_action


@shared_task(name="assessments.submit_expired_attempts")
def submit_expired_attempts() -> int:
    """Run every minute by beat (see CELERY_BEAT_SCHEDULE in settings)."""
    return submit_expired_action()


@shared_task(name="assessments.regrade_attempts")
def regrade_attempts(quiz_ids: list[int] | None = None) -> dict:
    report = regrade_attempts_action(quiz_ids)
    return {"attempts": report.attempts, "changed": report.changed, "seconds": report.seconds}
