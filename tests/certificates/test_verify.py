"""Public verification: the page, the form, the JSON API, the rate limit and the
signed credential with its published key."""

import copy
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.certificates import codes, issuing, links
from assessments.certificates.credentials import verify_credential
from assessments.certificates.keys import public_key_from_multibase
from lms.accounts.roles import Role

pytestmark = pytest.mark.django_db


def wrong_check(code: str) -> str:
    return code[:-1] + next(c for c in codes.ALPHABET if c != code[-1])


def unused_code() -> str:
    import random

    return codes.new_code(random.Random(757))


def test_the_page_shows_the_public_record(client, certificate):
    response = client.get(f"/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nguyễn Thị Hồng Nhung" in body
    assert "Người dân" in body
    assert "Phường Hoàn Kiếm" in body
    assert certificate.printed_code in body
    assert timezone.localtime(certificate.issued_at).strftime("%d/%m/%Y") in body
    assert "Giấy chứng nhận này còn hiệu lực." in body or "This certificate is valid." in body
    assert 'name="robots" content="noindex"' in body


def test_the_unit_can_mask_holder_names(client, certificate, issuer):
    issuer.mask_holder_names = True
    issuer.save()
    body = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "Nguyễn T. H. N." in body
    assert "Hồng Nhung" not in body
    data = client.get(f"/api/v1/certificates/{certificate.code}/").json()
    assert data["full_name"] == "Nguyễn T. H. N."


def test_a_revoked_certificate_says_so_and_why(client, certificate):
    issuing.do_revoke_certificate(certificate, "Cấp nhầm đối tượng")
    response = client.get(f"/certificates/verify/{certificate.code}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cấp nhầm đối tượng" in body
    assert "revoked" in body or "thu hồi" in body
    assert "This certificate is valid." not in body
    data = client.get(f"/api/v1/certificates/{certificate.code}/").json()
    assert data["status"] == "revoked"
    assert data["revoked_reason"] == "Cấp nhầm đối tượng"


def test_an_unknown_code_is_a_clear_404(client, db):
    code = unused_code()
    response = client.get(f"/certificates/verify/{code}/")
    assert response.status_code == 404
    assert code in response.content.decode()
    api = client.get(f"/api/v1/certificates/{code}/")
    assert api.status_code == 404
    assert api.json()["detail"]


def test_a_wrong_check_character_is_refused_without_a_query(
    client, certificate, django_assert_num_queries
):
    typo = wrong_check(certificate.code)
    with django_assert_num_queries(0):
        page = client.get(f"/certificates/verify/{typo}/")
    assert page.status_code == 400
    assert 'role="alert"' in page.content.decode()
    with django_assert_num_queries(0):
        api = client.get(f"/api/v1/certificates/{typo}/")
    assert api.status_code == 400
    with django_assert_num_queries(0):
        form = client.get("/certificates/verify/", {"code": typo})
    assert form.status_code == 400


def test_typed_codes_are_forgiven_and_redirected(client, certificate):
    typed = certificate.printed_code.lower()
    response = client.get("/certificates/verify/", {"code": f" {typed} "})
    assert response.status_code == 302
    assert response["Location"] == f"/certificates/verify/{certificate.code}/"
    response = client.get(f"/certificates/verify/{typed}/")
    assert response.status_code == 302
    assert client.get("/certificates/verify/").status_code == 200


def test_a_hall_scanning_its_own_certificates_is_never_turned_away(client, certificate, settings):
    """Sixty graduates behind one address scan their QR codes: hits never count."""
    settings.CERTIFICATE_VERIFY_LIMIT = 3
    url = f"/certificates/verify/{certificate.code}/"
    api = f"/api/v1/certificates/{certificate.code}/"
    assert {client.get(url).status_code for _ in range(60)} == {200}
    assert client.get(api).status_code == 200


def test_failed_lookups_are_rate_limited_per_ip(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_LIMIT = 3
    unknown = [codes.new_code() for _ in range(3)]
    assert client.get(f"/certificates/verify/{unknown[0]}/").status_code == 404
    assert client.get(f"/api/v1/certificates/{unknown[1]}/").status_code == 404
    assert client.get("/certificates/verify/", {"code": "ABC"}).status_code == 400
    # The failures are used up: every lookup from this address waits, hits included,
    # so "429 or 200" cannot tell a guesser which codes exist.
    limited = client.get(f"/certificates/verify/{certificate.code}/")
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) >= 1
    assert client.get(f"/api/v1/certificates/{certificate.code}/").status_code == 429
    assert client.get(f"/certificates/verify/{certificate.code}/pdf/").status_code == 429
    # another address has its own counter
    assert (
        client.get(f"/certificates/verify/{unknown[2]}/", REMOTE_ADDR="10.0.0.9").status_code == 404
    )


def test_the_api_returns_the_record(client, certificate):
    response = client.get(f"/api/v1/certificates/{certificate.code}/")
    assert response.status_code == 200
    data = response.json()
    assert data["code"] == certificate.code
    assert data["status"] == "valid"
    assert data["full_name"] == "Nguyễn Thị Hồng Nhung"
    assert data["audience"] == "resident"
    assert data["issuer"] == "Phường Hoàn Kiếm"
    assert data["issued_at"].startswith(
        timezone.localtime(certificate.issued_at).strftime("%Y-%m-%d")
    )
    assert data["verify_url"] == (
        f"https://hocvuso.example.vn/certificates/verify/{certificate.code}/"
    )


def test_names_with_markup_are_escaped(client, make_user, completion_quiz, take_quiz):
    name = '<img src=x onerror="alert(1)">' + "Lê" * 80
    learner = make_user(Role.LEARNER, full_name=name[:200])
    take_quiz(learner, completion_quiz)
    certificate = issuing.do_issue_if_eligible(learner, "resident", completion_quiz.framework)
    body = client.get(f"/certificates/verify/{certificate.certificate.code}/").content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in body


def test_the_signed_credential_verifies_with_the_published_key(client, certificate, learner):
    document = client.get("/.well-known/hocvuso-issuer.json")
    assert document.status_code == 200
    assert document["Access-Control-Allow-Origin"] == "*"
    method = document.json()["verificationMethod"][0]
    public_key = public_key_from_multibase(method["publicKeyMultibase"])

    client.force_login(learner)
    response = client.get(f"/certificates/{certificate.code}/credential.json")
    assert response.status_code == 200
    credential = json.loads(response.content)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["id"] == links.verify_url(certificate.code)
    assert credential["proof"][0]["verificationMethod"] == method["id"]
    subject = credential["credentialSubject"]
    assert subject["identifier"][0]["identityHash"] == "Nguyễn Thị Hồng Nhung"
    assert verify_credential(credential, public_key)

    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["identifier"][0]["identityHash"] = "Nguyễn Thị Hồng Nhưng"
    assert not verify_credential(tampered, public_key)
    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["result"][0]["value"] = "100.1"
    assert not verify_credential(tampered, public_key)

    # the same credential every time: signed as of the issue time
    again = json.loads(client.get(f"/certificates/{certificate.code}/credential.json").content)
    assert again == credential


def test_credentials_are_private_and_refused_once_revoked(client, certificate, make_user, learner):
    client.force_login(make_user(Role.LEARNER))
    assert client.get(f"/certificates/{certificate.code}/credential.json").status_code == 404
    client.force_login(learner)
    issuing.do_revoke_certificate(certificate, "Sai thông tin")
    response = client.get(f"/certificates/{certificate.code}/credential.json")
    assert response.status_code == 410


def test_the_verify_url_is_the_named_route(certificate):
    path = reverse("certificates:verify", kwargs={"code": certificate.code})
    assert links.verify_url(certificate.code).endswith(path)


@pytest.mark.parametrize("proxies", [0, 1])
def test_the_limit_follows_the_real_client_whatever_it_puts_in_x_forwarded_for(
    client, certificate, settings, proxies
):
    settings.CERTIFICATE_VERIFY_LIMIT = 3
    settings.TRUSTED_PROXY_COUNT = proxies
    url = f"/certificates/verify/{codes.new_code()}/"  # unknown: each lookup fails

    def lookup(client_address, spoofed):
        if proxies == 0:  # nothing in front: the socket's peer is the client
            meta = {"REMOTE_ADDR": client_address, "HTTP_X_FORWARDED_FOR": spoofed}
        else:  # behind one proxy, which appends the address it saw (the right-most hop)
            meta = {
                "REMOTE_ADDR": "10.0.0.2",
                "HTTP_X_FORWARDED_FOR": f"{spoofed}, {client_address}",
            }
        return client.get(url, **meta).status_code

    assert [lookup("203.0.113.7", f"192.0.2.{n}") for n in range(4)] == [404, 404, 404, 429]
    # Another client (behind the same proxy) has its own count, even naming the first one.
    assert lookup("198.51.100.9", "203.0.113.7") == 404
