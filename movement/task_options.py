"""How the movement's Celery tasks retry (movement/tasks.py, reports/files.py)."""

from django.db import InterfaceError, OperationalError

RETRY_OPTIONS = {
    "autoretry_for": (OperationalError, InterfaceError, OSError),
    "max_retries": 5,
    "retry_backoff": 10,
    "retry_jitter": True,
}
