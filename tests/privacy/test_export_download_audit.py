"""A copy of a person's data is an export: each download is on the audit trail
(issue 11 §2, "exports downloaded"), named after who took it."""

import pytest
from django.urls import reverse

from lms.audit.models import AuditEvent
from lms.privacy.export import do_build_export, do_request_export
from lms.privacy.models import PrivacyRequest, RequestStatus

VERB = "privacy.export_downloaded"


@pytest.fixture
def export(make_user, unit_tree):
    person = make_user(full_name="Lê Thị Bình", home_unit=unit_tree["hoan_kiem"])
    request = do_request_export(actor=person, person=person)
    if PrivacyRequest.objects.get(pk=request.pk).status == RequestStatus.PENDING:
        do_build_export(request.pk)
    request.refresh_from_db()
    assert request.status == RequestStatus.READY
    return request


def download(client, export):
    return client.get(reverse("privacy:export_download", args=[export.pk, export.token]))


@pytest.mark.django_db
def test_downloading_a_copy_records_who_took_it(client, export, unit_tree):
    client.force_login(export.subject)
    response = download(client, export)
    assert response.status_code == 200
    b"".join(response.streaming_content)
    [event] = AuditEvent.objects.filter(verb=VERB)
    assert event.actor == export.subject
    assert event.target_id == str(export.pk)
    assert event.unit == unit_tree["hoan_kiem"]
    assert event.extra == {"account": export.subject_ref}
    download(client, export)
    assert AuditEvent.objects.filter(verb=VERB).count() == 2


@pytest.mark.django_db
def test_a_refused_download_records_nothing(client, export, make_user):
    client.force_login(make_user(full_name="Người khác"))
    assert download(client, export).status_code == 404
    assert not AuditEvent.objects.filter(verb=VERB).exists()


def test_the_trail_names_the_download_in_vietnamese():
    from django.utils import translation

    from lms.privacy.audit_verbs import VERBS

    with translation.override("vi"):
        assert str(VERBS[VERB]) == "Tải bản sao dữ liệu cá nhân"
