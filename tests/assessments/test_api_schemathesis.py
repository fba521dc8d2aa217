"""The API against its own OpenAPI schema (issue 10, point 5): schemathesis
generates requests from /api/v1/schema/ for every operation and sends them as
each of four roles (anonymous, learner, instructor, unit manager, token auth),
in process against the Django WSGI app. Every response must be no server error
and match the schema: documented status code, content type and body.

Bounded and deterministic: a few examples per operation and generation mode,
derandomized Hypothesis, no example database, no deadline. The cases do not
depend on who sends them, and generating them costs about four times more than
sending them: they are generated once, then each role sends them all, in the
same order, from the same starting data (a savepoint rolled back after each
role), as one test per role did while generating them four times."""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi._hypothesis import can_negate_headers, can_negate_path_parameters
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from lms.accounts.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Per operation and generation mode; SCHEMATHESIS_MAX_EXAMPLES raises it for a longer hunt.
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "6"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ROLES = ["anonymous", "learner", "instructor", "manager"]


@pytest.fixture(autouse=True)
def _quiet_request_log():
    # Thousands of expected 4xx would each log a warning.
    import logging

    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture
def wsgi_app():
    """The WSGI app sharing the test's database transaction: as Django's test
    client does, keep request signals from closing the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(make_user, unit_tree, bank, make_quiz):
    """Something behind each endpoint: a quiz with questions, an attempt, users."""
    from assessments.actions import start_or_resume_attempt

    users = {
        "learner": make_user(Role.LEARNER, home_unit=unit_tree["village"]),
        "instructor": make_user(Role.INSTRUCTOR, audience="", home_unit=unit_tree["hoan_kiem"]),
        "manager": make_user(Role.UNIT_MANAGER, audience="", home_unit=unit_tree["hoan_kiem"]),
    }
    quiz = make_quiz(bank, slug="kiem-tra-api", time_limit_minutes=30)
    start_or_resume_attempt(quiz, users["learner"])
    return users


def can_break_an_input(operation) -> bool:
    """Whether a negative case of ``operation`` can break any input, by
    schemathesis's own test (``_draw_negated_locations``). Where it cannot (no
    input, or only path strings without constraints: a path value is always a
    string), schemathesis rejects every case it draws, and Hypothesis draws
    about 460 before it calls the operation unsatisfiable: seconds spent to
    send nothing."""
    for location in (
        ParameterLocation.PATH,
        ParameterLocation.HEADER,
        ParameterLocation.COOKIE,
        ParameterLocation.QUERY,
    ):
        if not operation.get_parameter_set(location).schema["properties"]:
            continue
        if location == ParameterLocation.PATH and not can_negate_path_parameters(operation):
            continue
        if location.is_in_header and not can_negate_headers(operation, location):
            continue
        return True
    return bool(operation.body) and any(item.is_negatable for item in operation.body.items)


def generate_cases(operation, mode) -> list:
    """The cases Hypothesis draws for ``operation`` in ``mode``, in order."""
    cases = []
    if mode == GenerationMode.NEGATIVE and not can_break_an_input(operation):
        return cases

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def record(case):
        cases.append(case)

    try:
        record()
    except Unsatisfiable:
        # Negative mode has nothing to break in an operation without inputs.
        assert mode == GenerationMode.NEGATIVE, operation.label
    return cases


def send_as(role, headers, cases, counts, failures):
    """Every case as ``role``, from the data the test started with."""
    from django.core.cache import cache

    cache.clear()
    with transaction.atomic():
        for operation, mode, case in cases:
            response = case.call(headers=headers)
            counts[response.status_code] += 1
            try:
                case.validate_response(response, checks=CHECKS)
            except (AssertionError, FailureGroup) as failure:
                failures.append(
                    f"{role}: {operation.label} [{mode}] {response.status_code}: {failure}"[:600]
                )
        transaction.set_rollback(True)


def test_api_conforms_to_its_schema_for_every_role(api_data, wsgi_app, capsys):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    cases = [
        (operation, mode, case)
        for operation in operations
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        for case in generate_cases(operation, mode)
    ]
    failures: list[str] = []
    for role in ROLES:
        headers = {}
        if role != "anonymous":
            token, _created = Token.objects.get_or_create(user=api_data[role])
            headers["Authorization"] = f"Token {token.key}"
        counts: Counter = Counter()
        send_as(role, headers, cases, counts, failures)
        with capsys.disabled():
            print(
                f"\nschemathesis {role}: {len(operations)} operations, {sum(counts.values())} "
                f"requests, status {dict(sorted(counts.items()))}"
            )
        assert 500 not in counts, role
    assert not failures, "\n".join(dict.fromkeys(failures))
