"""A real Celery worker process against the real Redis of the CI run."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.services,
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="needs REDIS_URL (the CI run starts Redis and a worker)",
    ),
]


@pytest.fixture(scope="module")
def worker():
    # This process's queue (its key prefix, lms/settings/test.py) may hold tasks that
    # earlier tests queued without a worker: they are not this test's to run.
    from lms.celery import app

    app.control.purge()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="lms.settings.test")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lms",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "-Q",
            "celery",
            "-n",
            f"ci-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_settings_are_in_service_mode(settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"].startswith("channels_redis")


def test_a_real_worker_runs_a_task_and_returns_its_result(worker):
    from lms.core.tasks import ping

    result = ping.delay("xin chào")
    value = result.get(timeout=60)
    assert value["payload"] == "xin chào"
    # It ran in the worker process, not in ours.
    assert value["pid"] == worker.pid


@pytest.mark.django_db
def test_healthz_sees_the_real_broker_and_cache(client):
    body = client.get("/healthz").json()
    assert body["checks"]["broker"] == {"ok": True, "detail": "connected"}
    assert body["checks"]["cache"]["detail"] == "RedisCache"


def test_channel_layer_round_trip_through_redis():
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)("healthcheck", channel)
    async_to_sync(layer.group_send)("healthcheck", {"type": "probe", "text": "xin chào"})
    message = async_to_sync(layer.receive)(channel)
    assert message == {"type": "probe", "text": "xin chào"}
