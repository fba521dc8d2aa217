"""Transactional tests get the session's rows back in bulk (tests/serialized_rows.py):
the same rows as Django's one-save-per-row restore, into flushed tables and into
tables that still hold them (the first transactional test of a process)."""

import re
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection

from lms.backup.models import CacheEpoch
from lms.framework.models import Competency, FrameworkVersion
from tests import serialized_rows

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


# Django's JSON encoder writes times to the millisecond: one with 1-999 µs is
# written "hh:mm:ss.000" and reads back with none, written "hh:mm:ss" from then on.
_MILLISECONDS_OF_NOTHING = re.compile(r'(?<=\d\d:\d\d:\d\d)\.000(?=Z"|[+-]\d\d:\d\d"|")')


def _as_read_back(serialized: str) -> str:
    """Serialized rows as they are once restored (by Django's restore too)."""
    return _MILLISECONDS_OF_NOTHING.sub("", serialized)


def _snapshot() -> str:
    return _as_read_back(connection.creation.serialize_db_to_string())


def test_the_bulk_restore_gives_back_the_rows_django_would():
    saved = _as_read_back(connection._test_serialized_contents)
    assert FrameworkVersion.objects.exists()  # the session's rows, restored for this test
    # The restore of this test's set-up (in the tables the last test flushed) left them:
    assert _snapshot() == saved

    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    assert not Competency.objects.exists()
    serialized_rows.restore(connection, saved)
    assert _snapshot() == saved

    # Again over the same rows, as before the first flush of a process.
    serialized_rows.restore(connection, saved)
    assert _snapshot() == saved


def test_a_time_finer_than_a_millisecond_reads_back_as_djangos_restore_leaves_it():
    # Django's serializer writes milliseconds: 500 µs is written ".000" and reads
    # back as none. Any row the session's set-up wrote in the first millisecond of
    # a second did that (1 in 1,000 per timestamp), and this file failed in CI.
    epoch = CacheEpoch.objects.first() or CacheEpoch.objects.create(value="test")
    written = datetime(2026, 12, 2, 6, 30, 21, 500, tzinfo=UTC)
    CacheEpoch.objects.filter(pk=epoch.pk).update(changed_at=written)
    saved = connection.creation.serialize_db_to_string()
    assert '.000Z"' in saved

    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    serialized_rows.restore(connection, saved)
    assert CacheEpoch.objects.get(pk=epoch.pk).changed_at == written.replace(microsecond=0)
    assert _snapshot() == _as_read_back(saved)


def test_django_restores_through_the_bulk_restore():
    assert connection.creation.deserialize_db_from_string.__func__ is serialized_rows.deserialize
