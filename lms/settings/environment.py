"""Where every deployment value comes from: the environment, and a `.env` file beside
manage.py for what the environment leaves unset (see the table in README.md). The
site's own address lives here too, because the library's API and the certificates
both print it."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SITE_NAME = "Học vụ số"
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")
BASE_URL = WAGTAILADMIN_BASE_URL
