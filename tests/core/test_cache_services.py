"""The page cache has its own Redis with a memory limit and LRU eviction; the
Celery broker and the channel layer stay on a Redis that never evicts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_compose_gives_the_cache_its_own_evicting_redis():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    main = " ".join(services["redis"]["command"])
    cache = " ".join(services["redis-cache"]["command"])
    assert "--maxmemory-policy noeviction" in main
    assert "--maxmemory 256mb" in cache and "--maxmemory-policy allkeys-lru" in cache
    app_env = compose["x-app"]["environment"]
    assert app_env["CACHE_REDIS_URL"].startswith("redis://redis-cache:6379/")
    assert app_env["REDIS_URL"].startswith("redis://redis:6379/")
    for name in ("web", "asgi", "worker", "beat"):
        assert (
            "redis-cache" in services[name]["depends_on"]
            or "redis-cache" in compose["x-app"]["depends_on"]
        )


def settings_in_subprocess(expression: str = "", **env_overrides) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_REDIS_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="lms.settings.dev", **env_overrides)
    expression = expression or (
        "s.CACHES['default']['LOCATION'], s.CHANNEL_LAYERS['default']['CONFIG']['hosts'][0], "
        "s.CELERY_BROKER_URL"
    )
    code = f"from django.conf import settings as s; print({expression})"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--verbosity=0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1].split()


@pytest.mark.slow  # manage.py in a subprocess
def test_cache_redis_url_moves_only_the_cache():
    assert settings_in_subprocess(
        REDIS_URL="redis://redis:6379/0", CACHE_REDIS_URL="redis://redis-cache:6379/0"
    ) == ["redis://redis-cache:6379/0", "redis://redis:6379/0", "redis://redis:6379/0"]
    # Without it, everything shares REDIS_URL as before.
    assert settings_in_subprocess(REDIS_URL="redis://redis:6379/0") == ["redis://redis:6379/0"] * 3


@pytest.mark.slow  # manage.py in a subprocess
def test_the_redis_cache_clears_only_its_own_keys_outside_tests_too():
    """A restore clears the cache; with Django's backend that is FLUSHDB, and on a
    Redis shared with the broker every queued task would go with it."""
    backend = settings_in_subprocess(
        "s.CACHES['default']['BACKEND']", REDIS_URL="redis://redis:6379/0"
    )
    assert backend == ["lms.core.scoped_cache.RedisCache"]
