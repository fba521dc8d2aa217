"""Celery tasks of the movement app: thin callers of actions and renderers."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

RETRY_OPTIONS = {
    "autoretry_for": (OperationalError, InterfaceError, OSError),
    "max_retries": 5,
    "retry_backoff": 10,
    "retry_jitter": True,
}


@shared_task(name="movement.render_report_files", acks_late=True, **RETRY_OPTIONS)
def render_report_files(report_id: int) -> None:
    from .reports.files import store_files

    store_files(report_id)


@shared_task(name="movement.rebuild_rollup", acks_late=True, **RETRY_OPTIONS)
def rebuild_rollup() -> int:
    from .rollup import rebuild

    return rebuild()


@shared_task(name="movement.prepare_quarterly_drafts", acks_late=True, **RETRY_OPTIONS)
def prepare_quarterly_drafts() -> int:
    from .reports.schedule import prepare_and_remind

    return prepare_and_remind()
