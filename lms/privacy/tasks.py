from celery import shared_task

from . import retention
from .export import build_export

# Defined beside the action that queues it; named here so Celery's autodiscovery
# of tasks.py registers it.
__all__ = ["apply_retention", "build_export"]


@shared_task(name="privacy.apply_retention")
def apply_retention() -> dict:
    return retention.do_apply_retention()
