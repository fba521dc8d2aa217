"""Issue 16 §6: after a restore nothing cached before it is read, and the
invalidation deletes only the cache's own keys. Production's cache may share its
Redis database with the Celery broker and the channel layer: a task queued there
survives a restore's cache invalidation. On real Redis (CI's Redis pass)."""

import os
import uuid

import pytest
from django.core.cache import cache

from lms.backup.service import invalidate_cache

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI's Redis pass)"),
]


@pytest.fixture
def redis_client():
    return cache._cache.get_client(None, write=True)


@pytest.fixture
def queued_task(redis_client):
    """A task waiting in the broker (the shared Redis database), in a queue of
    its own so no worker takes it."""
    from lms.celery import app

    queue = f"hvs-restore-test-{uuid.uuid4().hex}"
    app.send_task("lms.tests.never_run", queue=queue)
    prefix = app.conf.broker_transport_options.get("global_keyprefix", "")
    key = f"{prefix}{queue}"
    assert redis_client.llen(key) == 1  # really queued in this Redis database
    yield key
    for leftover in redis_client.scan_iter(match=f"*{queue}*"):  # the queue and its bindings
        redis_client.delete(leftover)


def test_a_queued_task_survives_the_restores_cache_invalidation(
    redis_client, queued_task, settings
):
    # One Redis database for all three, as when CACHE_REDIS_URL is not set.
    assert settings.CACHES["default"]["LOCATION"] == settings.CELERY_BROKER_URL
    group_key = f"{settings.CHANNEL_LAYERS['default']['CONFIG']['prefix']}:group:room"
    redis_client.zadd(group_key, {"specific.abc!1": 1})
    cache.set("library:page", "cached before the restore", None)
    own_key = cache.make_and_validate_key("library:page")
    assert redis_client.exists(own_key)

    invalidate_cache()

    assert cache.get("library:page") is None  # a new epoch: never read again
    assert not redis_client.exists(own_key)  # and deleted, not left to linger
    assert redis_client.llen(queued_task) == 1  # the broker's queue is untouched
    assert redis_client.exists(group_key)  # so are the channel layer's groups
    redis_client.delete(group_key)


def test_the_own_key_shape_leaves_lookalikes_alone():
    from lms.core.scoped_cache import own_key_pattern

    own = own_key_pattern("hvs")
    assert own.match(b"hvs:0:1:library:page")
    assert own.match(b"hvs:9f3a0c1d2e4b5a67:1:x")
    assert not own.match(b"hvs:group:room")
    assert not own.match(b"hvs-gw1:0:1:x")
    assert not own.match(b"celery")
    assert not own.match(b"_kombu.binding.celery")
