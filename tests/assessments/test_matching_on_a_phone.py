"""A matching question whose answers are long sentences, on a 360 px phone:
every answer is read whole, inside the screen, and tapped as a big choice (a
dropdown showed the chosen answer cut off to its width: 606 px of text in 249 px).
The choice is autosaved like any other answer."""

import re

import pytest
from django.urls import reverse

from assessments.models import AttemptSlot
from assessments.scoring.spec import MatchPair, QuestionSpec
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LONG = (
    "Gọi ngay cho số điện thoại ghi trong tin nhắn để xác minh tài khoản ngân hàng "
    "của mình trước khi bị khóa"
)


def test_long_matching_answers_stay_inside_a_phone_screen(
    live_server, browser, make_user, make_question, make_quiz
):
    make_user(phone="+84912345679", full_name="Trần Văn Bình")
    spec = QuestionSpec(
        id="",
        qtype="matching",
        pairs=(
            MatchPair("1", "Tin nhắn báo khóa tài khoản", LONG),
            MatchPair("2", "Cuộc gọi xưng là công an", "Không làm theo, báo cho người thân"),
        ),
    )
    quiz = make_quiz([make_question(spec)], shuffle_options=False)
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Số điện thoại hoặc tên đăng nhập").fill("0912345679")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/accounts/me/"))
    page.goto(live_server.url + reverse("assessments:quiz", args=[quiz.slug]))
    page.get_by_role("button", name=re.compile("Bắt đầu")).click()
    page.wait_for_url(re.compile(r"/q/1/"))

    assert page.locator("main select").count() == 0
    long_answers = page.get_by_text(LONG, exact=True)
    assert long_answers.count() == 2  # offered to each of the two prompts, whole
    for index in range(2):
        box = long_answers.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    group = page.get_by_role("group", name="Tin nhắn báo khóa tài khoản")
    choice = group.get_by_label(LONG)
    assert choice.bounding_box()["height"] >= 20
    choice.check()
    page.locator(".autosave-status").filter(has_text="Đã lưu").wait_for(timeout=10_000)
    slot = AttemptSlot.objects.get(attempt__quiz=quiz, position=1)
    assert isinstance(slot.response, dict) and len(slot.response) == 1, slot.response
    page.reload()
    assert (
        page.get_by_role("group", name="Tin nhắn báo khóa tài khoản")
        .get_by_label(LONG)
        .is_checked()
    )
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls {overflow} px sideways"
    page.close()
