"""Issue 11 §2: the certificate pages answer an action's refusal through the one
decorator (lms/html_errors.py), with the status and the Vietnamese message
each answered before it."""

import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments.certificates import errors, issuing
from assessments.certificates.models import Certificate
from lms.accounts.roles import Role
from tests.texts import in_vietnamese

pytestmark = pytest.mark.django_db

UNKNOWN = "ABCDE-FGHJK"


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMINISTRATOR, audience="")


@pytest.fixture
def revoked(certificate, admin):
    issuing.do_revoke_certificate(certificate, "Thi hộ", by=admin)
    return Certificate.objects.get(pk=certificate.pk)


def test_someone_elses_pdf_and_credential_are_404(client, certificate, make_user):
    client.force_login(make_user(Role.LEARNER))
    for name in ("certificates:pdf", "certificates:credential"):
        assert client.get(reverse(name, args=[certificate.code])).status_code == 404


def test_the_public_pdf_of_an_unknown_code_is_404_in_words(client, certificate):
    code = certificate.code[:-1] + ("A" if certificate.code[-1] != "A" else "B")
    response = client.get(reverse("certificates:public_pdf", args=[code]))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == in_vietnamese(errors.CertificateNotFound.default_message)


def test_the_public_pdf_of_a_revoked_certificate_is_410_in_words(client, revoked):
    response = client.get(reverse("certificates:public_pdf", args=[revoked.code]))
    assert response.status_code == 410
    assert response.content.decode() == in_vietnamese(errors.CertificateRevoked.default_message)


@pytest.mark.parametrize(
    ("spoil", "status", "error"),
    [
        ("revoke", 410, errors.CertificateRevoked),  # revoked by an administrator
        ("alter", 409, errors.CertificateAltered),  # the stored record no longer matches
    ],
)
def test_a_credential_that_cannot_be_signed_is_json_with_the_reason(
    client, certificate, learner, admin, spoil, status, error
):
    if spoil == "revoke":
        issuing.do_revoke_certificate(certificate, "Thi hộ", by=admin)
    else:
        Certificate.objects.filter(pk=certificate.pk).update(full_name="Người Khác")
    client.force_login(learner)
    response = client.get(reverse("certificates:credential", args=[certificate.code]))
    assert response.status_code == status
    assert json.loads(response.content) == {"detail": in_vietnamese(error.default_message)}


def test_revoking_twice_says_so_on_the_form(client, revoked, admin):
    client.force_login(admin)
    response = client.post(reverse("certificates:revoke", args=[revoked.code]), {"reason": "Lại"})
    assert response.status_code == 200  # the form again, as before the decorator
    assert escape("Giấy chứng nhận này đã bị thu hồi trước đó.") in response.content.decode()


def test_revoking_an_unknown_code_is_404(client, admin):
    client.force_login(admin)
    response = client.post(reverse("certificates:revoke", args=[UNKNOWN]), {"reason": "x"})
    assert response.status_code == 404
