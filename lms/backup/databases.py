"""One adapter per database engine: a consistent copy out, a copy back in that
replaces the target in one transaction, and "does it already hold data?"."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connections
from django.utils.translation import gettext as _

from lms.audit.models import AuditEvent

from .errors import BackupError


def holds_data(alias: str) -> bool:
    """True when the database has accounts or an audit trail: a freshly
    migrated installation has neither, a used one has both."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for model in (get_user_model(), AuditEvent):
            table = model._meta.db_table
            if table in tables:
                # A model's own table name, quoted: no outside input.
                quoted = connection.ops.quote_name(table)
                cursor.execute(f"SELECT 1 FROM {quoted} LIMIT 1")  # noqa: S608
                if cursor.fetchone():
                    return True
    return False


class SQLiteAdapter:
    """The embedded mode: SQLite's online backup API copies a consistent
    snapshot while the site runs, and writes the restored copy in one go."""

    engine = "sqlite"
    member = "database/sqlite3.db"

    def __init__(self, alias: str):
        self.alias = alias

    def server_version(self) -> str:
        return sqlite3.sqlite_version

    def dump(self, destination: Path) -> None:
        connection = connections[self.alias]
        connection.ensure_connection()
        target = sqlite3.connect(destination)
        try:
            connection.connection.backup(target)
        finally:
            target.close()

    def restore(self, source: Path) -> None:
        connection = connections[self.alias]
        connection.ensure_connection()
        copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            # One step (pages=-1): readers see the old database or the new one.
            copy.backup(connection.connection)
        except sqlite3.Error as error:
            raise BackupError(_("The database could not be restored: %s") % error) from error
        finally:
            copy.close()


def _major(version_text: str) -> int:
    """15 from "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"."""
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", version_text)
    return int(match.group(1)) if match else 0


class PostgreSQLAdapter:
    """pg_dump in custom format reads one snapshot, so the dump is consistent
    while the site runs; pg_restore in one transaction leaves the target as it
    was if anything fails."""

    engine = "postgresql"
    member = "database/postgresql.dump"

    def __init__(self, alias: str):
        self.alias = alias
        self.settings = connections[alias].settings_dict

    def server_version(self) -> str:
        connection = connections[self.alias]
        connection.ensure_connection()
        number = connection.pg_version
        return f"{number // 10000}.{number % 10000}"

    def _tool(self, name: str) -> str:
        path = shutil.which(name)
        if not path:
            raise BackupError(
                _("%(tool)s is not installed: install the PostgreSQL client (postgresql-client).")
                % {"tool": name}
            )
        result = subprocess.run(  # noqa: S603 - our tool path, no shell
            [path, "--version"], capture_output=True, text=True, check=False
        )
        tool_major = _major(result.stdout)
        server_major = int(self.server_version().split(".")[0])
        if tool_major < server_major:
            raise BackupError(
                _(
                    "%(tool)s %(tool_major)s is older than the PostgreSQL %(server_major)s "
                    "server: install postgresql-client-%(server_major)s."
                )
                % {"tool": name, "tool_major": tool_major, "server_major": server_major}
            )
        return path

    def _environment(self) -> dict:
        environment = dict(os.environ)
        for variable, key in (
            ("PGHOST", "HOST"),
            ("PGPORT", "PORT"),
            ("PGUSER", "USER"),
            ("PGPASSWORD", "PASSWORD"),
            ("PGDATABASE", "NAME"),
        ):
            if self.settings.get(key):
                environment[variable] = str(self.settings[key])
        if sslmode := self.settings.get("OPTIONS", {}).get("sslmode"):
            environment["PGSSLMODE"] = sslmode
        return environment

    def _run(self, command: list[str], failure: str, **environment) -> None:
        result = subprocess.run(  # noqa: S603 - a list of arguments, no shell
            command,
            env={**self._environment(), **environment},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            detail = result.stderr.strip().splitlines()[-3:]
            raise BackupError(f"{failure} {' / '.join(detail)}")

    def dump(self, destination: Path) -> None:
        self._run(
            [self._tool("pg_dump"), "--format=custom", "--no-password", "--file", str(destination)],
            _("pg_dump failed:"),
        )

    def restore(self, source: Path) -> None:
        tool = self._tool("pg_restore")
        # Our own connection would hold locks the restore has to wait for.
        connections[self.alias].close()
        self._run(
            [
                tool,
                "--single-transaction",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--no-password",
                "--dbname",
                self.settings["NAME"],
                str(source),
            ],
            _("pg_restore failed; the database was left as it was:"),
            # A site still connected would make the restore wait forever: give up instead.
            PGOPTIONS="-c lock_timeout=60s",
        )


def adapter_for(alias: str):
    vendor = connections[alias].vendor
    if vendor == "postgresql":
        return PostgreSQLAdapter(alias)
    if vendor == "sqlite":
        return SQLiteAdapter(alias)
    raise BackupError(_("Backups support PostgreSQL and SQLite, not %s.") % vendor)
