"""``do_backup`` and ``do_restore``: what the commands and the beat task call.

A restore checks the whole file (decryption, every member's SHA-256) and every
reason to refuse before it changes anything; then the database is replaced in
one transaction, files are put in place (each by rename), the cache epoch is
renewed, the cache's own keys cleared (never the broker's) and the restore recorded
in the restored database."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.record import record_event

from . import epoch
from .archive import SUFFIX, Member, extract_verified, write_archive
from .crypto import MIN_KEY_LENGTH, key_from_environment
from .databases import adapter_for, holds_data
from .errors import (
    BackupError,
    BackupFromNewerVersion,
    BackupKeyMissing,
    DatabaseNotEmpty,
    FilesDiffer,
    RestoreRefused,
    SigningKeyDiffers,
)
from .models import CacheEpoch

KEY_MEMBER = "keys/certificate-signing-key.pem"
PREFIX = "hocvuso-"


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    manifest: dict
    seconds: float


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict
    files: int
    seconds: float


def _key(key: str | None) -> str:
    key = key_from_environment() if key is None else key
    if len(key) < MIN_KEY_LENGTH:
        raise BackupKeyMissing()
    return key


def _media_root() -> Path | None:
    # Media in object storage is kept (and versioned) by the storage provider.
    if getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
        return None
    return Path(settings.MEDIA_ROOT)


def _private_root() -> Path | None:
    root = getattr(settings, "PRIVATE_MEDIA_ROOT", None)  # certificate PDFs, when configured
    return Path(root) if root else None


def _key_path() -> Path:
    return Path(settings.CERTIFICATE_SIGNING_KEY_PATH)


def _files_under(root: Path | None, prefix: str, skip: set[Path]) -> list[Member]:
    if root is None or not root.is_dir():
        return []
    members = []
    for directory, subdirectories, names in os.walk(root):
        here = Path(directory)
        subdirectories[:] = sorted(d for d in subdirectories if (here / d).resolve() not in skip)
        for name in sorted(names):
            path = here / name
            if path.is_file() and not path.is_symlink() and path.resolve() not in skip:
                members.append(Member(f"{prefix}/{path.relative_to(root).as_posix()}", path))
    return members


def applied_migrations(alias: str) -> dict[str, list[str]]:
    applied = defaultdict(list)
    for app, name in sorted(MigrationRecorder(connections[alias]).applied_migrations()):
        applied[app].append(name)
    return dict(applied)


def _version() -> str:
    try:
        return importlib.metadata.version("hocvuso")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _backup_name(output: Path) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    path, number = output / f"{PREFIX}{stamp}{SUFFIX}", 1
    while path.exists():
        number += 1
        path = output / f"{PREFIX}{stamp}-{number}{SUFFIX}"
    return path


def do_backup(output: Path, *, alias: str = DEFAULT_DB_ALIAS, key: str | None = None):
    """Write one encrypted backup file into ``output``; record it in the audit trail."""
    key = _key(key)
    started = time.monotonic()
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    adapter = adapter_for(alias)
    destination = _backup_name(output)
    media, private, key_path = _media_root(), _private_root(), _key_path()
    skip = {output.resolve(), key_path.resolve()} | ({private.resolve()} if private else set())
    manifest = {
        "format": 1,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "app": {"name": "hocvuso", "version": _version()},
        "site": settings.BASE_URL,
        "database": {
            "engine": adapter.engine,
            "server_version": adapter.server_version(),
            "member": adapter.member,
        },
        "migrations": applied_migrations(alias),
        "media_in_object_storage": media is None,
    }
    with tempfile.TemporaryDirectory(prefix="hvs-backup-") as scratch:
        dump = Path(scratch) / "database"
        adapter.dump(dump)
        members = [
            Member(adapter.member, dump),
            *_files_under(media, "media", skip),
            *_files_under(private, "private", {output.resolve(), key_path.resolve()}),
        ]
        if key_path.is_file():
            members.append(Member(KEY_MEMBER, key_path))
        manifest = write_archive(destination, members, manifest, key)
    size = destination.stat().st_size
    record_event(
        actor=None,
        verb="backup.created",
        extra={
            "file": destination.name,
            "size": size,
            "engine": adapter.engine,
            "members": len(manifest["members"]),
        },
        using=alias,
    )
    return BackupResult(destination, size, manifest, time.monotonic() - started)


def prune(output: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest backups in ``output``."""
    backups = sorted(Path(output).glob(f"{PREFIX}*{SUFFIX}"), key=lambda p: p.stat().st_mtime)
    doomed = backups[: max(len(backups) - keep, 0)]
    for path in doomed:
        path.unlink()
    return doomed


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _check_migrations_known(manifest: dict) -> None:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupFromNewerVersion(
            _(
                "This backup comes from a newer version of Học vụ số (unknown migrations: "
                "%(names)s). Install that version, then restore."
            )
            % {"names": ", ".join(unknown[:5])}
        )


def _unapplied(alias: str) -> list:
    executor = MigrationExecutor(connections[alias])
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def _placements(staging: Path, manifest: dict, force: bool) -> list[tuple[Path, Path, bool]]:
    """(staged file, destination, private?) for every file member; raises when a
    different file is in the way and ``force`` is not given."""
    media, private, key_path = _media_root(), _private_root(), _key_path()
    placements, differing = [], []
    for entry in manifest["members"]:
        name = entry["name"]
        top, _slash, rest = name.partition("/")
        if name == KEY_MEMBER:
            destination, secret = key_path, True
        elif top == "media" and media is not None:
            destination, secret = media.joinpath(*rest.split("/")), False
        elif top == "private":
            if private is None:
                raise RestoreRefused(
                    _("The backup holds private files: set PRIVATE_MEDIA_ROOT, then restore.")
                )
            destination, secret = private.joinpath(*rest.split("/")), True
        else:
            continue  # the database, or media kept in object storage
        if destination.exists():
            if _sha256(destination) == entry["sha256"]:
                continue  # already in place
            if name == KEY_MEMBER and not force:
                raise SigningKeyDiffers()
            differing.append(destination)
        placements.append((staging / name, destination, secret))
    if differing and not force:
        raise FilesDiffer(
            _(
                "%(count)d files in place differ from the backup (e.g. %(example)s). "
                "Add --force to replace them."
            )
            % {"count": len(differing), "example": differing[0]}
        )
    return placements


def _put(source: Path, destination: Path, secret: bool) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700 if secret else 0o777)
    temporary = destination.with_name(f".{destination.name}.restoring")
    shutil.copyfile(source, temporary)
    if secret:
        temporary.chmod(0o600)
    os.replace(temporary, destination)


def invalidate_cache(alias: str = DEFAULT_DB_ALIAS) -> str:
    """After a restore: a new cache epoch, so nothing cached before is read again
    by any process, then the cache's own keys deleted. Only its own: where the
    cache shares a Redis database with the Celery broker, a FLUSHDB would lose
    every queued task. A cache whose clear() would flush a whole Redis database
    (Django's own backend) is left to the epoch and its timeouts."""
    new_epoch = CacheEpoch.renew(using=alias)
    if alias == DEFAULT_DB_ALIAS:
        epoch.set_current(new_epoch)
    if not _clear_flushes_redis(cache):
        cache.clear()
    return new_epoch


def _clear_flushes_redis(backend) -> bool:
    from django.core.cache.backends.redis import RedisCache

    from lms.core.scoped_cache import RedisCache as OwnKeysRedisCache

    return isinstance(backend, RedisCache) and not isinstance(backend, OwnKeysRedisCache)


def do_restore(
    path: Path, *, alias: str = DEFAULT_DB_ALIAS, key: str | None = None, force: bool = False
) -> RestoreResult:
    """Bring a fresh installation back from ``path``. Nothing is changed unless
    the whole file decrypts and checks out and nothing is in the way."""
    key = _key(key)
    started = time.monotonic()
    path = Path(path)
    if not path.is_file():
        raise RestoreRefused(_("No backup file at %(path)s.") % {"path": path})
    adapter = adapter_for(alias)
    with tempfile.TemporaryDirectory(prefix="hvs-restore-") as scratch:
        staging = Path(scratch)
        manifest = extract_verified(path, key, staging)
        engine = manifest.get("database", {}).get("engine")
        if engine != adapter.engine:
            raise RestoreRefused(
                _("This is a %(backup)s backup; it restores into %(backup)s, not %(target)s.")
                % {"backup": engine, "target": adapter.engine}
            )
        _check_migrations_known(manifest)
        placements = _placements(staging, manifest, force)
        if not force and holds_data(alias):
            raise DatabaseNotEmpty()
        adapter.restore(staging / manifest["database"]["member"])
        for source, destination, secret in placements:
            _put(source, destination, secret)
    # An older backup meets newer code: bring its schema up to date.
    if _unapplied(alias):
        call_command("migrate", database=alias, interactive=False, verbosity=0)
    invalidate_cache(alias)
    record_event(
        actor=None,
        verb="backup.restored",
        extra={
            "file": path.name,
            "backup_created_at": manifest.get("created_at"),
            "files": len(placements),
            "forced": force,
        },
        using=alias,
    )
    return RestoreResult(manifest, len(placements), time.monotonic() - started)


__all__ = ["BackupError", "do_backup", "do_restore", "prune"]
