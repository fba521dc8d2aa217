"""Scheduled publishing: a revision approved for later goes live when the
periodic task runs after its time, and not before."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from cms.tasks import publish_scheduled
from tests.cms.fixtures import framework, library, make_image, make_item  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_scheduled_page_goes_live_when_its_time_comes(client, make_item):  # noqa: F811
    page = make_item("Hướng dẫn hẹn giờ", publish=False)
    page.go_live_at = timezone.now() + timedelta(seconds=3)
    revision = page.save_revision()
    revision.publish()  # with go_live_at in the future this only schedules it
    page.refresh_from_db()
    assert not page.live

    publish_scheduled.apply()
    page.refresh_from_db()
    assert not page.live

    time.sleep(3.5)  # the scheduled moment passes
    publish_scheduled.apply()
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_the_task_runs_every_minute_in_production():
    entry = settings.CELERY_BEAT_SCHEDULE["cms-publish-scheduled"]
    assert entry == {"task": "cms.publish_scheduled", "schedule": 60.0}
