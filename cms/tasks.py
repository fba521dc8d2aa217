from celery import shared_task
from django.core.management import call_command


@shared_task(name="cms.publish_scheduled")
def publish_scheduled() -> None:
    """Publish (and unpublish) pages whose scheduled time has come: Wagtail's
    scheduled publishing needs this run periodically (Celery beat, every minute)."""
    call_command("publish_scheduled")
