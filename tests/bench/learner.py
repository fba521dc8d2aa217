"""A signed-in learner's pages for `make bench` (issue 12): the demo learner
`hocvien`'s course page, a step page, the library item behind that step and
"Học tập của tôi", beside the signed-in minimal view (login_required, same
session) as their floor. Run in a subprocess against the bench database after
`seed_demo`:

    python -m tests.bench.learner   → "RESULT {json}": cookie, pages, queries per page

The HTTP load (tests/bench/__main__.py) sends the learner's session cookie, so
none of these is a page-cache hit; queries per page are counted here, warm."""

from __future__ import annotations

import json
import os
import sys

LEARNER = "hocvien"


def _pages(user) -> list[tuple[str, str]]:
    from django.urls import reverse

    from courses.models import Enrolment
    from courses.outline import course_page_url

    enrolment = (
        Enrolment.objects.filter(user=user, course__live=True)
        .select_related("course")
        .order_by("pk")
        .first()
    )
    course = enrolment.course
    first = course.steps.filter(page__isnull=False).order_by("sort_order", "pk").first()
    return [
        ("learner: minimal view, signed in (floor)", "/_bench/minimal-auth"),
        ("learner: course page", course_page_url(course)),
        ("learner: step page", reverse("courses:step", args=[course.slug, first.pk])),
        ("learner: library item page", first.page.url),
        ("learner: Học tập của tôi", reverse("accounts:dashboard")),
    ]


def _count(client, path) -> int:
    from tests.bench.queries import counted_queries

    client.get(path)  # warm: per-process caches, renditions, the outline
    client.get(path)  # the page the walk found is remembered on its first recall (cms.routing)
    with counted_queries() as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return len(captured)


def _signed_in_client():
    from django.test import Client

    from lms.accounts.models import User

    user = User.objects.get(username=LEARNER)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return user, client


def _cookie(client) -> str:
    """The session cookie, and the CSRF cookie as a learner's browser holds it
    once a page with a form (the sign-out one on every page) has set it."""
    from django.conf import settings

    if settings.CSRF_COOKIE_NAME not in client.cookies:
        client.get("/")
    names = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    return "; ".join(f"{name}={client.cookies[name].value}" for name in names)


def prepare_pages() -> tuple[str, list[tuple[str, str]]]:
    """The learner's session cookie and (name, path) of the pages, for the
    in-process profile (tests/bench/learner_profile.py)."""
    user, client = _signed_in_client()
    return _cookie(client), _pages(user)


def prepare() -> dict:
    user, client = _signed_in_client()
    pages = [
        {"name": name, "path": path, "queries": _count(client, path)} for name, path in _pages(user)
    ]
    return {"cookie": _cookie(client), "pages": pages}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
    import django

    django.setup()
    sys.stdout.write("RESULT " + json.dumps(prepare(), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
