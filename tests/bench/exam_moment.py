"""One start, one save and one submit in isolation, through the learner API
(numbers for `make bench`, never asserted in tests).

    python -m tests.bench.exam_moment [--learners 15] [--answers 30] [--profile submit]
        [--top 30] [--sort cumulative] [--cpu-timer]

For quizzes of 5 and 30 questions (random rules drawing from the bank, as the
completion quizzes do): queries per request and the median server time of each
step over several learners, in a throwaway test database on DATABASE_URL.
Server time is measured in process with Django's test client (no network), so it
is the view + ORM cost the issue's "start ≤ 8 ms" goal speaks of; "cpu" is this
process's CPU time for the request (steadier than wall time on a busy machine;
PostgreSQL's own work is not in it).

``--answers N``: each learner has answered N questions (the first timed as
"save", the rest untimed) before Submit, as in the load tool's exam moment;
``--cpu-timer``: the profile counts CPU time, not wall time (waits on
PostgreSQL and Redis then cost nothing in it)."""

from __future__ import annotations

import statistics
import time

from tests.bench.assessments import _setup_django, _specs

LEARNERS = 15
ANSWERS = 1
SIZES = (5, 30)


def _bank(count: int):
    from assessments.actions import QuestionData, category_for_path, do_create_question
    from lms.framework.models import Competency, FrameworkVersion

    framework = FrameworkVersion.objects.current()
    category = category_for_path(f"Bench/Exam {count}")
    for spec in _specs(count * 3):
        do_create_question(
            QuestionData(
                name=f"exam-{count}-{spec.id}",
                stem="<p>?</p>",
                spec=spec,
                category=category,
                status="published",
                usage="practice",
                competencies=list(
                    Competency.objects.filter(framework=framework, code__in=spec.competency_codes)
                ),
                audiences=["resident"],
            )
        )
    return category


def _quiz(count: int):
    from assessments.models import Quiz, QuizRule, RuleKind
    from lms.framework.models import FrameworkVersion

    category = _bank(count)
    quiz = Quiz.objects.create(
        title=f"Exam {count}",
        slug=f"exam-{count}",
        audience="resident",
        framework=FrameworkVersion.objects.current(),
        is_published=True,
        max_attempts=0,
    )
    QuizRule.objects.create(
        quiz=quiz, position=0, kind=RuleKind.RANDOM, category=category, count=count
    )
    return quiz


def _answer(question: dict):
    from tests.bench.classroom import response_for

    return response_for(question)


class _AsLearner:
    """The shared test client with one learner's token on every request."""

    def __init__(self, client, token):
        self.client, self.auth = client, f"Token {token}"

    def post(self, path, *args, **kwargs):
        return self.client.post(path, *args, HTTP_AUTHORIZATION=self.auth, **kwargs)

    def get(self, path, *args, **kwargs):
        return self.client.get(path, *args, HTTP_AUTHORIZATION=self.auth, **kwargs)

    def put(self, path, *args, **kwargs):
        return self.client.put(path, *args, HTTP_AUTHORIZATION=self.auth, **kwargs)


# --profile STEP: the cProfile of that step over the 30-question quiz's learners.
PROFILED: dict = {"step": None, "profile": None}


def _timed(call, step: str = "", count: int = 0):
    from tests.bench.queries import counted_queries

    profile = PROFILED["profile"] if (step, count) == (PROFILED["step"], SIZES[-1]) else None
    with counted_queries() as queries:
        started, cpu = time.perf_counter(), time.process_time()
        if profile is not None:
            profile.enable()
        response = call()
        if profile is not None:
            profile.disable()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return response, (elapsed * 1000, cpu * 1000), len(queries)


def _answer_rest(client, attempt: dict, answers: int) -> None:
    """Save answers 2..``answers`` of the attempt, untimed."""
    if answers <= 1:
        return
    response = client.get(f"/api/v1/attempts/{attempt['id']}/")
    for question in response.json()["questions"][1:answers]:
        saved = client.put(
            f"/api/v1/attempts/{attempt['id']}/answers/{question['position']}/",
            {"response": _answer(question)},
            content_type="application/json",
        )
        assert saved.status_code == 200, saved.content[:300]


def measure(count: int, learners: int = LEARNERS, answers: int = ANSWERS) -> dict:
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from lms.accounts.models import User

    quiz = _quiz(count)
    steps = {"start": [], "save": [], "submit": []}
    queries = {}
    sizes = {"start": [], "save": [], "submit": []}
    # One client for everyone: a new Client builds a new handler, whose
    # middleware set-up (WhiteNoise scanning the static files) is no request's cost.
    shared = Client()
    for index in range(learners):
        user = User.objects.create(username=f"exam-{count}-{index}", audience="resident")
        token = Token.objects.create(user=user).key
        client = _AsLearner(shared, token)
        response, ms, n = _timed(
            lambda client=client: client.post(f"/api/v1/quizzes/{quiz.slug}/start/"),
            "start",
            count,
        )
        assert response.status_code == 201, response.content[:300]
        steps["start"].append(ms)
        queries["start"] = n
        sizes["start"].append(len(response.content))
        attempt = response.json()
        first = attempt["questions"][0]
        response, ms, n = _timed(
            lambda client=client, attempt=attempt, first=first: client.put(
                f"/api/v1/attempts/{attempt['id']}/answers/{first['position']}/",
                {"response": _answer(first)},
                content_type="application/json",
            ),
            "save",
            count,
        )
        assert response.status_code == 200, response.content[:300]
        steps["save"].append(ms)
        queries["save"] = n
        sizes["save"].append(len(response.content))
        _answer_rest(client, attempt, answers)
        response, ms, n = _timed(
            lambda client=client, attempt=attempt: client.post(
                f"/api/v1/attempts/{attempt['id']}/submit/"
            ),
            "submit",
            count,
        )
        assert response.status_code == 200, response.content[:300]
        steps["submit"].append(ms)
        queries["submit"] = n
        sizes["submit"].append(len(response.content))
    # The first learner warms caches; the median is over the rest.
    figures = {
        step: (
            statistics.median(wall for wall, _cpu in values[1:]),
            statistics.median(cpu for _wall, cpu in values[1:]),
            queries[step],
            statistics.median(sizes[step]),
        )
        for step, values in steps.items()
    }
    return figures


def _setup():
    try:
        return _setup_django()
    except RuntimeError:  # `make bench` ran tests.bench.assessments first, same process
        from django.test.runner import DiscoverRunner

        runner = DiscoverRunner(verbosity=0, interactive=False)
        return runner, runner.setup_databases()


def main(
    learners: int = LEARNERS,
    profile: str | None = None,
    top: int = 30,
    sort: str = "tottime",
    answers: int = ANSWERS,
    cpu_timer: bool = False,
) -> None:
    if profile:
        import cProfile

        timer = (time.process_time,) if cpu_timer else ()
        PROFILED.update(step=profile, profile=cProfile.Profile(*timer))
    runner, old = _setup()
    try:
        import io

        from django.core.management import call_command
        from django.db import connection

        call_command("load_framework", stdout=io.StringIO())
        for count in SIZES:
            figures = measure(count, learners, answers)
            parts = [
                f"{step} {wall:.1f} ms (cpu {cpu:.1f} ms) / {n} queries / {size:,.0f} bytes"
                for step, (wall, cpu, n, size) in figures.items()
            ]
            print(
                f"exam moment, {count}-question quiz ({connection.vendor}, "
                f"{min(answers, count)} answered, median of {learners - 1} learners): "
                + ", ".join(parts)
            )
        if profile:
            import pstats

            pstats.Stats(PROFILED["profile"]).sort_stats(sort).print_stats(top)
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=LEARNERS)
    parser.add_argument("--answers", type=int, default=ANSWERS, help="answered before Submit")
    parser.add_argument("--profile", choices=("start", "save", "submit"))
    parser.add_argument("--cpu-timer", action="store_true", help="profile CPU, not wall time")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime", help="pstats order, e.g. cumulative")
    arguments = parser.parse_args()
    main(
        arguments.learners,
        arguments.profile,
        arguments.top,
        arguments.sort,
        arguments.answers,
        arguments.cpu_timer,
    )
