"""The learner API's hottest payloads built as plain dicts (issue 14, the exam
moment): the serializers in ``serializers.py`` document them (OpenAPI) and
say the same thing, field for field (tests/assessments/test_api_payloads.py),
but DRF rebuilds a ModelSerializer's fields on every instance, which cost a
Start and a Submit more than their queries."""

from __future__ import annotations

from rest_framework import serializers

from assessments.actions.attempts import timer_deadline

# DRF's own rendering of a datetime (the API's format and time zone).
_DATETIME = serializers.DateTimeField()
_FLOAT = serializers.FloatField()


def _datetime(value):
    return None if value is None else _DATETIME.to_representation(value)


def _float(value):
    return None if value is None else _FLOAT.to_representation(value)


def _text(value):
    return None if value is None else str(value)


def _common(attempt) -> dict:
    return {
        "id": attempt.pk,
        "quiz": attempt.quiz.slug,
        "number": attempt.number,
        "state": _text(attempt.state),
        "started_at": _datetime(attempt.started_at),
    }


def attempt_data(attempt) -> dict:
    """``AttemptSerializer(attempt).data``."""
    return {
        **_common(attempt),
        "deadline": _datetime(timer_deadline(attempt)),
        "submitted_at": _datetime(attempt.submitted_at),
    }


def attempt_result_data(attempt) -> dict:
    """``AttemptResultSerializer(attempt).data``."""
    return {
        **_common(attempt),
        "submitted_at": _datetime(attempt.submitted_at),
        "submitted_by_timer": attempt.submitted_by_timer,
        "points": _float(attempt.points),
        "max_points": _float(attempt.max_points),
        "percent": _float(attempt.percent),
        "passed": attempt.passed,
        "needs_grading": attempt.needs_grading,
    }


def _options(options) -> list[dict]:
    return [{"value": _text(option["value"]), "text": _text(option["text"])} for option in options]


def open_question_data(question: dict) -> dict:
    """``OpenQuestionSerializer(question).data``: never a key, a fraction or feedback."""
    return {
        "position": question["position"],
        "qtype": _text(question["qtype"]),
        "stem": _text(question["stem"]),
        "image_url": _text(question["image_url"]),
        "image_alt": _text(question["image_alt"]),
        "options": _options(question["options"]),
        "prompts": _options(question["prompts"]),
        "points": _float(question["points"]),
        "response": question["response"],
    }
