"""The daily retention job: unclaimed guests anonymised, expired reset codes and
old audit events purged; each app registers its own rule."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.accounts.models import PasswordResetCode
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.privacy.retention import do_apply_retention


@pytest.mark.django_db
def test_retention_purges_what_is_old_enough(make_user, settings):
    from assessments.live.models import LiveSession, Participant

    settings.AUDIT_RETENTION_DAYS = 365
    now = timezone.now()
    instructor = make_user(Role.INSTRUCTOR)
    session = LiveSession.objects.create(pin="123456", title="Lớp", instructor=instructor)
    old_guest = Participant.objects.create(
        session=session, display_name="Bà Tư", name_key="ba tu", token="t1", rejoin_code="A1"
    )
    old_guest2 = Participant.objects.create(
        session=session, display_name="Ông Năm", name_key="ong nam", token="t2", rejoin_code="A2"
    )
    recent_guest = Participant.objects.create(
        session=session, display_name="Chị Ba", name_key="chi ba", token="t3", rejoin_code="A3"
    )
    Participant.objects.filter(pk__in=[old_guest.pk, old_guest2.pk]).update(
        joined_at=now - timedelta(days=31)
    )
    learner = make_user(Role.LEARNER)
    PasswordResetCode.objects.create(
        user=learner, code_hash="x", issued_by=instructor, expires_at=now - timedelta(hours=1)
    )
    live_code = PasswordResetCode.objects.create(
        user=learner, code_hash="y", issued_by=instructor, expires_at=now + timedelta(hours=1)
    )
    old_event = AuditEvent.objects.create(verb="x.old")
    AuditEvent.objects.filter(pk=old_event.pk).update(created_at=now - timedelta(days=400))

    done = do_apply_retention(now)

    assert done["live.unclaimed_guests"] == 2
    names = dict(Participant.objects.values_list("pk", "display_name"))
    assert names[old_guest.pk] == names[old_guest2.pk] == "—"
    assert names[recent_guest.pk] == "Chị Ba"
    assert list(PasswordResetCode.objects.all()) == [live_code]
    assert not AuditEvent.objects.filter(pk=old_event.pk).exists()
    assert AuditEvent.objects.filter(verb="privacy.retention_applied").exists()
    assert do_apply_retention(now)["live.unclaimed_guests"] == 0
