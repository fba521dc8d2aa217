"""The backup file: a tar stream (members, then ``manifest.json`` with the size
and SHA-256 of every member) inside the encrypted stream of ``crypto``.

Writing goes to a hidden temporary name in the target folder, is fsynced and
renamed only when complete, so a crash never leaves a file that looks whole.
Reading extracts into a private staging folder and checks every member against
the manifest; only then may anything be restored from it."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .crypto import CHUNK_SIZE, DecryptingReader, EncryptingWriter
from .errors import BackupCorrupt

MANIFEST = "manifest.json"
SUFFIX = ".hvsbak"
_COPY = 1024 * 1024


@dataclass(frozen=True)
class Member:
    name: str  # inside the archive, e.g. "media/library/a.webp"
    path: Path  # on disk


class _Hashing(io.RawIOBase):
    """Reads through ``source``, hashing what passes."""

    def __init__(self, source):
        self._source = source
        self.sha256 = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._source.read(len(buffer))
        self.sha256.update(data)
        self.size += len(data)
        buffer[: len(data)] = data
        return len(data)


def _add(tar: tarfile.TarFile, member: Member) -> dict:
    info = tarfile.TarInfo(member.name)
    stat = member.path.stat()
    info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
    with open(member.path, "rb") as handle:
        hashing = _Hashing(handle)
        tar.addfile(info, hashing)  # a file that shrank meanwhile raises OSError
    return {"name": member.name, "size": info.size, "sha256": hashing.sha256.hexdigest()}


def write_archive(destination: Path, members: Iterable[Member], manifest: dict, key: str) -> dict:
    """Write the backup to ``destination`` and return the completed manifest."""
    temporary = destination.with_name(f".{destination.name}.partial")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as raw:
            stream = io.BufferedWriter(EncryptingWriter(raw, key), CHUNK_SIZE)
            with tarfile.open(fileobj=stream, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                listed = [_add(tar, member) for member in members]
                manifest = {
                    **manifest,
                    "members": listed,
                    "total_size": sum(entry["size"] for entry in listed),
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode = len(data), 0o600
                tar.addfile(info, io.BytesIO(data))
            stream.close()  # seals the final chunk
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, destination)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return manifest


def _staged_path(staging: Path, name: str) -> Path:
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise BackupCorrupt()
    return staging.joinpath(*parts)


def extract_verified(path: Path, key: str, staging: Path) -> dict:
    """Decrypt ``path`` into ``staging`` and return its manifest once every
    member is there with the size and SHA-256 the manifest lists."""
    found: dict[str, tuple[int, str]] = {}
    manifest = None
    with open(path, "rb") as raw:
        reader = DecryptingReader(raw, key)
        try:
            with tarfile.open(fileobj=io.BufferedReader(reader, CHUNK_SIZE), mode="r|") as tar:
                for info in tar:
                    if not info.isfile() or info.name in found:
                        raise BackupCorrupt()
                    source = tar.extractfile(info)
                    if info.name == MANIFEST:
                        manifest = json.loads(source.read())
                        continue
                    target = _staged_path(staging, info.name)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    digest = hashlib.sha256()
                    with open(target, "xb") as handle:
                        while chunk := source.read(_COPY):
                            digest.update(chunk)
                            handle.write(chunk)
                    found[info.name] = (info.size, digest.hexdigest())
        except (tarfile.TarError, ValueError, UnicodeDecodeError) as error:
            raise BackupCorrupt() from error
        reader.finish()
    if not isinstance(manifest, dict) or not isinstance(manifest.get("members"), list):
        raise BackupCorrupt()
    listed = {entry["name"]: (entry["size"], entry["sha256"]) for entry in manifest["members"]}
    if listed != found:
        raise BackupCorrupt()
    return manifest


def read_manifest(path: Path, key: str) -> dict:
    """The manifest of a backup, after checking the whole file."""
    with tempfile.TemporaryDirectory(prefix="hvs-verify-") as staging:
        return extract_verified(Path(path), key, Path(staging))
