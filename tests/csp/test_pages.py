"""Content-Security-Policy on every page a visitor or learner sees (issue 9, point 3):
a strict header (no 'unsafe-inline' or 'unsafe-eval' for scripts) and HTML that needs
neither: no inline executable <script>, no on*= handlers, no style attributes, no
javascript: links. The two admin interfaces get a relaxed policy of their own."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from assessments.actions import start_or_resume_attempt, submit_attempt
from lms.accounts.roles import Role

pytestmark = pytest.mark.django_db

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP would block in a page's markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        kind = (attributes.get("type") or "").lower()
        if tag == "script" and not attributes.get("src") and kind not in DATA_SCRIPT_TYPES:
            self.problems.append(f"inline <script {attributes}>")
        if tag == "style":
            self.problems.append("inline <style>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> handler")
            if name == "style":
                self.problems.append(f'<{tag} style="{value}">')
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}=javascript:…>")


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def assert_strict(response):
    assert response.status_code == 200, response.status_code
    header = response.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    policy = directives(header)
    scripts = policy.get("script-src", policy.get("default-src"))
    assert scripts and "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy.get("style-src", [])
    finder = InlineCodeFinder()
    finder.feed(response.content.decode())
    assert finder.problems == []


def test_library_pages(client, make_item, library):
    items = [make_item(f"Bài {kind}", kind=kind) for kind in ("guide", "lesson", "infographic")]
    items.append(make_item("Tài liệu", kind="document"))
    for url in ["/", library["root"].url, library["shelves"]["resident"].url]:
        assert_strict(client.get(url))
    for item in items:
        assert_strict(client.get(item.url))
    assert_strict(client.get("/search/", {"q": "bai"}))


def test_account_pages(client, make_user):
    for name in ("accounts:login", "accounts:signup"):
        assert_strict(client.get(reverse(name)))
    client.force_login(make_user(Role.LEARNER))
    assert_strict(client.get(reverse("accounts:dashboard")))


def test_quiz_pages_through_an_attempt(client, quiz, make_user):
    learner = make_user(Role.LEARNER)
    client.force_login(learner)
    assert_strict(client.get(reverse("assessments:quiz_list")))
    assert_strict(client.get(reverse("assessments:quiz", args=[quiz.slug])))
    started = client.post(reverse("assessments:start", args=[quiz.slug]))
    assert started.status_code == 302
    assert_strict(client.get(started.url))
    attempt = start_or_resume_attempt(quiz, learner)
    assert_strict(client.get(reverse("assessments:finish", args=[attempt.pk])))
    submit_attempt(attempt)
    assert_strict(client.get(reverse("assessments:result", args=[attempt.pk])))


def test_certificate_pages(client, certificate, learner, settings, tmp_path):
    assert_strict(client.get(reverse("certificates:verify_form")))
    assert_strict(client.get(reverse("certificates:verify", args=[certificate.code])))
    client.force_login(learner)
    assert_strict(client.get(reverse("accounts:dashboard")))


def test_live_classroom_pages(client, session, instructor):
    assert_strict(client.get(reverse("live:join")))
    joined = client.post(reverse("live:join"), {"pin": session.pin, "name": "An"})
    assert joined.status_code == 302
    assert_strict(client.get(joined.url))
    client.force_login(instructor)
    assert_strict(client.get(f"/live/{session.pin}/present"))
    for name in ("control", "report"):
        assert_strict(client.get(reverse(f"live:{name}", args=[session.pk])))


def test_the_page_cache_keeps_the_header(client, library):
    first, second = client.get("/"), client.get("/")
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_the_admin_interfaces_get_their_own_relaxed_policy(client, make_user):
    client.force_login(make_user(Role.ADMINISTRATOR))
    for url in ("/admin/login/", "/django-admin/login/"):
        policy = directives(client.get(url)["Content-Security-Policy"])
        assert "'unsafe-inline'" in policy["script-src"]
        assert policy["object-src"] == ["'none'"]


def test_the_api_docs_load_their_script_from_a_url(client, make_user):
    client.force_login(make_user(Role.ADMINISTRATOR))
    response = client.get("/api/v1/docs/")
    assert_strict(response)


def test_an_editor_sees_the_wagtail_userbar_under_the_strict_policy(
    client, make_item, library, make_user
):
    from cms.demo.permissions import ensure_editorial_setup

    ensure_editorial_setup(library["root"])
    item = make_item("Bài có thanh công cụ")
    client.force_login(make_user(Role.EDITOR))
    response = client.get(item.url)
    assert b"wagtail-userbar" in response.content or b"userbar" in response.content
    assert_strict(response)
