"""Back up a populated installation, restore it into a new database and find
everything there: attempts, certificates whose signatures still verify, live
sessions, audit events, media and the signing key. On PostgreSQL (CI's second
pass) this is the real pg_dump/pg_restore round trip."""

import io
import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connections

from assessments.certificates.credentials import verify_credential
from assessments.certificates.documents import signed_credential, signing_key
from assessments.certificates.models import Certificate
from assessments.certificates.records import hash_matches
from assessments.live import livecache
from assessments.live.models import LiveAnswer, LiveSession, Participant
from assessments.live.state import public_state
from assessments.models import Attempt
from lms.audit.models import AuditEvent
from lms.backup.models import CacheEpoch

from .conftest import routed_to, table_names

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


def make_backup(tmp_path) -> Path:
    out = tmp_path / "backups"
    run("backup", "--output", str(out))
    [archive] = out.glob("hocvuso-*.hvsbak")
    assert not list(out.glob(".*"))  # no partial file left behind
    return archive


def new_installation(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "new" / "media"
    settings.CERTIFICATE_SIGNING_KEY_PATH = tmp_path / "new" / "keys" / "signing-key.pem"


def test_round_trip_into_a_new_database(populated, backup_key, restore_target, tmp_path, settings):
    original_key = Path(settings.CERTIFICATE_SIGNING_KEY_PATH).read_bytes()
    counts = {
        "attempts": Attempt.objects.count(),
        "certificates": Certificate.objects.count(),
        "sessions": LiveSession.objects.count(),
        "participants": Participant.objects.count(),
        "answers": LiveAnswer.objects.count(),
    }
    assert counts["attempts"] and counts["answers"]
    events = set(AuditEvent.objects.values_list("pk", "verb"))
    original_epoch = CacheEpoch.current()

    archive = make_backup(tmp_path)
    assert b"Nhung" not in archive.read_bytes()  # encrypted, names and all
    made = AuditEvent.objects.get(verb="backup.created")
    assert made.extra["file"] == archive.name

    session = populated["session"]
    # The same session row comes back (same key): the cache epoch keeps it from being served.
    cache.set(livecache.key(session, "state", session.revision), {"stale": True})
    new_installation(settings, tmp_path)
    output = run("restore", str(archive), "--database", restore_target)
    assert archive.name in output

    with routed_to(restore_target):
        assert {
            "attempts": Attempt.objects.count(),
            "certificates": Certificate.objects.count(),
            "sessions": LiveSession.objects.count(),
            "participants": Participant.objects.count(),
            "answers": LiveAnswer.objects.count(),
        } == counts
        restored = Certificate.objects.get(code=populated["certificate"].code)
        assert hash_matches(restored)
        credential = signed_credential(restored)
        assert credential == populated["credential"]
        assert verify_credential(credential, signing_key().public_key())
        assert events <= set(AuditEvent.objects.values_list("pk", "verb"))
        assert not AuditEvent.objects.filter(verb="backup.created").exists()
        done = AuditEvent.objects.get(verb="backup.restored")
        assert done.extra["file"] == archive.name
        # Nothing cached before the restore is served after it.
        assert "stale" not in public_state(LiveSession.objects.get(pk=session.pk))
        assert CacheEpoch.current() != original_epoch

    assert Path(settings.CERTIFICATE_SIGNING_KEY_PATH).read_bytes() == original_key
    media = Path(settings.MEDIA_ROOT) / "library" / "so-tay.txt"
    assert media.read_text(encoding="utf-8") == "Sổ tay an toàn số"


def test_the_manifest_lists_every_member_with_its_hash(populated, backup_key, tmp_path):
    from lms.backup.archive import read_manifest

    manifest = read_manifest(make_backup(tmp_path), backup_key)
    names = {member["name"] for member in manifest["members"]}
    assert "keys/certificate-signing-key.pem" in names
    assert "media/library/so-tay.txt" in names
    assert any(name.startswith("database/") for name in names)
    assert all(len(member["sha256"]) == 64 for member in manifest["members"])
    assert manifest["database"]["engine"] == connections["default"].vendor
    assert "0001_audit_event" in manifest["migrations"]["audit"]
    json.dumps(manifest)


def test_backup_refuses_to_run_without_a_key(populated, tmp_path, monkeypatch):
    monkeypatch.delenv("BACKUP_ENCRYPTION_KEY", raising=False)
    with pytest.raises(CommandError, match="BACKUP_ENCRYPTION_KEY"):
        run("backup", "--output", str(tmp_path / "backups"))
    assert not (tmp_path / "backups").exists()
    assert not AuditEvent.objects.filter(verb="backup.created").exists()


@pytest.mark.parametrize("damage", ["truncate", "wrong_key"])
def test_a_bad_file_leaves_the_target_untouched(
    populated, backup_key, restore_target, tmp_path, settings, monkeypatch, damage
):
    archive = make_backup(tmp_path)
    if damage == "truncate":
        archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
        expected = "backup_truncated"
    else:
        monkeypatch.setenv("BACKUP_ENCRYPTION_KEY", "mot-khoa-khac-hoan-toan-dai-hon-32-ky-tu")
        expected = "backup_wrong_key"
    new_installation(settings, tmp_path)
    with pytest.raises(CommandError, match=expected):
        run("restore", str(archive), "--database", restore_target)
    assert table_names(restore_target) == []
    assert not (tmp_path / "new").exists()


def test_restore_over_data_needs_force(populated, backup_key, tmp_path):
    archive = make_backup(tmp_path)
    learner = populated["learner"]
    learner.full_name = "Đổi sau khi sao lưu"
    learner.save(update_fields=["full_name"])
    with pytest.raises(CommandError, match="--force"):
        run("restore", str(archive))
    learner.refresh_from_db()
    assert learner.full_name == "Đổi sau khi sao lưu"

    run("restore", str(archive), "--force")
    learner.refresh_from_db()
    assert learner.full_name == "Nguyễn Thị Hồng Nhung"
    assert AuditEvent.objects.filter(verb="backup.restored", extra__forced=True).exists()


def test_a_different_signing_key_is_not_overwritten(
    populated, backup_key, restore_target, tmp_path, settings
):
    archive = make_backup(tmp_path)
    new_installation(settings, tmp_path)
    key_path = Path(settings.CERTIFICATE_SIGNING_KEY_PATH)
    key_path.parent.mkdir(parents=True)
    key_path.write_bytes(b"another installation's key")
    with pytest.raises(CommandError, match="signing_key_differs"):
        run("restore", str(archive), "--database", restore_target)
    assert key_path.read_bytes() == b"another installation's key"
    assert table_names(restore_target) == []
