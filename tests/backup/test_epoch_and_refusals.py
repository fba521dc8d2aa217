"""The cache epoch in every key, and backups this code must refuse to restore."""

import pytest
from django.core.cache import cache
from django.db import connection

from lms.backup import epoch
from lms.backup.archive import Member, write_archive
from lms.backup.errors import BackupFromNewerVersion
from lms.backup.models import CacheEpoch
from lms.backup.service import do_restore

from .conftest import KEY

pytestmark = pytest.mark.django_db


def test_every_cache_key_carries_the_installation_epoch():
    epoch.set_current("e1")
    first = cache.make_key("live:state:7:3")
    cache.set("live:state:7:3", {"question": 1})
    epoch.set_current("e2")  # what a restore does
    assert cache.make_key("live:state:7:3") != first
    assert "e2" in cache.make_key("live:state:7:3")
    assert cache.get("live:state:7:3") is None


def test_a_new_database_connection_reads_the_epoch(settings):
    settings.CACHE_EPOCH_RECHECK_SECONDS = 0
    CacheEpoch.objects.update_or_create(pk=1, defaults={"value": "0123abcd"})
    epoch.load_on_connect(None, connection)
    assert epoch.current() == "0123abcd"


def test_a_pooled_checkout_reads_the_epoch_at_most_once_per_recheck_interval(settings):
    """Each request's pool checkout is a new connection to Django: the round trip
    is made at most once per interval, and a restore is noticed once it is over."""
    settings.CACHE_EPOCH_RECHECK_SECONDS = 0
    CacheEpoch.objects.update_or_create(pk=1, defaults={"value": "before00"})
    epoch.load_on_connect(None, connection)
    assert epoch.current() == "before00"
    settings.CACHE_EPOCH_RECHECK_SECONDS = 3600
    CacheEpoch.objects.update_or_create(pk=1, defaults={"value": "restored"})
    epoch.load_on_connect(None, connection)
    assert epoch.current() == "before00"  # read moments ago: no round trip
    settings.CACHE_EPOCH_RECHECK_SECONDS = 0  # the interval is over
    epoch.load_on_connect(None, connection)
    assert epoch.current() == "restored"


def test_a_backup_from_a_newer_version_is_refused_before_anything_changes(tmp_path, make_user):
    dump = tmp_path / "dump"
    dump.write_bytes(b"not restored")
    archive = tmp_path / "hocvuso-20300101-000000.hvsbak"
    write_archive(
        archive,
        [Member("database/any", dump)],
        {
            "format": 1,
            "database": {"engine": connection.vendor, "member": "database/any"},
            "migrations": {"audit": ["0001_audit_event", "0999_from_the_future"]},
        },
        KEY,
    )
    user = make_user()
    with pytest.raises(BackupFromNewerVersion) as caught:
        do_restore(archive, key=KEY, force=True)
    assert "audit.0999_from_the_future" in str(caught.value.message)
    assert type(user).objects.filter(pk=user.pk).exists()
