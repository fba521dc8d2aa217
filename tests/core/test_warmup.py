"""A server process pays its one-time costs when it starts, not in the first
request of a class pressing Start together (lms/warmup.py)."""

import subprocess
import sys

import pytest

from .test_settings import ROOT

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("entry", ["lms.wsgi", "lms.asgi"])
def test_loading_the_server_entry_point_imports_the_views_and_catalogs(entry):
    probe = (
        f"import sys, {entry}; "
        "from django.utils.translation import trans_real; "
        "print('assessments.live.views' in sys.modules, 'assessments.api.learner' in sys.modules, "
        "sorted(trans_real._translations))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "lms.settings.bench",
            "DATABASE_URL": "sqlite:////nonexistent/never-opened.sqlite3",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0].startswith("True True")
    assert "'en'" in result.stdout and "'vi'" in result.stdout
