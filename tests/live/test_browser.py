"""Headless Chromium: an instructor (controls + projector) and three phones play
a whole session over real WebSockets; one phone loses its page and comes back."""

import socket
import threading
import time

import pytest
from django.conf import settings

from assessments.live import actions

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.timeout(300, func_only=True),
]

RECORDED = "đã ghi nhận câu trả lời"


def recorded_or_result(page):
    """ "Recorded" for everyone but the last to answer: their answer closes the
    question, and the result may replace the message before we look."""
    page.locator(".live-recorded, .live-result").first.wait_for(timeout=10000)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def asgi_server():
    """uvicorn in a thread of this process (it shares the test database),
    serving pages, static files and WebSockets like `make run` does."""
    import uvicorn
    from channels.routing import ProtocolTypeRouter
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.core.asgi import get_asgi_application

    import lms.asgi

    app = ProtocolTypeRouter(
        {
            "http": ASGIStaticFilesHandler(get_asgi_application()),
            "websocket": lms.asgi.application.application_mapping["websocket"],
        }
    )
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def test_whole_session_with_three_phones(asgi_server, browser, instructor, live_questions, client):
    session = actions.do_start_session(
        instructor,
        questions=live_questions[:2],  # single choice, true/false
        options=actions.SessionOptions(title="Lớp thử", seconds_per_question=60),
    )
    client.force_login(instructor)
    teacher = browser.new_context(viewport={"width": 390, "height": 844})
    teacher.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": asgi_server,
            }
        ]
    )
    control = teacher.new_page()
    control.goto(f"{asgi_server}/live/s/{session.pk}/control/")
    projector = teacher.new_page()
    projector.goto(f"{asgi_server}/live/{session.pin}/present")
    assert projector.locator(".live-pin").inner_text().replace(" ", "") == session.pin
    assert projector.locator(".live-qr svg").count() == 1

    phones = []
    for name in ("An", "Bảo", "<b>Chi</b>"):
        context = browser.new_context(viewport={"width": 360, "height": 740})
        page = context.new_page()
        page.goto(f"{asgi_server}/live/?pin={session.pin}")
        page.fill("input[name=name]", name)
        page.click("button[type=submit]")
        phones.append((context, page))
    # The HTML name is refused with a message and nothing is injected.
    chi = phones[2][1]
    assert chi.locator(".form-errors").count() == 1
    chi.fill("input[name=name]", "Chi")
    chi.click("button[type=submit]")
    for _context, page in phones:
        page.wait_for_selector(".live-wait, .live-big", timeout=10000)
    projector.wait_for_function(
        "() => document.querySelector('[data-participants]').textContent === '3'"
    )

    control.click("[data-next]")
    for _context, page in phones[:2]:
        page.locator(".live-option").first.click()
        page.get_by_text(RECORDED).wait_for(timeout=10000)
    projector.locator("[data-answered]").get_by_text("2 / 3").wait_for(timeout=10000)

    # Chi's phone loses the page (network gone, tab killed) and comes back.
    context, lost = phones[2]
    lost.close()
    back = context.new_page()
    back.goto(f"{asgi_server}/live/s/{session.pk}/")
    back.locator(".live-option").nth(1).click()
    recorded_or_result(back)
    phones[2] = (context, back)

    # Everyone answered: the answer, the chart and the top five appear by themselves.
    projector.locator(".live-chart").wait_for(timeout=10000)
    projector.locator(".live-top li").nth(2).wait_for(timeout=10000)
    for _context, page in phones:
        page.locator(".live-score").wait_for(timeout=10000)

    control.click("[data-next]")  # question 2
    for _context, page in phones:
        page.locator(".live-option").first.click()
        recorded_or_result(page)
    projector.locator(".live-chart").wait_for(timeout=10000)
    control.click("[data-next]")  # podium
    projector.locator(".live-podium").wait_for(timeout=10000)
    for _context, page in phones:
        page.locator(".live-podium").wait_for(timeout=10000)
        assert "1" in page.locator(".live-big").inner_text() or page.locator(".live-big").count()
    assert session.answers.count() == 6
    assert "<b>" not in projector.content().split("live-top")[-1]
