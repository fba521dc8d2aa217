"""The projector in headless Chromium (issue 15 §1): every phase is its own
full screen that fits 1280×720 and 1920×1080 without scrolling, with 5 or
300 players; the lobby is gone once the game starts; the question is read
from the back of the hall (≥ 48 px at 1080p)."""

import pytest
from django.conf import settings

from assessments.live import actions
from assessments.models import QuestionVersion

from .conftest import right_answer
from .test_browser import asgi_server  # noqa: F401 - the uvicorn fixture

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
