"""The audit events about a person (their own copy and their erasure read them):
those whose target is the person or a row any app holds about them, in one
query however many apps declare personal data."""

import pytest

from lms.audit.privacy import events_about
from lms.audit.record import record_event
from lms.privacy.models import ConsentRecord
from lms.privacy.registry import holdings

pytestmark = pytest.mark.django_db


def test_events_about_a_person_in_one_query(make_user, django_assert_num_queries):
    person = make_user(full_name="Lê Thị Hoa")
    other = make_user(full_name="Phạm Văn Nam")
    staff = make_user(full_name="Cán Bộ Xã")
    own_consent = ConsentRecord.objects.get(user=person)
    others_consent = ConsentRecord.objects.get(user=other)
    recorded = ConsentRecord.objects.create(
        user=other, notice_version="v1", method="guardian", recorded_by=person
    )
    about_account = record_event(actor=staff, verb="accounts.roles_changed", target=person)
    about_consent = record_event(actor=staff, verb="privacy.consent_checked", target=own_consent)
    # About the other person: only as the recorder; not the person's row to read.
    about_recorded = record_event(actor=staff, verb="privacy.consent_checked", target=recorded)
    record_event(actor=staff, verb="accounts.roles_changed", target=other)
    record_event(
        actor=person,
        verb="privacy.consent_checked",
        target=others_consent,
    )

    assert len([h for h in holdings() if h.person != "pk"]) > 10  # many declarations
    with django_assert_num_queries(1):
        found = set(events_about(person))
    assert found == {about_account, about_consent, about_recorded}
