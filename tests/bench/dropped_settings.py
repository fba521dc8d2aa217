"""The bench site without some middleware, for tests/bench/middleware_floor.py:
every entry of ``MIDDLEWARE`` whose dotted path contains one of the
comma-separated parts in BENCH_DROP_MIDDLEWARE is left out. Never deployed."""

import os

from lms.settings.bench import *  # noqa: F403
from lms.settings.bench import MIDDLEWARE as _SITE_MIDDLEWARE

_DROPPED = [part for part in os.environ.get("BENCH_DROP_MIDDLEWARE", "").split(",") if part]
MIDDLEWARE = [entry for entry in _SITE_MIDDLEWARE if not any(part in entry for part in _DROPPED)]
