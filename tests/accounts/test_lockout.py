"""Login lockout is per account, never per address: a community hall or a
carrier's NAT puts dozens of people behind one address."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"
HALL = "203.0.113.50"
pytestmark = pytest.mark.django_db


def fail(client, username, times, address=HALL):
    for _ in range(times):
        client.post(LOGIN, {"username": username, "password": "sai-mat-khau"}, REMOTE_ADDR=address)


def test_wrong_passwords_for_one_account_leave_others_on_the_same_address_alone(
    client, make_user, settings
):
    make_user(username="an")
    binh = make_user(username="binh")
    fail(client, "an", settings.AXES_FAILURE_LIMIT)
    # ...and someone at the same address guessing names that do not exist.
    for index in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": f"khach{index}", "password": "x"}, REMOTE_ADDR=HALL)
    response = client.post(
        LOGIN, {"username": binh.username, "password": PASSWORD}, REMOTE_ADDR=HALL
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(binh.pk)


def test_a_locked_account_is_told_when_it_can_try_again(client, make_user, settings):
    make_user(username="an")
    fail(client, "an", settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": "an", "password": PASSWORD}, REMOTE_ADDR=HALL)
    assert response.status_code == 429
    last_failure = AccessAttempt.objects.get(username="an").attempt_time
    retry_at = timezone.localtime(last_failure + timedelta(minutes=15))
    body = response.content.decode()
    assert f"{retry_at:%H:%M}" in body
    assert "Bạn đã thử quá nhiều lần" in body


def age_attempts(minutes):
    """As if the failures had happened ``minutes`` earlier (no clock to move)."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=minutes)
        attempt.save(update_fields=["attempt_time"])


def test_wrong_passwords_during_the_lock_do_not_extend_it(client, make_user, settings):
    an = make_user(username="an")
    fail(client, "an", settings.AXES_FAILURE_LIMIT)
    age_attempts(10)  # locked 10 of its 15 minutes ago
    fail(client, "an", 3)  # someone keeps trying meanwhile
    refused = client.post(LOGIN, {"username": "an", "password": PASSWORD})
    assert refused.status_code == 429
    age_attempts(6)  # 16 minutes after the lock began
    response = client.post(LOGIN, {"username": "an", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(an.pk)
