"""Production settings: refuse to start without their required variables, and
pass Django's deployment checklist with realistic values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REALISTIC_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": "k" * 20 + "-realistic-production-secret-key-0123456789abcdef",
    "ALLOWED_HOSTS": "hocvuso.sonmai.quangngai.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://hocvuso.sonmai.quangngai.gov.vn",
    "DATABASE_URL": "postgres://hocvuso:secret@db:5432/hocvuso",
    "REDIS_URL": "redis://redis:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.vn:587",
}


def run_manage(*args, env_overrides=None, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in REALISTIC_ENV}
    env.update(REALISTIC_ENV)
    env.update(env_overrides or {})
    for name in drop:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_without_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without_required_variables(missing):
    result = run_manage("check", drop=(missing,))
    assert result.returncode != 0
    assert missing in result.stderr


def test_dev_settings_need_no_environment():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {*REALISTIC_ENV, "DATABASE_URL", "REDIS_URL"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "lms.settings.dev"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
