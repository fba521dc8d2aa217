"""A person's own copy and their erasure, through the pages a learner and a
commune office use."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from assessments.certificates.integrity_scan import check_all_certificates
from assessments.certificates.models import Certificate
from assessments.models import Attempt
from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.privacy.export import do_build_export
from lms.privacy.models import ConsentRecord, PrivacyRequest, RequestKind, RequestStatus
from tests.conftest import PASSWORD

MY_DATA = reverse("privacy:my_data")


def _registered_themselves(user):
    ConsentRecord.objects.get_or_create(user=user, notice_version="2026-12", method="signup")


@pytest.mark.django_db
def test_a_learner_downloads_everything_held_about_them(
    client, certificate, learner, django_capture_on_commit_callbacks
):
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MY_DATA, {"action": "export"})
    assert response.status_code == 302
    export = PrivacyRequest.objects.get(kind=RequestKind.EXPORT)
    if export.status == RequestStatus.PENDING:
        # CI's PostgreSQL pass queues the task for a real worker: run it here.
        do_build_export(export.pk)
        export.refresh_from_db()
    assert export.status == RequestStatus.READY
    page = client.get(MY_DATA).content.decode()
    download = reverse("privacy:export_download", args=[export.pk, export.token])
    assert download in page
    body = b"".join(client.get(download).streaming_content)
    archive = zipfile.ZipFile(io.BytesIO(body))
    data = json.loads(archive.read("du-lieu-cua-toi.json"))
    assert data["accounts.User"][0]["full_name"] == "Nguyễn Thị Hồng Nhung"
    assert data["accounts.User"][0]["email"] == "nhung@example.vn"
    assert data["certificates.Certificate"][0]["code"] == certificate.code
    assert len(data["assessments.Attempt"]) == 1
    assert data["assessments.AttemptSlot.attempt__user"]
    summary = archive.read("tom-tat.html").decode()
    assert "Nguyễn Thị Hồng Nhung" in summary and certificate.code in summary
    # Nobody else can fetch it, even with the address.
    other = User.objects.create_user(username="someone", password=PASSWORD)
    client.force_login(other)
    assert client.get(download).status_code == 404


@pytest.mark.django_db
def test_a_second_export_while_one_is_prepared_is_refused(client, learner):
    PrivacyRequest.objects.create(
        kind=RequestKind.EXPORT, subject=learner, subject_ref=learner.pk, token="x"
    )
    client.force_login(learner)
    page = client.post(MY_DATA, {"action": "export"}, follow=True).content.decode()
    assert "đang được chuẩn bị" in page
    assert PrivacyRequest.objects.filter(kind=RequestKind.EXPORT).count() == 1


@pytest.mark.django_db
def test_a_self_registered_learner_erases_their_account(client, certificate, learner):
    from movement.models import CertifiedDaily
    from movement.rollup import rebuild

    _registered_themselves(learner)
    attempts_before = Attempt.objects.filter(passed=True).count()
    rebuild()
    certified_before = sum(CertifiedDaily.objects.values_list("count", flat=True))
    assert certified_before == 1
    client.force_login(learner)
    client.post(MY_DATA, {"action": "erase"})
    client.post(MY_DATA, {"action": "confirm_erase"})  # not ticked: nothing happens
    assert User.objects.get(pk=learner.pk).full_name == "Nguyễn Thị Hồng Nhung"
    response = client.post(MY_DATA, {"action": "confirm_erase", "sure": "on"})
    assert "Tài khoản của bạn đã được xóa" in response.content.decode()

    erased = User.objects.get(pk=learner.pk)
    assert (erased.full_name, erased.email, erased.phone) == ("", "", None)
    assert erased.username == f"erased-{learner.pk}" and not erased.is_active
    assert not erased.has_usable_password()
    # Counted still, as an anonymous person.
    assert Attempt.objects.filter(passed=True).count() == attempts_before
    rebuild()  # the commune's indicators do not move
    assert sum(CertifiedDaily.objects.values_list("count", flat=True)) == certified_before
    record = Certificate.objects.get(pk=certificate.pk)
    assert record.status == "revoked" and record.holder_erased_at is not None
    assert record.full_name == "" and record.date_of_birth is None
    verify = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert "Nguyễn Thị Hồng Nhung" not in verify
    assert "Thu hồi theo yêu cầu xóa dữ liệu của người được cấp" in verify
    assert "bị sửa" not in verify.lower()
    assert check_all_certificates().altered == []
    # The erasure is recorded, without the erased data.
    event = AuditEvent.objects.get(verb="privacy.person_erased")
    assert event.extra["account"] == learner.pk
    for row in AuditEvent.objects.values_list("actor_label", "target_label", "extra"):
        assert "Nhung" not in json.dumps(row, ensure_ascii=False)


@pytest.mark.django_db
def test_the_office_confirms_erasure_in_scope_and_only_once(client, make_user, unit_tree):
    person = make_user(Role.LEARNER, home_unit=unit_tree["village"], full_name="Phạm Văn Cường")
    manager = make_user(Role.UNIT_MANAGER, home_unit=unit_tree["hoan_kiem"])
    outsider = make_user(Role.UNIT_MANAGER, home_unit=unit_tree["son_mai"])
    url = reverse("privacy:manage_person", args=[person.pk])

    # An account made by a class or the office: the learner cannot confirm alone.
    client.force_login(person)
    client.post(MY_DATA, {"action": "erase"})
    page = client.post(MY_DATA, {"action": "confirm_erase", "sure": "on"}, follow=True)
    assert "xã/phường xác nhận" in page.content.decode()
    assert User.objects.get(pk=person.pk).full_name == "Phạm Văn Cường"

    client.force_login(outsider)
    assert client.post(url, {"action": "confirm_erase", "sure": "on"}).status_code == 404
    client.force_login(manager)
    client.post(url, {"action": "confirm_erase", "sure": "on"})
    assert User.objects.get(pk=person.pk).full_name == ""
    again = client.post(url, {"action": "erase"})
    assert again.status_code in (302, 404)
    assert (
        PrivacyRequest.objects.filter(kind=RequestKind.ERASURE, subject_ref=person.pk).count() == 1
    )
