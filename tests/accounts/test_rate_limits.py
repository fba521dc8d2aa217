"""Password reset by email, reset codes and sign-up's "already has an account"
answer are rate-limited per address (with room for a whole hall) and per account;
a reset-code check costs the same whether or not the account has a code."""

import pytest
from django.core import mail
from django.urls import reverse

from lms.accounts import actions
from lms.accounts.models import PasswordResetCode, User
from lms.accounts.roles import Role

from .hashers import CountingHasher

pytestmark = pytest.mark.django_db
HALL = "203.0.113.50"
ELSEWHERE = "198.51.100.7"
NEW_PASSWORD = "Mot-mat-khau-moi-2025"


def ask_reset(client, email, address=HALL):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_reset_emails_are_limited_per_account(client, make_user, settings):
    settings.PASSWORD_RESET_RATE_PER_ACCOUNT = "2/h"
    make_user(email="an@example.vn")
    for address in ("10.0.0.1", "10.0.0.2"):
        assert ask_reset(client, "an@example.vn", address).status_code == 302
    limited = ask_reset(client, "AN@example.vn", "10.0.0.3")
    assert limited.status_code == 429
    assert "Retry-After" in limited
    assert len(mail.outbox) == 2


def test_reset_emails_are_limited_per_address(client, make_user, settings):
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = "3/h"
    for index in range(3):
        make_user(email=f"hoc{index}@example.vn")
        assert ask_reset(client, f"hoc{index}@example.vn").status_code == 302
    make_user(email="cuoi@example.vn")
    assert ask_reset(client, "cuoi@example.vn").status_code == 429
    assert ask_reset(client, "cuoi@example.vn", ELSEWHERE).status_code == 302
    assert len(mail.outbox) == 4


def code_form(identifier, code):
    return {
        "identifier": identifier,
        "code": code,
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    }


def issue_code(make_user, unit_tree, learner) -> str:
    """A code as the learner's unit manager issues it (managers only reach learners)."""
    learner.home_unit = unit_tree["hoan_kiem"]
    learner.save(update_fields=["home_unit"])
    manager = make_user(Role.UNIT_MANAGER, home_unit=unit_tree["hoan_kiem"])
    return actions.do_issue_reset_code(user=learner, issued_by=manager)


def try_code(client, identifier, code, address=HALL):
    return client.post(
        reverse("accounts:reset_with_code"), code_form(identifier, code), REMOTE_ADDR=address
    )


def test_wrong_reset_codes_are_limited_per_address(client, make_user, unit_tree, settings):
    settings.RESET_CODE_FAILURE_RATE_PER_ADDRESS = "3/h"
    learner = make_user(phone="+84987654321")
    code = issue_code(make_user, unit_tree, learner)
    for index in range(3):
        assert try_code(client, f"khach{index}", "12345678").status_code == 200
    refused = try_code(client, "0987654321", code)
    assert refused.status_code == 429
    learner.refresh_from_db()
    assert not learner.check_password(NEW_PASSWORD)
    # Another address is not affected, and right codes never count.
    assert try_code(client, "0987654321", code, ELSEWHERE).status_code == 302


def test_wrong_reset_codes_are_limited_per_account(client, make_user, settings):
    settings.RESET_CODE_FAILURE_RATE_PER_ACCOUNT = "2/h"
    make_user(phone="+84987654321")
    for address in ("10.0.0.1", "10.0.0.2"):
        assert try_code(client, "0987654321", "12345678", address).status_code == 200
    assert try_code(client, "+84 987 654 321", "12345678", "10.0.0.3").status_code == 429


@pytest.mark.parametrize("case", ["pending code", "no pending code", "no such account"])
def test_a_reset_code_check_costs_one_hash_in_every_case(
    client, make_user, unit_tree, settings, case
):
    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingHasher"]
    learner = make_user(phone="+84987654321")
    if case == "pending code":
        issue_code(make_user, unit_tree, learner)
        assert PasswordResetCode.objects.get().code_hash.startswith("counting_md5$")
    identifier = "khach" if case == "no such account" else "0987654321"
    CountingHasher.hashes = 0
    response = try_code(client, identifier, "12345678")
    assert response.status_code == 200
    assert "sai hoặc đã hết hạn" in response.content.decode()
    assert CountingHasher.hashes == 1


def signup(client, phone, address=HALL):
    data = {
        "full_name": "Trần Thị Bình",
        "phone": phone,
        "username": "",
        "email": "",
        "audience": "resident",
        "password1": "Mat-khau-rat-manh-2025",
        "password2": "Mat-khau-rat-manh-2025",
        "consent": "on",
    }
    return client.post(reverse("accounts:signup"), data, REMOTE_ADDR=address)


def test_signup_answers_this_phone_has_an_account_only_so_often(client, make_user, settings):
    settings.SIGNUP_TAKEN_RATE_PER_ADDRESS = "2/h"
    make_user(phone="+84912345678")
    make_user(phone="+84912345679")
    for phone in ("0912345678", "0912345679"):
        taken = signup(client, phone)
        assert taken.status_code == 200
        assert "đã có" in taken.content.decode()
    limited = signup(client, "0912000001")
    assert limited.status_code == 429
    assert not User.objects.filter(phone="+84912000001").exists()
    assert signup(client, "0912000001", ELSEWHERE).status_code == 302
    assert User.objects.filter(phone="+84912000001").exists()
