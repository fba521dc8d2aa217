from celery import shared_task

from . import retention
from .export import do_build_export


@shared_task(name="privacy.build_export")
def build_export(request_id: int) -> int:
    return do_build_export(request_id).progress


@shared_task(name="privacy.apply_retention")
def apply_retention() -> dict:
    return retention.do_apply_retention()
