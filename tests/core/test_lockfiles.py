"""Reproducible installs: every declared dependency is pinned in the lock files,
each pin satisfies the range pyproject.toml allows, and make, CI and the
Dockerfile install from the lock."""

import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(settings.BASE_DIR)
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    return {canonicalize_name(n): v for n, v in PIN.findall(text)}


def declared() -> tuple[list[Requirement], list[Requirement]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = [Requirement(line) for line in project["dependencies"]]
    dev = [Requirement(line) for line in project["optional-dependencies"]["dev"]]
    return runtime, dev


@pytest.mark.parametrize(
    ("lock", "which"), [("prod.txt", "runtime"), ("dev.txt", "runtime"), ("dev.txt", "dev")]
)
def test_every_declared_dependency_is_pinned_within_its_range(lock, which):
    runtime, dev = declared()
    locked = pins(lock)
    problems = []
    for requirement in runtime if which == "runtime" else dev:
        version = locked.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement.name} is not pinned in {lock}")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement.name}=={version} is outside {requirement.specifier}")
    assert not problems, "run `make lock`:\n" + "\n".join(problems)


def test_every_dependency_has_an_upper_bound():
    runtime, dev = declared()
    unbounded = [
        str(r)
        for r in runtime + dev
        if not any(s.operator in {"<", "<=", "=="} for s in r.specifier)
    ]
    assert not unbounded, f"a new major release could break the build: {unbounded}"


def test_production_lock_has_hashes_and_no_dev_tools():
    text = (ROOT / "requirements" / "prod.txt").read_text(encoding="utf-8")
    assert "--hash=sha256:" in text
    locked = pins("prod.txt")
    for tool in ("pytest", "ruff", "daphne", "babel", "schemathesis"):
        assert tool not in locked, f"{tool} belongs to the dev extra"


def test_make_and_the_image_install_from_the_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '-c requirements/dev.txt -e ".[dev]"' in makefile
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "--require-hashes" in dockerfile and "requirements/prod.txt" in dockerfile
    # Dependencies are installed before the code is copied: a code change keeps that layer.
    assert dockerfile.index("requirements/prod.txt") < dockerfile.index("COPY . .")
