"""The embedded default (`make run`): SQLite, eager Celery, no services needed."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
# The address the embedded site serves on (`PORT=8080 make run`), so certificates'
# QR codes and links point where the site really is.
os.environ.setdefault("BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}")

from .base import *  # noqa: F403

# seed_demo prints the demo logins only where this is true.
SHOW_DEMO_LOGINS = True

# daphne's runserver serves ASGI, so `make run` answers the live quiz WebSockets too.
INSTALLED_APPS = ["daphne", *INSTALLED_APPS]  # noqa: F405
