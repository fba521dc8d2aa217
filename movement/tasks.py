"""Celery tasks of the movement app: thin callers of actions and renderers."""

from __future__ import annotations

from celery import shared_task

from .reports.files import render_report_files
from .task_options import RETRY_OPTIONS

# render_report_files is defined beside store_files, which the report actions queue
# without importing this module (no import cycle); named here so Celery's
# autodiscovery of tasks.py registers it.
__all__ = ["prepare_quarterly_drafts", "rebuild_rollup", "render_report_files"]


@shared_task(name="movement.rebuild_rollup", acks_late=True, **RETRY_OPTIONS)
def rebuild_rollup() -> int:
    from .rollup import rebuild

    return rebuild()


@shared_task(name="movement.prepare_quarterly_drafts", acks_late=True, **RETRY_OPTIONS)
def prepare_quarterly_drafts() -> int:
    from .reports.schedule import prepare_and_remind

    return prepare_and_remind()
