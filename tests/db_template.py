"""A migrated SQLite test database kept between test processes.

Migrating the 230-odd migrations costs each test process about half a minute of
CPU, the same for every xdist worker and every targeted run. The first process
that needs the database migrates it as usual (plus the session's rows) and
leaves a copy here, with the serialized contents that transactional tests
restore; the next processes copy the file. A second copy, taken before the
session's rows, is what ``manage.py migrate`` leaves on a new site: the ``make
run`` start-up test starts from it instead of migrating again
(tests/core/test_make_run.py). The copies are named by a digest of everything
that can change what the migrations leave: the project's code and data files
(migrations, post_migrate handlers, the framework fixture), what the tests build
among the session's shared rows (tests/shared_rows.py) and how the copies are
made (this file), the settings, the Python version and the installed
distributions. Any change makes a new name, so a stale copy is never used;
``--create-db`` rebuilds it anyway.
"""

import fcntl
import hashlib
import importlib.metadata
import os
import shutil
import sqlite3
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = Path(tempfile.gettempdir()) / "hvs-test-templates"
# Every app, its migrations and data, and the settings; of tests/, what builds the copies.
SOURCES = ("lms", "assessments", "cms", "courses", "movement")
TEST_FILES = ("tests/shared_rows.py", "tests/db_template.py")
SUFFIXES = {".py", ".json", ".yaml", ".yml", ".csv", ".xml", ".txt"}
KEEP = 6  # templates of other worktrees or revisions, newest used first


def digest(root: Path = ROOT) -> str:
    sha = hashlib.sha256()
    sha.update(sys.version.encode())
    sha.update(os.environ.get("DJANGO_SETTINGS_MODULE", "").encode())
    for dist in sorted(
        f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()
    ):
        sha.update(dist.encode())
    paths = [path for top in SOURCES for path in sorted((root / top).rglob("*"))]
    for path in [*paths, *(root / name for name in TEST_FILES)]:
        if path.suffix in SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            sha.update(str(path.relative_to(root)).encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()[:20]


@contextmanager
def _locked(key: str):
    """One process builds a template at a time; the others wait and copy it."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    with open(FOLDER / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _paths(key: str) -> tuple[Path, Path]:
    return FOLDER / f"{key}.sqlite3", FOLDER / f"{key}.json"


def _migrated_path(key: str) -> Path:
    return FOLDER / f"{key}.migrated.sqlite3"


def _prune() -> None:
    kept = [p for p in FOLDER.glob("*.sqlite3") if not p.name.endswith(".migrated.sqlite3")]
    kept.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[KEEP:]:
        key = old.name.removesuffix(".sqlite3")
        for path in (old, old.with_suffix(".json"), old.with_suffix(".lock"), _migrated_path(key)):
            path.unlink(missing_ok=True)


def restore(connection, key: str) -> list | None:
    """Point ``connection`` at a fresh copy of the template; None without one.
    Returns the ``old_config`` that Django's ``teardown_databases`` expects."""
    from django.conf import settings

    database, serialized = _paths(key)
    if not (database.is_file() and serialized.is_file()):
        return None
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    connection.close()
    for companion in ("-wal", "-shm"):
        Path(f"{test_name}{companion}").unlink(missing_ok=True)
    shutil.copyfile(database, test_name)
    os.utime(database)  # recently used: pruned last
    settings.DATABASES[connection.alias]["NAME"] = test_name
    connection.settings_dict["NAME"] = test_name
    connection._test_serialized_contents = serialized.read_text(encoding="utf-8")
    connection.ensure_connection()
    return [(connection, old_name, True)]


def _backup(connection, path: Path) -> None:
    """A consistent copy of the connection's database (WAL included) at ``path``."""
    partial = path.with_suffix(f".{os.getpid()}.partial")
    connection.ensure_connection()
    target = sqlite3.connect(partial)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    os.replace(partial, path)


def save(connection, key: str) -> None:
    """Copy the test database with the session's rows, and its serialized contents."""
    database, serialized = _paths(key)
    serialized.write_text(connection._test_serialized_contents, encoding="utf-8")
    _backup(connection, database)  # the database last: both files exist once it does
    _prune()


def save_migrated(connection, key: str) -> None:
    """Copy the test database as the migrations and post_migrate left it, before
    the session's rows: what ``manage.py migrate`` leaves on a new site."""
    _backup(connection, _migrated_path(key))


def copy_migrated(destination: Path, key: str | None = None) -> bool:
    """Copy the migrated database to ``destination``; False when there is none
    for today's code (the first run after a change migrates instead)."""
    source = _migrated_path(key or digest())
    if not source.is_file():
        return False
    shutil.copyfile(source, destination)
    return True


@contextmanager
def building(key: str):
    with _locked(key):
        yield
