"""The projector in headless Chromium (issue 15 §1): every phase is its own
full screen that fits 1280×720 and 1920×1080 without scrolling, with 5 or
300 players; the lobby is gone once the game starts; the question is read
from the back of the hall (≥ 48 px at 1080p)."""

import pytest
from django.conf import settings

from assessments.live import actions
from assessments.models import QuestionVersion

from .conftest import right_answer
from .test_browser import RECORDED, asgi_server  # noqa: F401 - the uvicorn fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.timeout(600, func_only=True),
]

SIZES = [(1280, 720), (1920, 1080)]
LONG_STEM = (
    "<p>Một người gọi điện tự xưng là nhân viên ngân hàng, nói tài khoản của bác sắp bị khoá "
    "và đề nghị bác đọc mã OTP vừa nhận qua tin nhắn để “xác minh”. Bác nên làm gì?</p>"
)
# What must be wholly on screen in each phase (selector → what it is).
ON_SCREEN = {
    "lobby": [".live-qr svg", ".live-pin", ".live-address", ".live-count"],
    "question": [".live-stem", ".live-tiles li:last-child", ".live-countdown", ".live-answered"],
    "reveal": [".live-key", ".live-chart", ".live-top li:last-child"],
    "ended": [".live-podium", ".live-top.final li:last-child"],
}
OUTSIDE = """(selectors) => {
  const w = window.innerWidth, h = window.innerHeight, bad = [];
  const doc = document.documentElement;
  if (doc.scrollHeight > h || doc.scrollWidth > w) bad.push(`page ${doc.scrollWidth}×${doc.scrollHeight}`);
  for (const s of selectors) {
    const node = document.querySelector(s);
    if (!node) { bad.push(`${s} missing`); continue; }
    const r = node.getBoundingClientRect();
    if (r.top < 0 || r.left < 0 || r.bottom > h + 0.5 || r.right > w + 0.5 || r.height < 1)
      bad.push(`${s} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
  }
  return bad;
}"""


def _session(instructor, live_questions, players):
    single = live_questions[0]
    QuestionVersion.objects.filter(pk=single.current_version_id).update(stem=LONG_STEM)
    session = actions.do_start_session(
        instructor,
        questions=[single, live_questions[1]],
        options=actions.SessionOptions(title="Lớp An toàn số phường Bến Thành"),
    )
    people = [
        actions.do_join(session, name=f"Người chơi số {n} Nguyễn Thị Hoa") for n in range(players)
    ]
    return session, people


def _check(projector, url, phase, width, height) -> dict:
    projector.set_viewport_size({"width": width, "height": height})
    projector.goto(url)
    projector.locator(f"body[data-phase={phase}]").wait_for(timeout=15000)
    projector.locator(ON_SCREEN[phase][0]).wait_for(timeout=15000)
    problems = projector.evaluate(OUTSIDE, ON_SCREEN[phase])
    assert problems == [], (phase, width, height, problems)
    if phase != "lobby":
        assert not projector.locator("#lobby").is_visible(), "the lobby stays after the start"
    if phase == "question":
        size = projector.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.live-stem')).fontSize)"
        )
        return {"stem_px": size}
    return {}


@pytest.mark.parametrize("players", [5, 300])
def test_every_phase_fits_the_screen(
    asgi_server,  # noqa: F811
    browser,
    instructor,
    live_questions,
    client,
    players,
):
    session, people = _session(instructor, live_questions, players)
    client.force_login(instructor)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": asgi_server,
            }
        ]
    )
    projector = context.new_page()
    url = f"{asgi_server}/live/{session.pin}/present"
    for width, height in SIZES:
        _check(projector, url, "lobby", width, height)
    actions.do_advance(session, instructor)
    for width, height in SIZES:
        found = _check(projector, url, "question", width, height)
        print(f"question text at {width}×{height}, {players} players: {found['stem_px']} px")
        if height == 1080:
            assert found["stem_px"] >= 48
    for person in people[:4]:  # not everyone: the instructor shows the answer
        actions.do_answer(person, 0, right_answer(session, 0))
    actions.do_advance(session, instructor)  # the answer, the chart, the top five
    for width, height in SIZES:
        _check(projector, url, "reveal", width, height)
    actions.do_end(session, instructor)
    for width, height in SIZES:
        _check(projector, url, "ended", width, height)


def test_confirm_step_a_tap_picks_and_send_sends(asgi_server, browser, instructor, live_questions):  # noqa: F811
    """Issue 15 §1: with "confirm" on, a shaky tap on a single-choice option only
    picks it; nothing is stored until "Send answer"."""
    session = actions.do_start_session(
        instructor,
        questions=live_questions[:1],
        options=actions.SessionOptions(title="Lớp chậm", confirm_taps=True),
    )
    phone = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    phone.goto(f"{asgi_server}/live/?pin={session.pin}")
    phone.fill("input[name=name]", "Bà Hoa")
    phone.click("button[type=submit]")
    phone.wait_for_selector(".live-wait, .live-big", timeout=15000)
    actions.do_join(session, name="Ông Ba")  # someone else: one answer does not close it
    actions.do_advance(session, instructor)
    phone.reload()  # (events from this thread do not reach the server's in-memory layer)
    phone.locator(".live-option").first.wait_for(timeout=15000)
    send = phone.locator("[data-confirm]")
    assert send.is_disabled()
    phone.locator(".live-option").nth(1).click()
    phone.locator(".live-option").first.click()  # changed her mind: still nothing sent
    assert phone.locator(".live-option.on").count() == 1
    assert not session.answers.exists()
    send.click()
    phone.get_by_text(RECORDED).wait_for(timeout=15000)
    assert session.answers.count() == 1
