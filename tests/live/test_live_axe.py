"""Issue 15 §6 for the live classroom: axe-core (WCAG 2.2 A/AA) in headless
Chromium over every projector phase at 1280×720 and 1920×1080 and over the
phone's views at 360 px, with 0 violations; phase changes are announced."""

import json

import pytest
from django.conf import settings

from assessments.live import actions
from tests.inclusion.pages import WCAG_TAGS, axe_source, axe_violations

from .conftest import right_answer, wrong_answer
from .test_browser import asgi_server  # noqa: F401 - the uvicorn fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.timeout(600, func_only=True),
]

SIZES = [(1280, 720), (1920, 1080)]
# The live screens are few and whole-screen: axe's best practices too (one
# <main>, one <h1>, everything inside a landmark).
TAGS = [*WCAG_TAGS, "best-practice"]
# Phase changes are announced once in a status region; no live region holds
# the ticking countdown (a screen reader would read every second).
ANNOUNCED = """() => {
  const box = document.querySelector('[role=status][data-announce]');
  const ticking = document.querySelector('[aria-live] [data-countdown], [role=status] [data-countdown], [aria-live][data-countdown]');
  return {text: box ? box.textContent : null, ticking_in_live_region: !!ticking};
}"""
PHONE = {"width": 360, "height": 740}


def _signed_in(browser, client, user, server, viewport=None):
    client.force_login(user)
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 720})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": server}])
    return context


def test_projector_and_phone_pass_axe_in_every_phase(
    asgi_server,  # noqa: F811
    browser,
    instructor,
    live_questions,
    client,
):
    session = actions.do_start_session(
        instructor,
        questions=live_questions,  # single, true/false, multiple, ordering, number
        options=actions.SessionOptions(title="Lớp An toàn số phường Bến Thành"),
    )
    others = [actions.do_join(session, name=f"Người chơi {n}") for n in range(6)]
    source = axe_source()
    problems = {}

    def check(page, label, url, phase=None, ready=None, says=None):
        page.goto(url)
        if phase:
            page.locator(f"body[data-phase={phase}]").wait_for(timeout=15000)
        if ready:
            page.locator(ready).first.wait_for(timeout=15000)
        found = axe_violations(page, source, TAGS)
        if says:
            heard = page.evaluate(ANNOUNCED)
            if says not in (heard["text"] or "") or heard["ticking_in_live_region"]:
                found.append(f"announced {heard}, expected {says!r}")
        if found:
            problems[label] = found

    projector = _signed_in(browser, client, instructor, asgi_server).new_page()
    present = f"{asgi_server}/live/{session.pin}/present"

    def projector_phase(name, phase, ready, says):
        for width, height in SIZES:
            projector.set_viewport_size({"width": width, "height": height})
            check(projector, f"projector {name} @{width}x{height}", present, phase, ready, says)

    phone = browser.new_context(viewport=PHONE).new_page()
    check(phone, "phone join", f"{asgi_server}/live/?pin={session.pin}", ready="input[name=name]")
    phone.fill("input[name=name]", "Bà Hoa")
    phone.click("button[type=submit]")
    phone.wait_for_selector(".live-big", timeout=15000)
    play = phone.url
    # (events from this thread do not reach the server's in-memory layer: reload)
    check(phone, "phone lobby", play, ready=".live-big", says="Đang chờ")
    projector_phase("lobby", "lobby", ".live-pin", "Phòng chờ")

    last = len(live_questions) - 1
    for position in range(last + 1):
        actions.do_advance(session, instructor)  # the question opens
        number = f"Câu hỏi {position + 1} / {last + 1}"
        check(
            phone, f"phone question {position + 1}", play, None, ".live-send, .live-option", number
        )
        if position == 0:
            projector_phase("question", "question", ".live-tiles li", number)
            phone.locator(".live-option").first.click()
            phone.locator(".live-recorded").wait_for(timeout=15000)
            check(phone, "phone answer recorded", play, ready=".live-recorded", says=number)
        for person in others[:3]:
            actions.do_answer(person, position, right_answer(session, position))
        actions.do_answer(others[3], position, wrong_answer(session, position))
        if position == last:
            actions.do_lock(session, instructor, locked=True)  # answers closed
            projector_phase("answers closed", "question", ".live-stem", number)
        actions.do_advance(session, instructor)  # the answer, the chart, the top five
        if position == 0:
            check(phone, "phone reveal", play, ready=".live-big", says="Đáp án đúng")
            projector_phase("reveal and leaderboard", "reveal", ".live-top li", "Đáp án đúng")
    actions.do_end(session, instructor)
    check(phone, "phone end", play, ready=".live-score", says="kết thúc")
    projector_phase("end (podium)", "ended", ".live-podium", "kết thúc")
    control = _signed_in(browser, client, instructor, asgi_server, PHONE).new_page()
    check(
        control,
        "instructor controls",
        f"{asgi_server}/live/s/{session.pk}/control/",
        ready="h2, .live-status",
    )
    check(control, "session report", f"{asgi_server}/live/s/{session.pk}/report/", ready="h1")
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)
