"""Issue 9, point 3: usernames never contain a phone number."""

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from lms.accounts.models import User
from lms.accounts.usernames import random_username, shows_phone_number
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

rename_phone_usernames = importlib.import_module(
    "lms.accounts.migrations.0004_opaque_usernames"
).rename_phone_usernames


def digit_runs(text: str, length: int = 4) -> set[str]:
    return {
        text[i : i + length]
        for i in range(len(text) - length + 1)
        if text[i : i + length].isdigit()
    }


def test_phone_sign_up_gets_an_opaque_username(client, unit_tree):
    response = client.post(
        reverse("accounts:signup"),
        {
            "full_name": "Nguyễn Thị Hồng Nhung",
            "phone": "0987 654 321",
            "audience": "resident",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "consent": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(phone="+84987654321")
    assert re.fullmatch(r"hv[a-z]{10}", user.username)
    assert not any(run in user.username for run in digit_runs("84987654321"))
    client.logout()
    signed_in = client.post(
        reverse("accounts:login"), {"username": "0987654321", "password": PASSWORD}
    )
    assert signed_in.status_code == 302


def test_a_chosen_username_cannot_be_a_phone_number(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "full_name": "Trần Văn Bình",
            "username": "binh0987654321",
            "audience": "resident",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "consent": "on",
        },
    )
    assert response.status_code == 200
    assert "không được chứa số điện thoại" in response.content.decode()
    assert not User.objects.filter(username="binh0987654321").exists()


def test_migration_renames_old_phone_usernames_and_phone_login_still_works(client, make_user):
    old = make_user(username="u84987654321", phone="+84987654321")
    national = make_user(username="an0912345678", phone="+84912345678")
    chosen = make_user(username="nguyenvanan", phone="+84911111111")
    no_phone = make_user(username="u84922222222")

    assert rename_phone_usernames(apps) == 2

    for user in (old, national, chosen, no_phone):
        user.refresh_from_db()
    assert re.fullmatch(r"hv[a-z]{10}", old.username)
    assert re.fullmatch(r"hv[a-z]{10}", national.username)
    assert old.username != national.username
    assert chosen.username == "nguyenvanan"
    # Without a phone the username is how they sign in: renaming it would lock them out.
    assert no_phone.username == "u84922222222"
    response = client.post(
        reverse("accounts:login"), {"username": "0987 654 321", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == old.pk


@given(st.integers(min_value=0, max_value=10**9))
def test_generated_usernames_never_show_a_phone(number):
    phone = f"+849{number % 10**8:08d}"
    username = random_username()
    assert not shows_phone_number(username, phone)
    assert not any(ch.isdigit() for ch in username)


def test_shows_phone_number():
    assert shows_phone_number("u84987654321", "+84987654321")
    assert shows_phone_number("an0987654321")
    assert shows_phone_number("x987654321y", "+84987654321")
    assert not shows_phone_number("nguyenvanan", "+84987654321")
    assert not shows_phone_number("an1990", None)
