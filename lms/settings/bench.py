"""Benchmarks run the production stack (gunicorn, DEBUG off, compressed static)
on this machine, over plain HTTP on loopback."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
SHOW_DEMO_LOGINS = False
AXES_ENABLED = False
ROOT_URLCONF = "lms.bench_urls"
