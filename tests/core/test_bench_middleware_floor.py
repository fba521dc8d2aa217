"""The settings tests/bench/middleware_floor.py measures the site with: the bench
site's middleware but those named, in the same order."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIST_MIDDLEWARE = "import json, tests.bench.{module} as s; print(json.dumps(s.MIDDLEWARE))"


def middleware_of(module: str, dropped: str) -> list[str]:
    """The MIDDLEWARE of a settings module, read in a process of its own."""
    env = {**os.environ, "BENCH_DROP_MIDDLEWARE": dropped}
    code = LIST_MIDDLEWARE.format(module=module)
    output = subprocess.check_output([sys.executable, "-c", code], cwd=ROOT, env=env, text=True)
    return json.loads(output.splitlines()[-1])


def test_only_the_named_middleware_is_left_out():
    from tests.bench.middleware_floor import DEFAULT_VARIANTS

    site = middleware_of("dropped_settings", "")
    assert "django.middleware.security.SecurityMiddleware" in site
    dropped = DEFAULT_VARIANTS["also without CSP and language"]
    left = middleware_of("dropped_settings", dropped)
    gone = {
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "lms.core.csp.SiteCSPMiddleware",
        "lms.core.middleware.ChosenLanguageMiddleware",
    }
    assert left == [entry for entry in site if entry not in gone]
    assert len(site) - len(left) == len(gone)
