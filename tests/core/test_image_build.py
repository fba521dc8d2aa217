"""Reproducible installs, the image's side (issue 11 §5): CI installs through make
(which installs from the lock), and the Dockerfile builds in stages so that the
runtime image carries the locked production set only, with the code copied after
the dependencies and the build context trimmed by .dockerignore."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def dockerfile_stages() -> dict[str, str]:
    """Each ``FROM … AS name`` stage of the Dockerfile and its instructions."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    parts = re.split(r"^FROM\s+\S+\s+AS\s+(\w+)\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_ci_installs_and_tests_through_make():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make --no-print-directory lint" in ci
    assert "make --no-print-directory test" in ci
    # No pip install of its own: make's install step is the one that reads the lock.
    assert "pip install" not in ci


def test_the_runtime_stage_gets_the_locked_venv_and_no_build_tools():
    stages = dockerfile_stages()
    assert list(stages)[-1] == "runtime", list(stages)
    deps, build, runtime = stages["deps"], stages["build"], stages["runtime"]
    assert "--require-hashes" in deps and "requirements/prod.txt" in deps
    assert "COPY . ." not in deps  # a code change keeps the dependency layer
    # Babel (a dev extra) compiles the catalogues in the build stage only; the
    # runtime copies the venv from deps, never from build.
    assert "babel" in build.lower() and "pybabel compile" in build
    assert "COPY --from=deps /venv /venv" in runtime
    assert "COPY --from=build /venv" not in runtime
    assert "pip install" not in runtime
    assert re.search(r"^USER\s+\w+", runtime, flags=re.MULTILINE)


def test_dockerignore_keeps_secrets_local_data_and_tests_out():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for entry in (".git", ".venv", ".env", "db.sqlite3*", "media/*", "private/", "tests/"):
        assert entry in ignored, entry


def test_the_stage_reader_sees_named_stages():
    assert list(dockerfile_stages()) == ["deps", "build", "runtime"]
