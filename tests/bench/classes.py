"""Attendance benchmark for `make bench` (issue 12's budget: marking a 60-person
class in one request batch under 300 ms p95). The batch goes through the real
endpoint (middleware, session, the action) with Django's test client on a
throw-away database; every round flips all 60 marks, the most work a batch
can ask for. Prints, never asserts.

    python -m tests.bench.classes
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import sys
import time

CLASS_SIZE = 60
ROUNDS = 60


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django

    django.setup()
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    with contextlib.suppress(RuntimeError):  # another report module set it up already
        setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    return runner, runner.setup_databases()


def _populate():
    from django.utils import timezone

    from courses.classes.actions import do_add_session, do_create_class
    from courses.models import ClassMembership
    from lms.accounts.models import User
    from lms.accounts.roles import Role, grant_role
    from lms.units.models import Unit

    ward = Unit.objects.create(code="B0001", name="Phường Đo", kind="ward", path="B0001/")
    instructor = User.objects.create(username="bench-gv", home_unit=ward)
    grant_role(instructor, Role.INSTRUCTOR)
    community_class = do_create_class(
        actor=instructor,
        unit=ward,
        name="Lớp đo",
        place_kind="cultural_house",
        place_name="Nhà văn hóa",
        instructors=[instructor],
    )
    session = do_add_session(
        actor=instructor, community_class=community_class, starts_at=timezone.now()
    )
    learners = User.objects.bulk_create(
        User(username=f"bench-hv{i}", full_name=f"Học viên {i}", home_unit=ward)
        for i in range(CLASS_SIZE)
    )
    ClassMembership.objects.bulk_create(
        ClassMembership(community_class=community_class, learner=learner) for learner in learners
    )
    return instructor, community_class, session, learners


def main() -> None:
    runner, old = _setup_django()
    try:
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from tests.bench.queries import counted_queries

        instructor, community_class, session, learners = _populate()
        client = Client()
        client.force_login(instructor)
        url = reverse("classes:attendance_batch", args=[community_class.pk])
        timings, queries = [], 0
        for round_number in range(ROUNDS + 1):
            status = "present" if round_number % 2 == 0 else "absent"
            body = json.dumps(
                {
                    "session": session.pk,
                    "marks": [{"learner": u.pk, "status": status} for u in learners],
                }
            )
            with counted_queries() as captured:
                start = time.perf_counter()
                response = client.post(url, body, content_type="application/json")
                elapsed = time.perf_counter() - start
            assert response.json()["changed"] == CLASS_SIZE, response.content
            if round_number:  # the first round warms caches and imports
                timings.append(elapsed)
                queries = len(captured)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"classes: {CLASS_SIZE} attendance marks in one request ({connection.vendor}): "
            f"p50 {statistics.median(timings) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms "
            f"(budget 300 ms), {queries} queries"
        )
    finally:
        runner.teardown_databases(old)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
