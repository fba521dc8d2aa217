import pytest
from django.urls import reverse

from lms.accounts.models import User
from tests.conftest import PASSWORD

SIGNUP = reverse("accounts:signup")
LOGIN = reverse("accounts:login")


def signup_data(**overrides):
    data = {
        "full_name": "Nguyễn Thị Hồng Nhung",
        "phone": "0912345678",
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
@pytest.mark.parametrize("typed", ["0912345678", "+84912345678", "84 912 345 678"])
def test_signup_by_every_phone_form_stores_one_normalized_number(client, typed, unit_tree):
    response = client.post(
        SIGNUP,
        signup_data(phone=typed, province="01", commune="00070", village="00070-001"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get()
    assert user.phone == "+84912345678"
    assert user.full_name == "Nguyễn Thị Hồng Nhung"
    assert user.home_unit == unit_tree["village"]
    assert user.groups.filter(name="Learners").exists()
    assert user.password.startswith(("argon2", "md5"))
    # Signed in straight away.
    dashboard = client.get(reverse("accounts:dashboard"))
    assert "Nguyễn Thị Hồng Nhung" in dashboard.content.decode()


@pytest.mark.django_db
def test_signup_page_is_vietnamese_by_default(client):
    body = client.get(SIGNUP).content.decode()
    assert 'lang="vi"' in body
    assert "Số điện thoại" in body


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["12345", "0212345678", "+14155550123", "số điện thoại"])
def test_signup_rejects_invalid_numbers_and_creates_nothing(client, bad):
    response = client.post(SIGNUP, signup_data(phone=bad))
    assert response.status_code == 200
    assert "không phải số điện thoại di động Việt Nam hợp lệ" in response.content.decode()
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_phone_in_another_form_is_refused(client, make_user):
    make_user(phone="+84912345678")
    response = client.post(SIGNUP, signup_data(phone="84 912 345 678"))
    assert response.status_code == 200
    assert "đã có tài khoản" in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_signup_needs_phone_or_username(client):
    response = client.post(SIGNUP, signup_data(phone=""))
    assert response.status_code == 200
    assert "tên đăng nhập" in response.content.decode()
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_signup_with_username_only_then_login(client):
    response = client.post(SIGNUP, signup_data(phone="", username="ba_lan"))
    assert response.status_code == 302
    client.logout()
    response = client.post(LOGIN, {"username": "Ba_Lan", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("accounts:dashboard")


@pytest.mark.django_db
def test_signup_rejects_mismatched_and_weak_passwords(client):
    body = client.post(SIGNUP, signup_data(password2="khac-hoan-toan")).content.decode()
    assert "không khớp" in body
    body = client.post(SIGNUP, signup_data(password1="12345678", password2="12345678")).content
    assert User.objects.count() == 0
    assert body


@pytest.mark.django_db
def test_commune_must_belong_to_province(client, unit_tree):
    response = client.post(SIGNUP, signup_data(province="51", commune="00070"))
    assert response.status_code == 200
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_without_javascript_the_form_loads_communes_of_the_chosen_province(client, unit_tree):
    response = client.post(SIGNUP, {**signup_data(), "province": "51", "refresh_units": "1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Xã Sơn Mai" in body
    assert "Phường Hoàn Kiếm" not in body
    assert User.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["0912345678", "+84912345678", "84 912 345 678", "0912.345.678"])
def test_login_by_every_phone_form(client, make_user, typed):
    make_user(phone="+84912345678")
    response = client.post(LOGIN, {"username": typed, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_wrong_password_gets_a_clear_vietnamese_message(client, make_user):
    make_user(phone="+84912345678")
    response = client.post(LOGIN, {"username": "0912345678", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "mật khẩu không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_whatever_the_number_form(client, make_user, settings):
    make_user(phone="+84912345678")
    forms = ["0912345678", "+84912345678", "84 912 345 678", "0912 345 678", "84912345678"]
    for index, typed in enumerate(forms[: settings.AXES_FAILURE_LIMIT]):
        # Different IPs: the per-account counter must still see one account.
        client.post(LOGIN, {"username": typed, "password": "sai"}, REMOTE_ADDR=f"10.0.0.{index}")
    response = client.post(
        LOGIN, {"username": "0912345678", "password": PASSWORD}, REMOTE_ADDR="10.0.1.1"
    )
    assert response.status_code == 429
    assert "Bạn đã thử quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session
