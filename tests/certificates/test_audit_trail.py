"""Issue 11 §2: issuing and revoking a certificate each leave one audit event, in
the same transaction as the change; a refused revocation leaves none."""

import pytest
from django.urls import reverse

from assessments.certificates import issuing
from assessments.certificates.issuing import ISSUED_VERB, REVOKED_VERB
from assessments.certificates.models import Certificate, CertificateStatus
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_issuing_records_one_event(certificate, learner, completion_quiz):
    issuing.do_issue_if_eligible(learner, "resident", completion_quiz.framework)  # again
    [event] = AuditEvent.objects.filter(verb=ISSUED_VERB)
    assert event.target_id == str(certificate.pk)
    assert event.actor is None  # the platform issues
    assert event.unit_id == certificate.unit_id
    assert event.extra["user"] == learner.pk
    assert event.extra["framework"] == completion_quiz.framework.code


def test_revoking_through_the_page_records_who_and_why(client, certificate, make_user):
    admin = make_user(Role.ADMINISTRATOR, audience="")
    client.force_login(admin)
    url = reverse("certificates:revoke", args=[certificate.code])

    refused = client.post(url, {"reason": "   "})
    assert refused.status_code == 200
    assert not AuditEvent.objects.filter(verb=REVOKED_VERB).exists()

    response = client.post(url, {"reason": "Thi hộ người khác"})
    assert response.status_code == 302
    assert Certificate.objects.get(pk=certificate.pk).status == CertificateStatus.REVOKED
    [event] = AuditEvent.objects.filter(verb=REVOKED_VERB)
    assert event.actor == admin
    assert event.target_id == str(certificate.pk)
    assert event.extra["reason"] == "Thi hộ người khác"

    client.post(url, {"reason": "Lần nữa"})  # already revoked: refused, not recorded
    assert AuditEvent.objects.filter(verb=REVOKED_VERB).count() == 1


def test_printing_a_class_records_who_printed_which_certificates(
    client, certificate, make_user, completion_quiz, unit_tree
):
    """Issue 11 §2 ("exports downloaded"): the class print carries learners'
    names and dates of birth out of the site, like the office export."""
    instructor = make_user(Role.INSTRUCTOR, home_unit=unit_tree["hoan_kiem"], audience="")
    client.force_login(instructor)
    client.get("/certificates/print/")  # the form alone prints nothing
    assert not AuditEvent.objects.filter(verb="certificates.printed").exists()

    response = client.get("/certificates/print/", {"quiz": completion_quiz.pk})
    assert response["Content-Type"] == "application/pdf"
    [event] = AuditEvent.objects.filter(verb="certificates.printed")
    assert event.actor == instructor
    assert (event.target_type, event.target_id) == ("assessments.quiz", str(completion_quiz.pk))
    assert event.extra == {"certificates": [certificate.code]}
