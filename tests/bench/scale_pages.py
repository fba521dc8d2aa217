"""The in-process half of the province-scale bench (tests.bench.scale): run in
a subprocess against one bench database (DATABASE_URL, lms.settings.bench).

    --prepare   print JSON: session cookies and the URLs the HTTP load reads
    --measure   print JSON: query counts per page, the quarterly report's
                generation time, attendance for a 60-person class, the class
                report, the ranking's first (uncached) computation

Times here are wall-clock in this process on the bench's database; the HTTP
figures (p95 under concurrent load, ratios to the floor) come from scale.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

ATTENDANCE_CLASS = "bench-attendance-60"
ATTENDANCE_SIZE = 60


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.bench")
    import django

    django.setup()


def _user(username):
    from lms.accounts.models import User

    return User.objects.get(username=username)


def _learner_with_course():
    """A learner enrolled in a course with some steps done (the usual case)."""
    from courses.models import Enrolment, StepProgress

    done = (
        StepProgress.objects.filter(user__username__startswith="bench-l", done_at__isnull=False)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .first()
    )
    enrolment = Enrolment.objects.select_related("user", "course").get(user_id=done)
    steps = list(enrolment.course.steps.order_by("sort_order"))
    return enrolment.user, enrolment.course, steps


def _pages():
    """(name, username, path) of every page the bench reads."""
    from django.urls import reverse

    from lms.units.models import Unit
    from movement.benchdata.plan import PROVINCE_CODE

    province = Unit.objects.get(code=PROVINCE_CODE)
    commune = Unit.objects.filter(parent=province).order_by("code").first()
    village = Unit.objects.filter(parent=commune).order_by("code").first()
    learner, course, steps = _learner_with_course()
    return [
        (
            "dashboard, province",
            "bench-ql-province",
            reverse("movement:dashboard", args=[province.code]),
        ),
        (
            "dashboard, commune",
            "bench-ql-commune",
            reverse("movement:dashboard", args=[commune.code]),
        ),
        (
            "dashboard, village",
            "bench-ql-village",
            reverse("movement:dashboard", args=[village.code]),
        ),
        ("public ranking (commune)", None, reverse("movement:ranking", args=[commune.code])),
        (
            "course page, signed-in learner",
            learner.username,
            reverse("courses:detail", args=[course.slug]),
        ),
        (
            "step page, signed-in learner",
            learner.username,
            reverse("courses:step", args=[course.slug, steps[0].pk]),
        ),
    ]


def _client(username):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if username:
        client.force_login(_user(username))
    return client


def prepare() -> dict:
    from django.conf import settings

    pages, cookies = [], {}
    for name, username, path in _pages():
        if username and username not in cookies:
            client = _client(username)
            cookies[username] = client.cookies[settings.SESSION_COOKIE_NAME].value
        response = _client(username).get(path)
        if response.status_code != 200:
            raise SystemExit(f"{name}: {path} answered {response.status_code}")
        pages.append({"name": name, "path": path, "user": username})
    return {"pages": pages, "cookies": cookies, "cookie_name": settings.SESSION_COOKIE_NAME}


def _queries(client, path, method="get", **kwargs) -> tuple[int, float]:
    from tests.bench.queries import counted_queries

    with counted_queries() as captured:
        start = time.perf_counter()
        response = getattr(client, method)(path, **kwargs)
        elapsed = time.perf_counter() - start
    assert response.status_code == 200, (path, response.status_code)
    return len(captured), elapsed * 1000


def _p95(values):
    values = sorted(values)
    return values[max(int(len(values) * 0.95) - 1, 0)]


def page_queries() -> dict:
    from django.core.cache import cache

    figures = {}
    for name, username, path in _pages():
        client = _client(username)
        cache.clear()
        cold = _queries(client, path)  # the ranking computes here, once a day
        warm = [_queries(client, path) for _round in range(5)]
        figures[name] = {
            "queries_cold": cold[0],
            "ms_cold": round(cold[1], 1),
            "queries": warm[-1][0],
            "ms_median": round(statistics.median(ms for _q, ms in warm), 1),
        }
    return figures


def quarterly_report() -> dict:
    from django.utils import timezone

    from lms.units.models import Unit
    from movement import indicators
    from movement.actions import period_for
    from movement.benchdata.plan import PROVINCE_CODE
    from movement.models import QuarterlyReport
    from movement.reports import snapshot
    from movement.reports.files import store_files

    province = Unit.objects.get(code=PROVINCE_CODE)
    year, quarter = indicators.quarter_of(timezone.localdate())
    year, quarter = indicators.previous_quarters(year, quarter, 2)[0]
    period = period_for(year, quarter)
    start = time.perf_counter()
    figures = snapshot.build(province, period)
    built = time.perf_counter() - start
    report, _new = QuarterlyReport.objects.update_or_create(
        unit=province, period=period, defaults={"snapshot": figures, "prepared_at": timezone.now()}
    )
    start = time.perf_counter()
    store_files(report.pk)
    rendered = time.perf_counter() - start
    report.refresh_from_db()
    return {
        "quarter": f"Q{quarter}/{year}",
        "snapshot_s": round(built, 2),
        "xlsx_pdf_s": round(rendered, 2),
        "total_s": round(built + rendered, 2),
        "xlsx_bytes": report.xlsx.size,
        "pdf_bytes": report.pdf.size,
    }


def _attendance_class():
    """A 60-person class in the first village (made once, kept for reruns)."""
    from django.utils import timezone

    from courses.models import ClassMembership, ClassSession, CommunityClass
    from lms.accounts.models import User

    existing = CommunityClass.objects.filter(name=ATTENDANCE_CLASS).first()
    if existing is not None:
        return existing, existing.sessions.latest("starts_at")
    instructor = _user("bench-gv000")
    village = instructor.home_unit.children.order_by("code").first()
    community_class = CommunityClass.objects.create(
        name=ATTENDANCE_CLASS, unit=village, place_kind="cultural_house", place_name="Nhà văn hóa"
    )
    community_class.instructors.add(instructor)
    learners = User.objects.filter(username__startswith="bench-l").order_by("pk")[:ATTENDANCE_SIZE]
    ClassMembership.objects.bulk_create(
        ClassMembership(community_class=community_class, learner=learner) for learner in learners
    )
    session = ClassSession.objects.create(community_class=community_class, starts_at=timezone.now())
    return community_class, session


def attendance() -> dict:
    from django.urls import reverse

    community_class, session = _attendance_class()
    learners = list(community_class.members.values_list("learner_id", flat=True))
    client = _client("bench-gv000")
    url = reverse("classes:attendance_batch", args=[community_class.pk])
    timings, queries = [], 0
    for round_number in range(41):
        status = "present" if round_number % 2 == 0 else "absent"
        body = json.dumps(
            {"session": session.pk, "marks": [{"learner": pk, "status": status} for pk in learners]}
        )
        count, ms = _queries(client, url, "post", data=body, content_type="application/json")
        if round_number:
            timings.append(ms)
            queries = count
    return {
        "learners": len(learners),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(_p95(timings), 1),
        "queries": queries,
    }


def class_report() -> dict:
    from django.urls import reverse

    from courses.models import CommunityClass

    community_class = (
        CommunityClass.objects.filter(unit__path__startswith="BENCH/")
        .exclude(name=ATTENDANCE_CLASS)
        .order_by("pk")
        .first()
    )
    client = _client(community_class.instructors.first().username)
    figures = {"members": community_class.members.count()}
    for key, name in (("page", "classes:report"), ("xlsx", "classes:report_export")):
        url = reverse(name, args=[community_class.pk])
        runs = [_queries(client, url) for _round in range(11)][1:]
        figures[key] = {
            "queries": runs[-1][0],
            "p95_ms": round(_p95([ms for _q, ms in runs]), 1),
        }
    return figures


def measure() -> dict:
    return {
        "pages": page_queries(),
        "quarterly_report": quarterly_report(),
        "attendance": attendance(),
        "class_report": class_report(),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=["prepare", "measure"])
    args = parser.parse_args(argv)
    _setup()
    result = prepare() if args.mode == "prepare" else measure()
    sys.stdout.write("RESULT " + json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
