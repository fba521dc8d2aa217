"""A matching question whose answers are long sentences, on a 360 px phone:
every answer is read whole, inside the screen, and tapped as a big choice (a
dropdown showed the chosen answer cut off to its width: 606 px of text in 249 px).
The choice is autosaved like any other answer."""

import pytest

from assessments.models import AttemptSlot
from assessments.scoring.spec import MatchPair, QuestionSpec
from tests.assessments.browser import sign_in, start_quiz
from tests.inclusion.pages import horizontal_overflow

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
    sign_in(page, live_server.url, "0912345679")
    start_quiz(page, live_server.url, quiz)

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
    assert horizontal_overflow(page) == 0
    page.close()
