import re

import pytest
from django.core import mail
from django.urls import reverse

from lms.accounts.models import PasswordResetCode
from lms.accounts.roles import Role

NEW_PASSWORD = "Mot-mat-khau-moi-2025"


@pytest.mark.django_db
def test_password_reset_by_email_end_to_end(client, make_user):
    user = make_user(email="an@example.vn")
    response = client.post(reverse("accounts:password_reset"), {"email": "an@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.fixture
def manager_and_learner(make_user, unit_tree):
    manager = make_user(Role.UNIT_MANAGER, username="quanly", home_unit=unit_tree["hoan_kiem"])
    learner = make_user(phone="+84987654321", home_unit=unit_tree["village"])
    outsider = make_user(phone="+84911111111", home_unit=unit_tree["son_mai"])
    return manager, learner, outsider


def issue_code(client, manager, person):
    client.force_login(manager)
    response = client.post(reverse("accounts:issue_reset_code", args=[person.pk]))
    client.logout()
    return response


@pytest.mark.django_db
def test_unit_manager_issues_a_one_time_code_the_learner_uses(client, manager_and_learner):
    manager, learner, _outsider = manager_and_learner
    response = issue_code(client, manager, learner)
    assert response.status_code == 200
    code = re.search(r'class="big-code"[^>]*>(\d{8})<', response.content.decode()).group(1)
    stored = PasswordResetCode.objects.get(user=learner)
    assert code not in stored.code_hash  # only a hash is kept

    form = {
        "identifier": "0987 654 321",
        "code": code,
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    }
    response = client.post(reverse("accounts:reset_with_code"), form)
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password(NEW_PASSWORD)
    # The code works once.
    again = client.post(
        reverse("accounts:reset_with_code"),
        {**form, "new_password1": "X" + NEW_PASSWORD, "new_password2": "X" + NEW_PASSWORD},
    )
    assert again.status_code == 200
    assert "sai hoặc đã hết hạn" in again.content.decode()


@pytest.mark.django_db
def test_wrong_codes_burn_the_code_after_five_tries(client, manager_and_learner):
    manager, learner, _outsider = manager_and_learner
    response = issue_code(client, manager, learner)
    code = re.search(r'class="big-code"[^>]*>(\d{8})<', response.content.decode()).group(1)
    wrong = "00000000" if code != "00000000" else "11111111"
    form = {
        "identifier": "0987654321",
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    }
    for _ in range(5):
        client.post(reverse("accounts:reset_with_code"), {**form, "code": wrong})
    client.post(reverse("accounts:reset_with_code"), {**form, "code": code})
    learner.refresh_from_db()
    assert not learner.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_manager_cannot_issue_codes_outside_their_scope(client, manager_and_learner):
    manager, _learner, outsider = manager_and_learner
    response = issue_code(client, manager, outsider)
    assert response.status_code == 404
    assert not PasswordResetCode.objects.exists()


@pytest.mark.django_db
def test_learner_cannot_issue_codes(client, manager_and_learner, make_user):
    _manager, learner, _outsider = manager_and_learner
    other = make_user()
    response = issue_code(client, other, learner)
    assert response.status_code == 404
    assert not PasswordResetCode.objects.exists()
