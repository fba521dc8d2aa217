"""Production settings: refuse to start without their required variables, and
pass Django's deployment checklist with realistic values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Each test starts manage.py (or make) in a subprocess.
pytestmark = pytest.mark.slow
REALISTIC_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": "k" * 20 + "-realistic-production-secret-key-0123456789abcdef",
    "ALLOWED_HOSTS": "hocvuso.sonmai.quangngai.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://hocvuso.sonmai.quangngai.gov.vn",
    "DATABASE_URL": "postgres://hocvuso:secret@db:5432/hocvuso",
    "REDIS_URL": "redis://redis:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.vn:587",
    "BASE_URL": "https://hocvuso.sonmai.quangngai.gov.vn",
    "CERTIFICATE_SIGNING_KEY_PATH": "/var/lib/hocvuso/keys/certificate-signing-key.pem",
    "PRIVACY_CONTROLLER": "UBND xã Sơn Mai",
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


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        # Printed into every certificate's QR code and credential: no silent default.
        "BASE_URL",
        "EMAIL_URL",
        "CERTIFICATE_SIGNING_KEY_PATH",
        "PRIVACY_CONTROLLER",
    ],
)
def test_production_refuses_to_start_without_required_variables(missing):
    result = run_manage("check", drop=(missing,))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Set the {missing} environment variable" in result.stderr


@pytest.mark.parametrize(
    "base_url",
    [
        "hocvuso.sonmai.quangngai.gov.vn",  # no scheme
        "ftp://hocvuso.sonmai.quangngai.gov.vn",
        "https://",
        "http://127.0.0.1:8000",
        "http://localhost:8000",
        "https://[::1]/",
    ],
)
def test_production_refuses_a_base_url_that_is_not_a_public_http_address(base_url):
    result = run_manage("check", env_overrides={"BASE_URL": base_url})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "BASE_URL" in result.stderr


def dev_env(**overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {*REALISTIC_ENV, "DATABASE_URL", "REDIS_URL", "PORT"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "lms.settings.dev"
    env.update(overrides)
    return env


def dev_base_url(**overrides) -> str:
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--verbosity=0",
            "-c",
            "from django.conf import settings; "
            "print(settings.BASE_URL, settings.WAGTAILADMIN_BASE_URL, settings.WAGTAILAPI_BASE_URL)",
        ],
        cwd=ROOT,
        env=dev_env(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1].split()


def test_embedded_mode_derives_base_url_from_the_port_it_serves_on():
    assert dev_base_url(PORT="8080") == ["http://127.0.0.1:8080"] * 3
    assert dev_base_url() == ["http://127.0.0.1:8000"] * 3
    # An explicit BASE_URL still wins (e.g. the embedded site behind a tunnel).
    assert (
        dev_base_url(PORT="8080", BASE_URL="https://lop.example.vn")
        == ["https://lop.example.vn"] * 3
    )


def test_make_run_passes_its_port_to_the_seed_and_the_server():
    # -n prints the commands make would run without running any of them.
    result = subprocess.run(
        ["make", "-n", "run"],
        cwd=ROOT,
        env=dev_env(PORT="8080"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    commands = result.stdout.splitlines()
    seed = next(line for line in commands if "seed_demo" in line)
    server = next(line for line in commands if "runserver" in line)
    assert seed.startswith("PORT=8080 ")
    assert server.startswith("PORT=8080 ") and server.endswith("127.0.0.1:8080")


def test_dev_settings_need_no_environment():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=dev_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
