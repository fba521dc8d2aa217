"""Transactional tests get the session's rows back in bulk (tests/serialized_rows.py):
the same rows as Django's one-save-per-row restore, into flushed tables and into
tables that still hold them (the first transactional test of a process)."""

import pytest
from django.core.management import call_command
from django.db import connection

from lms.framework.models import Competency, FrameworkVersion
from tests import serialized_rows

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _snapshot() -> str:
    return connection.creation.serialize_db_to_string()


def test_the_bulk_restore_gives_back_the_rows_django_would():
    saved = connection._test_serialized_contents
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


def test_django_restores_through_the_bulk_restore():
    assert connection.creation.deserialize_db_from_string.__func__ is serialized_rows.deserialize
