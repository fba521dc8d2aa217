"""Consent to the privacy notice: at sign-up, at sign-in for a new version, and a
guardian's consent for a learner under 16, recorded by staff."""

from datetime import date

import pytest
from django.urls import reverse

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.privacy.models import ConsentMethod, ConsentRecord
from tests.conftest import PASSWORD

SIGNUP = reverse("accounts:signup")
LOGIN = reverse("accounts:login")
CONSENT = reverse("privacy:consent")


def signup_data(**overrides):
    data = {
        "full_name": "Trần Văn Bình",
        "phone": "0987654321",
        "username": "",
        "email": "",
        "audience": "resident",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_sign_up_shows_the_notice_and_needs_consent(client, settings):
    settings.PRIVACY_CONTROLLER = "UBND phường Hoàn Kiếm"
    page = client.get(SIGNUP).content.decode()
    assert "UBND phường Hoàn Kiếm" in page
    assert reverse("privacy:notice") in page
    refused = client.post(SIGNUP, signup_data(consent=""))
    assert refused.status_code == 200
    assert "Đánh dấu ô để đồng ý" in refused.content.decode()
    assert not User.objects.exists()

    assert client.post(SIGNUP, signup_data()).status_code == 302
    record = ConsentRecord.objects.get()
    assert (record.method, record.notice_version) == (ConsentMethod.SIGN_UP, "2026-12")
    # Agreed on the form: nothing more is asked.
    assert client.get(reverse("accounts:dashboard")).status_code == 200


@pytest.mark.django_db
def test_a_new_notice_version_is_asked_at_the_next_sign_in(client, make_user, settings):
    user = make_user(Role.LEARNER, phone="+84912000111")  # agreed to 2026-12
    settings.PRIVACY_NOTICE_VERSION = "2027-01"
    response = client.post(LOGIN, {"username": "0912000111", "password": PASSWORD})
    assert response.status_code == 302
    # Every page leads to the notice until it is agreed to.
    blocked = client.get(reverse("accounts:dashboard"))
    assert blocked.status_code == 302 and blocked["Location"].startswith(CONSENT)
    page = client.get(blocked["Location"]).content.decode()
    assert "Đồng ý và tiếp tục" in page
    assert client.post(CONSENT, {"next": "/accounts/me/"}).status_code == 200  # no tick
    done = client.post(CONSENT, {"agree": "on", "next": "/accounts/me/"})
    assert done["Location"] == "/accounts/me/"
    assert client.get("/accounts/me/").status_code == 200
    assert ConsentRecord.objects.filter(user=user, notice_version="2027-01").count() == 1
    assert AuditEvent.objects.filter(verb="privacy.consent_recorded").count() == 1


@pytest.mark.django_db
def test_under_sixteen_a_guardian_consents_through_staff(client, make_user, unit_tree):
    pupil = make_user(
        Role.LEARNER, phone="+84912000222", home_unit=unit_tree["village"], consented=False
    )
    pupil.date_of_birth = date.today().replace(year=date.today().year - 12)
    pupil.save()
    client.post(LOGIN, {"username": "0912000222", "password": PASSWORD})
    page = client.get(CONSENT).content.decode()
    assert "cha mẹ hoặc người giám hộ" in page
    client.post(CONSENT, {"agree": "on"})
    assert not ConsentRecord.objects.filter(user=pupil).exists()

    manager = make_user(Role.UNIT_MANAGER, home_unit=unit_tree["hoan_kiem"])
    client.force_login(manager)
    url = reverse("privacy:manage_person", args=[pupil.pk])
    client.post(url, {"action": "guardian", "guardian_name": ""})
    assert not ConsentRecord.objects.filter(user=pupil).exists()
    client.post(
        url, {"action": "guardian", "guardian_name": "Lê Thị Mai", "guardian_relation": "mẹ"}
    )
    record = ConsentRecord.objects.get(user=pupil)
    assert (record.method, record.guardian_name, record.recorded_by) == (
        ConsentMethod.GUARDIAN,
        "Lê Thị Mai",
        manager,
    )
    outsider = make_user(Role.UNIT_MANAGER, home_unit=unit_tree["son_mai"])
    client.force_login(outsider)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_visitor_without_a_session_is_not_asked_for_one(client):
    """The consent check reads the session only when the visitor has one: a page
    that uses neither the session nor the user (here the health check) then
    loads no session, and none is made for the visitor."""
    response = client.get(reverse("healthz"))
    assert response.status_code in (200, 503)
    assert response.wsgi_request.session.accessed is False
    assert "sessionid" not in response.cookies
