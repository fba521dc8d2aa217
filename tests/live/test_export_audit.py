"""Issue 11 §2 ("exports downloaded"): a live session's CSV or XLSX report names
its players and their answers; handing it over leaves an audit event. Readers
refused the file leave none."""

import pytest
from django.urls import reverse

from assessments.live import actions
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

VERB = "live.report_exported"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_downloading_a_report_records_who_took_which_session(client, session, instructor, fmt):
    actions.do_join(session, name="An")
    actions.do_join(session, name="Bình")
    client.force_login(instructor)
    response = client.get(reverse("live:export", args=[session.pk, fmt]))
    assert response.status_code == 200
    [event] = AuditEvent.objects.filter(verb=VERB)
    assert event.actor == instructor
    assert (event.target_type, event.target_id) == ("live.livesession", str(session.pk))
    assert event.extra == {"format": fmt, "participants": 2}


def test_a_refused_download_records_nothing(client, session, make_user):
    client.force_login(make_user(Role.LEARNER))
    assert client.get(reverse("live:export", args=[session.pk, "csv"])).status_code == 404
    assert not AuditEvent.objects.filter(verb=VERB).exists()
