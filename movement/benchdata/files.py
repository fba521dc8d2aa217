"""Where a bench build's files go: the demo's quarterly report and anything
else written to MEDIA_ROOT or PRIVATE_MEDIA_ROOT. Never into the source tree
(they would land in whichever checkout ran the build, and a second checkout on
the same database would not find them): into a directory named after the
database, shared by every checkout that reads it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FILE_SETTINGS = ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT")


def bench_files_root(database: str) -> Path:
    base = os.environ.get("BENCH_FILES_DIR") or tempfile.gettempdir()
    return Path(base) / "hvs-bench" / database


def roots_outside(source: Path, roots: dict[str, Path], database: str) -> dict[str, Path]:
    """The file settings to change: those whose directory is inside `source`,
    moved under the database's bench directory (the others are left alone)."""
    moved = {}
    for name, root in roots.items():
        if Path(root).resolve().is_relative_to(Path(source).resolve()):
            moved[name] = bench_files_root(database) / name.removesuffix("_ROOT").lower()
    return moved
