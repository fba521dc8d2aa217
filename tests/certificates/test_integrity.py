"""The stored content hash is checked (issue 11 §3): the verification page, the API
and the credential say "record altered" when a row was changed behind the
application's back, and a periodic job scans every certificate for it."""

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from assessments.certificates import codes, records, tasks
from assessments.certificates.integrity import HashedRecord, recompute_hash
from assessments.certificates.models import Certificate
from lms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

ALTERED_VI = "Hồ sơ đã bị thay đổi"
VALID_TEXTS = ("Giấy chứng nhận này còn hiệu lực.", "This certificate is valid.")


def tamper(certificate, **changes):
    """What someone with database access would do: change the row directly."""
    assert Certificate.objects.filter(pk=certificate.pk).update(**changes) == 1


def copies(certificate, count):
    """More certificates like ``certificate`` (other codes, no holder), each with a
    correct hash, without taking the quiz again."""
    made = []
    for index in range(count):
        other = Certificate.objects.get(pk=certificate.pk)
        other.pk = None
        other.user = None
        other.code = codes.new_code()
        other.full_name = f"Người Thứ {index}"
        other.content_hash = records.content_hash(other)
        other.save(force_insert=True)
        made.append(other)
    return made


# --- the page, the API, the credential ------------------------------------------


def test_an_untouched_certificate_is_valid_everywhere(client, certificate):
    body = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert any(text in body for text in VALID_TEXTS)
    assert ALTERED_VI not in body
    data = client.get(f"/api/v1/certificates/{certificate.code}/").json()
    assert data["status"] == "valid"
    assert data["record_intact"] is True


def test_a_row_altered_in_the_database_is_reported_on_the_page(client, certificate):
    tamper(certificate, full_name="Trần Văn Giả")
    response = client.get(f"/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert ALTERED_VI in body
    assert not any(text in body for text in VALID_TEXTS)
    # no PDF is offered for a record that cannot be trusted
    assert f"/certificates/verify/{certificate.code}/pdf/" not in body
    assert client.get(f"/certificates/verify/{certificate.code}/pdf/").status_code == 409


def test_the_api_says_altered(client, certificate):
    tamper(certificate, score_percent=Decimal("99.50"))
    response = client.get(f"/api/v1/certificates/{certificate.code}/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "altered"
    assert data["record_intact"] is False


def test_a_tampered_competency_profile_is_caught(client, certificate):
    tamper(certificate, competency_profile="not a list")
    data = client.get(f"/api/v1/certificates/{certificate.code}/").json()
    assert data["status"] == "altered"


def test_an_altered_record_is_never_signed(client, certificate, learner):
    tamper(certificate, signer_name="Người Khác")
    client.force_login(learner)
    response = client.get(f"/certificates/{certificate.code}/credential.json")
    assert response.status_code == 409
    assert ALTERED_VI in response.json()["detail"]


# --- the pure function -------------------------------------------------------------


def record(**changes) -> HashedRecord:
    values = {
        "code": "ABCDEFGHJK",
        "full_name": "Nguyễn Thị Hồng Nhung",
        "date_of_birth": None,
        "audience": "resident",
        "framework_code": "757-v1.0",
        "framework_version": "1.0",
        "unit_code": "00070",
        "unit_name": "Phường Hoàn Kiếm",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Đặng Ỷ Lan",
        "place_name": "Hà Nội",
        "issued_at": datetime(2026, 5, 1, 3, 4, 5, 678, tzinfo=UTC),
        "score_percent": Decimal("85.50"),
        "competency_profile": [["1", "Khai thác dữ liệu", 80.0]],
    }
    values.update(changes)
    return HashedRecord(**values)


def test_the_pure_hash_is_the_one_stored_at_issue(certificate):
    assert recompute_hash(records.hashed_record(certificate)) == certificate.content_hash


@given(
    percent=st.decimals(min_value=0, max_value=100, places=2),
    offset_hours=st.integers(min_value=-12, max_value=14),
)
def test_the_hash_ignores_how_a_value_is_represented(percent, offset_hours):
    """Decimal or float, UTC or +07:00: the same content, the same hash."""
    base = record(score_percent=percent)
    moved = base.issued_at.astimezone(timezone(timedelta(hours=offset_hours)))
    assert recompute_hash(record(score_percent=float(percent))) == recompute_hash(base)
    assert recompute_hash(record(score_percent=percent, issued_at=moved)) == recompute_hash(base)


@given(
    field=st.sampled_from(
        ["code", "full_name", "audience", "unit_code", "unit_name", "signer_name", "place_name"]
    ),
    suffix=st.text(min_size=1, max_size=5),
)
def test_any_printed_change_changes_the_hash(field, suffix):
    base = record()
    changed = record(**{field: getattr(base, field) + suffix})
    assert recompute_hash(changed) != recompute_hash(base)


def test_malformed_stored_values_count_as_altered():
    from assessments.certificates.integrity import is_intact

    good = record()
    assert is_intact(good, recompute_hash(good))
    assert not is_intact(record(competency_profile="not a list"), recompute_hash(good))
    assert not is_intact(record(score_percent="abc"), recompute_hash(good))


# --- the periodic job ----------------------------------------------------------------


@pytest.fixture
def admins(settings):
    settings.ADMINS = [("Vận hành", "ops@example.vn")]
    return settings.ADMINS


def test_the_job_finds_the_altered_one_records_it_and_mails_admins(certificate, admins):
    others = copies(certificate, 3)
    tamper(others[1], unit_name="Phường Giả")

    summary = tasks.check_certificate_integrity.apply(kwargs={"batch_size": 2}).get()

    assert summary["checked"] == 4
    assert summary["altered"] == [others[1].code]
    failed = AuditEvent.objects.filter(verb="certificates.integrity_failed")
    assert [(e.target_type, e.target_id) for e in failed] == [
        ("certificates.certificate", str(others[1].pk))
    ]
    assert failed[0].unit_id == others[1].unit_id
    assert failed[0].extra["stored_hash"] == others[1].content_hash
    checked = AuditEvent.objects.get(verb="certificates.integrity_checked")
    assert checked.extra["checked"] == 4 and checked.extra["altered"] == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ops@example.vn"]
    assert others[1].code in mail.outbox[0].body

    # the next run still reports it, but the trail holds one event per alteration
    again = tasks.check_certificate_integrity.apply(kwargs={"batch_size": 2}).get()
    assert again["altered"] == [others[1].code] and again["new"] == 0
    assert AuditEvent.objects.filter(verb="certificates.integrity_failed").count() == 1
    assert len(mail.outbox) == 2


def test_a_clean_run_mails_nobody(certificate, admins):
    copies(certificate, 2)
    summary = tasks.check_certificate_integrity.apply().get()
    assert summary["checked"] == 3 and summary["altered"] == []
    assert not AuditEvent.objects.filter(verb="certificates.integrity_failed").exists()
    assert AuditEvent.objects.filter(verb="certificates.integrity_checked").count() == 1
    assert mail.outbox == []


def test_the_job_reads_in_batches(certificate, admins):
    """Bounded memory: one bounded SELECT per batch, never the whole table at once."""
    from django.db import connection

    copies(certificate, 4)
    with CaptureQueriesContext(connection) as queries:
        call_command("check_certificates", "--batch-size", "2", stdout=open("/dev/null", "w"))  # noqa: SIM115
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and 'FROM "certificates_certificate"' in q["sql"]
    ]
    assert len(reads) == 3  # 2 + 2 + 1 rows, the last batch short
    assert all("LIMIT 2" in sql for sql in reads)


def test_the_command_fails_when_something_is_altered(certificate, admins, capsys):
    tamper(certificate, full_name="Trần Văn Giả")
    with pytest.raises(CommandError) as failed:
        call_command("check_certificates")
    assert certificate.code in str(failed.value)
    assert len(mail.outbox) == 1


def test_the_job_is_scheduled_daily(settings):
    from celery.schedules import crontab

    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == tasks.check_certificate_integrity.name
    ]
    assert len(entries) == 1
    assert isinstance(entries[0]["schedule"], crontab)


def test_each_view_checks_the_stored_record_once_and_keeps_no_verdict(client, certificate):
    from unittest import mock

    from assessments.certificates import integrity

    page = f"/certificates/verify/{certificate.code}/"
    with mock.patch.object(
        integrity, "canonical_sha256", wraps=integrity.canonical_sha256
    ) as hashed:
        assert any(text in client.get(page).content.decode() for text in VALID_TEXTS)
        assert hashed.call_count == 1
        tamper(certificate, full_name="Trần Văn Giả")
        assert ALTERED_VI in client.get(page).content.decode()
        assert hashed.call_count == 2
