"""Steps a learner takes in the headless browser, shared by the quiz tests."""

import re

from django.urls import reverse

from tests.conftest import PASSWORD


def sign_in(page, base_url: str, typed_phone: str) -> None:
    """Through the sign-in form, the phone number as the learner types it."""
    page.goto(base_url + reverse("accounts:login"))
    page.get_by_label("Số điện thoại hoặc tên đăng nhập").fill(typed_phone)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/accounts/me/"))


def start_quiz(page, base_url: str, quiz) -> None:
    page.goto(base_url + reverse("assessments:quiz", args=[quiz.slug]))
    page.get_by_role("button", name=re.compile("Bắt đầu")).click()
    page.wait_for_url(re.compile(r"/q/1/"))
