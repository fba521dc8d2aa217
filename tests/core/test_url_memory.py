"""The site's URL patterns remember where each path leads (lms/core/url_memory.py):
a path served by Wagtail's catch-all no longer tries every other pattern on each
request, and every path still leads where it led (view, arguments, names)."""

from unittest import mock

import pytest
from django.urls import Resolver404, URLPattern, get_resolver, resolve, reverse

from lms.core import url_memory


def _pattern_tries():
    return mock.patch.object(URLPattern, "resolve", autospec=True, side_effect=URLPattern.resolve)


def test_a_page_path_tries_the_patterns_once_per_process():
    resolve("/khoa-hoc/mot-khoa/")
    with _pattern_tries() as tried:
        match = resolve("/khoa-hoc/mot-khoa/")
    assert tried.call_count == 0
    assert match.url_name == "wagtail_serve"
    assert match.args == ("khoa-hoc/mot-khoa/",)


@pytest.mark.parametrize(
    "path",
    [
        "/courses/an-toan/steps/4/",
        "/accounts/me/",
        "/quizzes/",
        "/khoa-hoc/an-toan/",
        "/api/v1/nothing-here",
        "/certificates/verify/ABCD2345/",
    ],
)
def test_every_path_leads_where_it_led(path):
    root = get_resolver()
    remembering = next(
        p for p in root.url_patterns if isinstance(p, url_memory.RememberingResolver)
    )
    remembering.forget()
    first = resolve(path)  # tried in order
    again = resolve(path)  # remembered
    for match in (first, again):
        assert (match.func, match.args, match.kwargs) == (first.func, first.args, first.kwargs)
        assert (match.view_name, match.namespaces, match.route) == (
            first.view_name,
            first.namespaces,
            first.route,
        )
    # Each request gets its own arguments: a view changing them changes nothing for the next.
    again.kwargs["changed"] = True
    assert "changed" not in resolve(path).kwargs


def test_names_still_reverse_and_unknown_paths_still_404():
    assert reverse("courses:step", args=["an-toan", 4]) == "/courses/an-toan/steps/4/"
    assert reverse("accounts:dashboard") == "/accounts/me/"
    with pytest.raises(Resolver404):
        resolve("/accounts/no-such-page")


def test_the_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(url_memory, "MAX_REMEMBERED", 3)
    root = get_resolver()
    remembering = next(
        p for p in root.url_patterns if isinstance(p, url_memory.RememberingResolver)
    )
    remembering.forget()
    for n in range(10):
        resolve(f"/junk-{n}/")
    assert len(remembering._matches) <= 3
