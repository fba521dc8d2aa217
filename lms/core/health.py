"""Readiness checks for /healthz: each returns (ok, detail) and never raises."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return False, type(exc).__name__
    return True, connection.vendor


def check_cache() -> tuple[bool, str]:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:
        return False, type(exc).__name__
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return ok, backend if ok else "read-back failed"


def check_broker() -> tuple[bool, str]:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True, "eager"
    from kombu import Connection

    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    except Exception as exc:
        return False, type(exc).__name__
    return True, "connected"


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}
