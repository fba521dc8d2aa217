"""Parsed QuestionSpecs of stored question versions, kept per process.

A QuestionVersion is frozen: editing a question adds a version, so what is
stored under one version never changes. Parsing and validating a spec is most
of a submit's Python time (30 questions: 1.5–2.6 ms of about 10 ms), paid again
by every learner of a class for the same versions; each process parses a
version once. The key holds the version's creation instant beside its id, so
a database restored or recreated under a running process (ids reused for other
questions) is never served another question's spec."""

from __future__ import annotations

from assessments.scoring import question_from_dict
from assessments.scoring.spec import QuestionSpec

# A bank of 10,000 questions with a few versions each fits; past that the memo
# starts again rather than growing without bound.
LIMIT = 20_000

_parsed: dict[tuple, QuestionSpec] = {}


def parsed_spec(version_id: int, created_at, data) -> QuestionSpec:
    key = (version_id, created_at)
    spec = _parsed.get(key)
    if spec is None:
        spec = question_from_dict(data)
        if len(_parsed) >= LIMIT:
            _parsed.clear()
        _parsed[key] = spec
    return spec
