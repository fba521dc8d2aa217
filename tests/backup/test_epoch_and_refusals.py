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


def test_a_new_database_connection_reads_the_epoch():
    CacheEpoch.objects.update_or_create(pk=1, defaults={"value": "0123abcd"})
    epoch.load_on_connect(None, connection)
    assert epoch.current() == "0123abcd"


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
