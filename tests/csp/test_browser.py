"""Headless Chromium under the real Content-Security-Policy: the page scripts still
work, nothing on the page is refused, and an injected inline script is refused."""

import re

import pytest
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def open_page(browser, url, cookies=()):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    if cookies:
        context.add_cookies(list(cookies))
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.goto(url)
    return page


def violations(page):
    return page.evaluate("window.__cspViolations")


def session_cookie(client, live_server, user):
    client.force_login(user)
    value = client.cookies["sessionid"].value
    return {"name": "sessionid", "value": value, "url": live_server.url}


def test_lesson_script_runs_and_inline_script_is_refused(live_server, browser, make_item):
    lesson = make_item("Bài học: mã OTP", kind="lesson")
    page = open_page(browser, live_server.url + lesson.url)
    question = page.locator("form[data-check]").filter(has_text="Mã OTP có thể đọc")
    question.get_by_label("False").or_(question.get_by_label("Sai")).first.check()
    question.get_by_role("button").click()
    question.locator(".feedback .right").wait_for(timeout=5000)
    assert violations(page) == []

    # The policy is enforced: a script injected into the page does not run.
    page.evaluate(
        """() => { const s = document.createElement("script");
        s.textContent = "window.__injected = true"; document.body.appendChild(s); }"""
    )
    page.wait_for_function("() => window.__cspViolations.length > 0", timeout=5000)
    assert page.evaluate("window.__injected === undefined")
    assert any(v.startswith("script-src") for v in violations(page))


def test_share_link_selects_itself(
    live_server, browser, client, learner, completion_quiz, take_quiz, issuer
):
    from assessments.certificates.issuing import do_issue_if_eligible

    take_quiz(learner, completion_quiz)  # issues the certificate once committed
    do_issue_if_eligible(learner, "resident", completion_quiz.framework)
    page = open_page(
        browser,
        live_server.url + reverse("accounts:dashboard"),
        [session_cookie(client, live_server, learner)],
    )
    field = page.locator("[data-select-on-click]").first
    field.click()
    selected = page.evaluate(
        "() => { const f = document.activeElement; return f.selectionEnd - f.selectionStart; }"
    )
    assert selected == len(field.input_value()) > 0
    assert violations(page) == []


def test_api_docs_render_under_the_policy(live_server, browser, client, make_user):
    from lms.accounts.roles import Role

    page = open_page(
        browser,
        live_server.url + "/api/v1/docs/",
        [session_cookie(client, live_server, make_user(Role.ADMINISTRATOR))],
    )
    page.locator(".swagger-ui .info .title").wait_for(timeout=15_000)
    assert re.search("Học vụ số", page.locator(".swagger-ui .info .title").inner_text())
    assert violations(page) == []
