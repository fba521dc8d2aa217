"""The learner's way through sign-in, sign-up and "Học tập của tôi" never dead-ends."""

import pytest
from django.urls import reverse

from lms.accounts.roles import Role

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


# --- signed out: say why the sign-in page appears --------------------------------------


def test_quizzes_while_signed_out_say_why_the_sign_in_page_appears(client):
    response = client.get(reverse("assessments:quiz_list"), follow=True)

    assert response.redirect_chain[-1][0].startswith(LOGIN)
    body = response.content.decode()
    assert "Đăng nhập để làm bài kiểm tra" in body


def test_a_quiz_page_while_signed_out_says_the_same(client):
    response = client.get(reverse("assessments:quiz", kwargs={"slug": "bat-ky"}), follow=True)
    assert "Đăng nhập để làm bài kiểm tra" in response.content.decode()


def test_my_learning_while_signed_out_says_why(client):
    response = client.get(reverse("accounts:dashboard"), follow=True)
    assert "Đăng nhập để xem việc học của bạn" in response.content.decode()


def test_the_plain_sign_in_page_and_foreign_next_say_nothing_extra(client):
    assert "Đăng nhập để" not in client.get(LOGIN).content.decode()
    body = client.get(LOGIN, {"next": "https://evil.example/quizzes/"}).content.decode()
    assert "Đăng nhập để làm bài kiểm tra" not in body


# --- one "Học tập của tôi" ----------------------------------------------------------------

DASHBOARD = reverse("accounts:dashboard")


def test_the_old_learning_address_moves_permanently_to_the_one_page(client, make_user):
    client.force_login(make_user())
    response = client.get("/learning/")
    assert response.status_code == 301
    assert response["Location"] == DASHBOARD


def test_the_one_page_has_the_profile_and_the_learning_record(client, make_user):
    from assessments.certificates.models import Notification

    user = make_user(full_name="Trần Thị Bình")
    client.force_login(user)
    body = client.get(DASHBOARD).content.decode()
    assert body.count("<h1>") == 1
    assert "Trần Thị Bình" in body  # profile
    assert "Giấy chứng nhận của tôi" in body  # certificates
    assert body.count("Học tập của tôi") >= 1
    assert Notification.objects.count() == 0


def test_no_page_links_to_the_old_learning_address(client, make_user):
    client.force_login(make_user())
    for url in (DASHBOARD, reverse("assessments:quiz_list"), "/"):
        body = client.get(url, follow=True).content.decode()
        assert 'href="/learning/' not in body and 'action="/learning/' not in body


# --- no internal username -----------------------------------------------------------------


def test_my_page_shows_no_made_up_username_for_a_phone_sign_up(client):
    from lms.accounts.models import User

    client.post(
        reverse("accounts:signup"),
        {
            "full_name": "Lê Văn Cường",
            "phone": "0912345678",
            "audience": "resident",
            "password1": "Mat-khau-rat-manh-2025",
            "password2": "Mat-khau-rat-manh-2025",
            "consent": "on",
        },
    )
    user = User.objects.get(phone="+84912345678")
    body = client.get(DASHBOARD).content.decode()
    assert user.username not in body
    assert "0912 345 678" in body or "091 234 5678" in body or "0912345678" in body


def test_a_chosen_username_is_still_shown_as_the_way_to_sign_in(client, make_user):
    user = make_user(username="chuvananh", role=Role.LEARNER)
    client.force_login(user)
    assert "chuvananh" in client.get(DASHBOARD).content.decode()


def test_the_sign_in_page_never_shows_an_internal_username(client):
    from lms.accounts.models import User

    client.post(
        reverse("accounts:signup"),
        {
            "full_name": "Lê Văn Cường",
            "phone": "0912345678",
            "audience": "resident",
            "password1": "Mat-khau-rat-manh-2025",
            "password2": "Mat-khau-rat-manh-2025",
            "consent": "on",
        },
    )
    username = User.objects.get().username
    client.post(reverse("accounts:logout"))
    wrong = client.post(LOGIN, {"username": "0912345678", "password": "sai-mat-khau-1"})
    assert username not in wrong.content.decode()
    assert username not in client.get(LOGIN).content.decode()


def test_made_up_usernames_are_recognised_and_chosen_ones_are_not():
    from lms.accounts.usernames import is_opaque_username, random_username

    assert all(is_opaque_username(random_username()) for _ in range(200))
    for chosen in ("chuvananh", "hv123", "hvabcdefghjkm", "HVABCDEFGHJK", ""):
        assert not is_opaque_username(chosen)


# --- sign-up without JavaScript ------------------------------------------------------------


def test_without_javascript_the_unit_list_loads_before_the_passwords_are_typed(client, unit_tree):
    body = client.get(reverse("accounts:signup")).content.decode()
    refresh = body.index('name="refresh_units"')
    assert body.index('name="province"') < refresh < body.index('name="password1"')
    assert body.index('name="village"') < refresh < body.index('name="password2"')
    # Loading the communes keeps what was typed before the passwords.
    again = client.post(
        reverse("accounts:signup"),
        {
            "full_name": "Lê Văn Cường",
            "phone": "0912345678",
            "province": "01",
            "refresh_units": "1",
        },
    ).content.decode()
    assert 'value="Lê Văn Cường"' in again
    assert ">Phường Hoàn Kiếm</option>" in again
